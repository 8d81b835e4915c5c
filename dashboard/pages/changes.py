"""What changed since the previous snapshot: joined, left or moved network, level or contract changed."""

import streamlit as st

from dashboard import charts, queries
from dashboard.filters import choose_view
from dashboard.summaries import change_counts, month_name
from dashboard.tables import show_chart, show_table

st.title("Changes")
view = choose_view()
changes = queries.changes_since_previous(view.version, view.ccgs, view.month)
headline = queries.headline(view.version, view.ccgs, view.month)
previous = headline.loc[headline["compared"] == "previous", "snapshot_date"]
if previous.empty:
    st.info(
        f"{month_name(view.month)} is the first snapshot of {view.ccg_text}: "
        "there is nothing to compare it with."
    )
    st.stop()

since = previous.iloc[0]
st.caption(
    f"Each practice compared with its CCG's previous snapshot (for {view.ccg_text}: {month_name(since)})."
)
counts = change_counts(changes)
show_chart(
    charts.changes_by_kind(counts, since, view.month),
    counts,
    key="change_counts",
    file_name=f"change_counts_{view.month:%Y-%m}.csv",
)

st.header("Every change")
if changes.empty:
    st.info(f"Nothing changed between {month_name(since)} and {month_name(view.month)}.")
else:
    chosen = st.multiselect(
        "Show these changes",
        [c for c in counts["change"] if c in set(changes["change"])],
        key="change_filter",
        placeholder="Every change",
    )
    shown = changes[changes["change"].isin(chosen)] if chosen else changes
    show_table(shown, key="changes", file_name=f"changes_{view.month:%Y-%m}.csv")

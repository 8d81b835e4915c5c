"""What changed since the previous month: joined, left or moved network, opened, closed, level, contract."""

import streamlit as st

from dashboard.content.changes import changes_content, with_any_kind
from dashboard.plain import plain
from dashboard.ui.cache import cached
from dashboard.ui.filters import choose_view
from dashboard.ui.tables import show_charts, show_table

st.title("Changes")
version, view = choose_view()
content = cached(changes_content, version, view)
if content.first_month_text:
    st.info(plain(content.first_month_text))
    st.stop()

st.caption(
    f"Each practice compared with its area's previous month with data (for {plain(view.scope)}: "
    f"{content.since}), from the same source: the tracker with the tracker, the official files with "
    "the official files. Practices that opened or closed appear once, as opened or closed."
)
show_charts(content.charts)

st.header("Every change")
if not content.changes.empty:
    chosen = st.multiselect(
        "Show these changes",
        [c for c, n in content.counts.itertuples(index=False) if n],
        key="change_filter",
        placeholder="Every change",
    )
    shown = with_any_kind(content.changes, chosen) if chosen else content.changes
    show_table(shown, key="changes", file_name=f"changes_{view.month:%Y-%m}.csv", every_row=len(shown) <= 200)

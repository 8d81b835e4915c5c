"""Integration milestones as they stood on the last day of the chosen month: overdue, due soon, late."""

import streamlit as st

from dashboard import charts, queries
from dashboard.filters import choose_view
from dashboard.summaries import status_counts
from dashboard.tables import show_chart, show_table

MAX_ROWS = 60  # a taller timeline cannot be read; the most pressing milestones come first

st.title("Milestones")
view = choose_view()
milestones = queries.milestone_statuses(view.version, view.ccgs, view.month)
if milestones.empty:
    st.info("No milestones are registered for the chosen CCGs.")
    st.stop()

judged_on = milestones["judged_on"].iloc[0]
st.caption(
    f"Each status is judged on {judged_on:%d %B %Y}, the last day of the chosen month: "
    "a milestone achieved after that day counts as not yet achieved."
)
counts = status_counts(milestones)
for column, (status, number) in zip(
    st.columns(len(counts), border=True), counts.itertuples(index=False), strict=True
):
    column.metric(status, f"{number:,}")

charted = milestones.head(MAX_ROWS)  # already ordered: overdue first
if len(milestones) > MAX_ROWS:
    st.caption(f"The timeline shows the {MAX_ROWS} most pressing of {len(milestones):,} milestones.")
show_chart(
    charts.milestone_timeline(charted),
    milestones,
    key="milestone_timeline",
    file_name=f"milestones_{view.month:%Y-%m}.csv",
)

st.header("Every milestone")
chosen = st.multiselect(
    "Show milestones with these statuses",
    counts["status"].tolist(),
    key="status_filter",
    placeholder="Every status",
)
shown = milestones[milestones["status"].isin(chosen)] if chosen else milestones
show_table(shown, key="milestones", file_name=f"milestone_statuses_{view.month:%Y-%m}.csv")

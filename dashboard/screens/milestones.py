"""Integration milestones as they stood on the last day of the chosen month: overdue, due soon, late."""

import streamlit as st

from dashboard.content.milestones import milestones_content
from dashboard.plain import plain
from dashboard.ui.cache import cached
from dashboard.ui.filters import choose_view
from dashboard.ui.tables import show_charts, show_table

st.title("Milestones")
version, view = choose_view()
content = cached(milestones_content, version, view)
if content.empty_text or content.timeline is None or content.judged_on is None:
    st.info(plain(content.empty_text or "No milestones."))
    st.stop()

st.caption(
    f"Each status is judged on {content.judged_on:%-d %B %Y}, the last day of the chosen month: "
    "a milestone achieved after that day counts as not yet achieved. Source: the tracker's register."
)
if content.returns:  # returns years older than the month are dated beside the statuses they judge
    st.caption(content.returns.sentence)
for column, (status, number) in zip(
    st.columns(len(content.counts), border=True), content.counts.itertuples(index=False), strict=True
):
    column.metric(status, f"{number:,}")
show_charts(content.charts)

st.header("Every milestone")
chosen = st.multiselect(
    "Show milestones with these statuses",
    content.counts["status"].tolist(),
    key="status_filter",
    placeholder="Every status",
)
shown = content.milestones[content.milestones["status"].isin(chosen)] if chosen else content.milestones
show_table(
    shown,
    key="milestones",
    file_name=f"milestone_statuses_{view.month:%Y-%m}.csv",
    column_config={
        "area": st.column_config.TextColumn("Area", width="medium"),
        "network_name": st.column_config.TextColumn("Network", width="medium"),
        "milestone": st.column_config.TextColumn("Milestone", width="large"),
        "status": st.column_config.TextColumn("Status", width="medium"),
        "due_date": st.column_config.DateColumn("Due date", format="D MMMM YYYY", width="medium"),
        "achieved_date": st.column_config.DateColumn("Achieved date", format="D MMMM YYYY", width="medium"),
        "notes": st.column_config.TextColumn("Notes", width="large"),
    },
    every_row=True,
    on_screen=[column for column in shown.columns if column != "tracker_returns_as_at"],  # said above
)

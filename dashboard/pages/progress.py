"""Progress toward every practice in a network: the headline, coverage over time, integration levels."""

import streamlit as st

from dashboard import charts, queries
from dashboard.boardpack_build import build_board_pack
from dashboard.boardpack_images import BrowserMissing
from dashboard.filters import choose_view
from dashboard.summaries import (
    combined_coverage,
    compared_rows,
    headline_figures,
    headline_table,
    latest_official_coverage,
    month_name,
)
from dashboard.tables import show_chart, show_table

MAX_CCG_LINES = 8  # beyond this a chart of one line per CCG is unreadable; the chosen CCGs are summed

st.title("Progress")
view = choose_view()
# the pack takes seconds to draw, so it is drawn when asked for, never on an ordinary run of the page
with st.sidebar:
    if st.button(
        "Board pack (PDF)",
        key="board_pack",
        icon=":material/picture_as_pdf:",
        help="The headline, every chart of Progress, Networks and Milestones, the practices needing "
        "support and the overdue milestones, for the CCGs and month chosen, A4 landscape",
    ):
        with st.spinner("Drawing the board pack…"):
            try:
                pack = build_board_pack(view.version, view.ccgs, view.month, every_ccg=view.every_ccg)
                st.session_state["board_pack_drawn"] = (view, pack.pdf_name, pack.pdf)
            except BrowserMissing as error:
                st.error(f"{str(error)[:1].upper()}{str(error)[1:]}.", icon=":material/error:")
    drawn = st.session_state.get("board_pack_drawn")
    if drawn is not None and drawn[0] == view:  # a pack of other filters is not offered as this one
        st.download_button(
            f"Download {drawn[1]}",
            data=drawn[2],
            file_name=drawn[1],
            mime="application/pdf",
            key="board_pack_download",
            on_click="ignore",
            icon=":material/download:",
            type="primary",
        )
headline = queries.headline(view.version, view.ccgs, view.month)
coverage = queries.coverage_by_month(view.version, view.ccgs, view.month)
combined = combined_coverage(coverage)
figures = headline_figures(headline)
before = compared_rows(headline)[1]
since = "no earlier snapshot" if before is None else month_name(before["snapshot_date"])
st.caption(
    "There is no earlier snapshot to compare with."
    if before is None
    else f"Changes are since the previous snapshot, {since}."
)
# the share is the headline, so it gets the widest box and its history as a sparkline
for row, widths in ((figures[:3], [2, 1.3, 1]), (figures[3:], [0.9, 1.5, 1.2, 1.2, 1.2, 1.1])):
    for column, figure in zip(st.columns(widths, border=True), row, strict=True):
        column.metric(
            figure.label,
            figure.value,
            figure.change,
            delta_color=figure.colour,
            delta_arrow="off" if figure.colour == "off" else "auto",
            help=figure.help,
            chart_data=combined["coverage_pct"].tolist() if figure is figures[0] else None,
        )
with st.expander("The headline as a table"):
    show_table(headline_table(figures, since), key="headline", file_name=f"headline_{view.month:%Y-%m}.csv")

st.header("Coverage over time")
projection = queries.coverage_projection(view.version, view.ccgs, view.month)
if len(view.ccgs) > MAX_CCG_LINES:
    st.caption(f"{len(view.ccgs)} CCGs are chosen, so the chart shows them together; the table has each one.")
    figure = charts.coverage_over_time(combined.assign(ccg_code="Chosen CCGs"))
else:
    figure = charts.coverage_over_time(coverage, projection)
show_chart(figure, coverage, key="coverage", file_name=f"coverage_{view.month:%Y-%m}.csv")

st.subheader("When each CCG would reach 100% at its recent pace")
st.caption(
    "A straight line through each CCG's last 6 snapshots. "
    "'not at the current pace' means coverage has been flat or falling."
)
show_table(
    projection[
        ["ccg_code", "latest_month", "coverage_pct", "snapshots_in_trend", "points_per_month", "reaches_100"]
    ],
    key="projection",
    file_name=f"reaching_100_{view.month:%Y-%m}.csv",
)

if queries.official_data_loaded(view.version):
    st.header("Official PCN coverage beside the tracker's")
    official = queries.official_coverage_by_month(view.version, view.ccgs, view.month)
    for column, (label, value) in zip(st.columns(2), latest_official_coverage(official), strict=False):
        column.metric(label, value, help="Open GP practices with a current ePCN membership spell")
    show_chart(
        charts.official_coverage_over_time(official),
        official,
        key="official_coverage",
        file_name=f"official_coverage_{view.month:%Y-%m}.csv",
    )

st.header("Integration levels")
mix = queries.integration_mix_by_month(view.version, view.ccgs, view.month)
show_chart(
    charts.integration_mix_over_time(mix),
    mix.pivot(index="snapshot_date", columns="integration_level", values="practices").fillna(0).reset_index(),
    key="integration_mix",
    file_name=f"integration_levels_by_month_{view.month:%Y-%m}.csv",
)
by_contract = queries.integration_by_contract(view.version, view.ccgs, view.month)
show_chart(
    charts.integration_by_contract(by_contract, view.month),
    by_contract.pivot(index="integration_level", columns="contract_type", values="practices")
    .fillna(0)
    .reset_index(),
    key="integration_by_contract",
    file_name=f"integration_by_contract_{view.month:%Y-%m}.csv",
)

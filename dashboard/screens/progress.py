"""Progress toward every practice in a network: the headline, coverage over time, integration levels."""

from pathlib import Path

import streamlit as st

from dashboard.content.common import patients_note_for
from dashboard.content.progress import progress_content
from dashboard.plain import plain
from dashboard.ui.cache import cached
from dashboard.ui.filters import choose_view
from dashboard.ui.tables import show_chart, show_charts, show_table

st.title("Progress")
version, view = choose_view()
# the pack takes seconds to draw, so it is drawn when asked for, never on an ordinary run of the page
with st.sidebar:
    if st.button(
        "Board pack (PDF)",
        key="board_pack",
        help="The headline, a table by area (sub-ICB locations of an ICB, ICBs of England or a region), "
        "the coverage charts, every practice left out, the networks outside the band and the overdue "
        "milestones, for the areas and month chosen, A4 landscape; with the call list as CSV",
    ):
        from dashboard.boardpack import build_board_pack_or_message

        with st.spinner("Drawing the board pack…"):
            pack = build_board_pack_or_message(Path(version.path), view)
        if isinstance(pack, str):
            st.error(pack)
        else:
            st.session_state["board_pack_drawn"] = (view, pack.pdf_name, pack.pdf)
            st.session_state["board_pack_csv"] = (view, pack.contents.csv_name, pack.csv)
    drawn = st.session_state.get("board_pack_drawn")
    if drawn is not None and drawn[0] == view:  # a pack of other filters is not offered as this one
        st.download_button(
            f"Download {drawn[1]}",
            data=drawn[2],
            file_name=drawn[1],
            mime="application/pdf",
            key="board_pack_download",
            on_click="ignore",
            type="primary",
        )
    listed = st.session_state.get("board_pack_csv")
    if listed is not None and listed[0] == view:  # the call list the pack points to for what it cuts
        st.download_button(
            "Download its call list (CSV)",
            data=listed[2],
            file_name=listed[1],
            mime="text/csv",
            key="board_pack_csv_download",
            on_click="ignore",
        )

content = cached(progress_content, version, view)
st.caption(f"Source: {content.source}. {content.since_text}")
# the share is the headline, so it shares its row with one figure only: "6,756 of 7,025 (96.2%)" fits
# whole at 1280 pixels; the other figures follow four to a row
rows = [(content.figures[:2], [3, 2])] + [
    (content.figures[start : start + 4], [1] * 4) for start in range(2, len(content.figures), 4)
]
for row, widths in rows:
    if row:
        for column, figure in zip(st.columns(widths[: len(row)], border=True), row, strict=True):
            column.metric(
                figure.label,
                figure.value,
                figure.change,
                delta_color=figure.colour,
                delta_arrow="off" if figure.colour == "off" else "auto",
                help=figure.help,
            )
headline_table = content.headline_table
if patients := cached(patients_note_for, version, view):  # old list sizes are dated beside them
    st.caption(f"{patients}: the newest list sizes loaded for these practices.")
    headline_table = headline_table.assign(patients_as_at=patients.removeprefix("Registered patients as at "))
peers = content.peers
if peers.england:  # England beside the area's own figure, and where it stands among its peers
    st.markdown(f"**{plain(peers.england)}**" + (f"  \n{plain(peers.standing)}" if peers.standing else ""))
if peers.chart is not None:
    show_chart(peers.chart)
with st.expander("The headline as a table"):
    show_table(headline_table, key="headline", file_name=f"headline_{view.month:%Y-%m}.csv")

# coverage over time with when each area would reach 100%, official coverage, integration levels
show_charts(content.charts)

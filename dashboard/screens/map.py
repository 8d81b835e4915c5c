"""The month's coverage on a map: ICBs for England, sub-ICB locations and their practices for a choice.

Clicking an area's dot (or drawing a box round several) chooses it for every page, as the sidebar does.
"""

import streamlit as st

from dashboard.content.map import ICB_LEVEL, map_content
from dashboard.geography import ATTRIBUTION
from dashboard.plain import plain
from dashboard.ui.cache import cached
from dashboard.ui.filters import choose_view
from dashboard.ui.map_choice import MAP_CHART_KEY, MAP_LIST_KEY, choose_from_list, choose_from_map
from dashboard.ui.tables import show_table

st.title("Map")
version, view = choose_view()
content = cached(map_content, version, view)
chart = content.chart
kind = "ICB" if content.level == ICB_LEVEL else "area"
if chart.note:
    st.caption(plain(chart.note))
if chart.figure is None:
    st.info(plain(chart.empty_text or "Nothing to show for this choice."))
    st.stop()
st.caption(plain(content.alternative))
st.plotly_chart(
    chart.figure,
    theme=None,
    key=MAP_CHART_KEY,
    on_select=lambda: choose_from_map(content.level),
    selection_mode=("points", "box", "lasso"),
    config={"displaylogo": False, "scrollZoom": True},
)
st.selectbox(
    f"Or choose an {kind} shown on the map",
    ["", *content.choices],
    key=MAP_LIST_KEY,
    format_func=lambda code: f"Choose an {kind}…" if not code else content.choices[code],
    on_change=lambda: choose_from_list(content.level),
    help=f"Choosing an {kind} here or clicking its dot on the map shows it on every page.",
)
st.caption(plain(ATTRIBUTION))

st.header(f"The map's numbers by {'ICB' if content.level == ICB_LEVEL else 'sub-ICB location'}")
show_table(
    chart.numbers, key="map_numbers", file_name=chart.file_name, on_screen=list(chart.numbers.columns[:4])
)
if content.practices is not None:
    st.header("The practices on the map")
    st.caption(
        "Practices left out come first. PCNs have no official boundary: each practice names its network, "
        "and a dotted line around a PCN's practices shows roughly where it is."
    )
    show_table(content.practices, key="map_practices", file_name=f"map_practices_{view.month:%Y-%m}.csv")

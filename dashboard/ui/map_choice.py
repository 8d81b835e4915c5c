"""Choosing areas on the map: a click on an area's dot (or a box round several) sets the same filters as
the sidebar, so every page then shows that choice. Streamlit callbacks, run before the page reruns."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.charts.map import AREA_POINT
from dashboard.content.map import ICB_LEVEL

MAP_CHART_KEY = "map_chart"
MAP_LIST_KEY = "map_choice"


def chosen_on_map(selection: Any) -> list[str]:
    """The codes of the areas whose dots a selection holds, in order, each once."""
    points = selection.get("points", []) if selection else []
    codes = [
        point["customdata"][1]
        for point in points
        if isinstance(point.get("customdata"), list | tuple) and point["customdata"][:1] == [AREA_POINT]
    ]
    return list(dict.fromkeys(codes))


def choose_from_map(level: str) -> None:
    """The map's selection changed: choose the areas whose dots it holds (a practice's point is ignored)."""
    event = st.session_state.get(MAP_CHART_KEY)
    codes = chosen_on_map(event.get("selection") if event else None)
    if codes:
        choose(level, codes)


def choose_from_list(level: str) -> None:
    """The list under the map changed: choose its area, then empty the list for the next choice."""
    code = st.session_state.get(MAP_LIST_KEY)
    if code:
        choose(level, [code])
    st.session_state[MAP_LIST_KEY] = ""


def choose(level: str, codes: list[str]) -> None:
    """Set the sidebar's filters as if chosen there: ICBs (England's map) or areas (an ICB's map)."""
    if level == ICB_LEVEL:
        st.session_state["region"] = []
        st.session_state["icb"] = codes
        st.session_state["ccg"] = []
    else:
        st.session_state["ccg"] = codes

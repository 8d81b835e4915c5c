"""Tables and charts on a page: each table sortable with a CSV download, each chart with its numbers.

Every CSV the dashboard gives is safe to open in a spreadsheet, also the one the table toolbar's own
"Download as CSV" writes: that one exports the shown frame, so the shown frame is neutralised too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.content.common import Chart, Table, blanks
from dashboard.plain import plain
from etl.report import safe_csv, safe_frame

# Column names stay snake_case in the CSV (analysts script against them); on screen they read as words.
LABELS = {
    "ccg_code": "Area code",
    "area": "Area",
    "icb": "ICB",
    "sub_icb_location": "Sub-ICB location",
    "practices_in_network": "In a network",
    "areas": "Areas",
    "ccgs": "Areas",
    "months_behind": "Tracker months behind",
    "official_months_behind": "Official months behind",
    "coverage_pct": "Coverage (%)",
    "gp_count": "GPs",
    "list_size": "Registered patients",
    "population": "Registered patients",
    "network_population": "Network patients",
    "points_per_month": "Points a month",
    "reaches_100": "Reaches 100%",
    "out_since": "Out of a network since",
    "months_without_network": "Months without a network",
    "column_name": "Column",
    "level_none": "None",
    "level_virtual": "Virtual",
    "level_partial": "Partial",
    "level_full": "Full",
}
ROW_HEIGHT = 35  # pixels per row of st.dataframe, so a table shows every row without a scroll box
# The page's width for a table in a 1,280-pixel window with the sidebar open (818 pixels, measured in
# chromium): a table wider than this scrolls sideways and hides its last columns, so its longest text
# columns are narrowed to fit; a cut cell opens whole when clicked.
TABLE_ROOM = 800
EXPANDER_ROOM = 760  # the same inside an expander, which draws its table 784 pixels wide (measured)
CHARACTER_WIDTH = 6.6  # pixels per character of the table's 14-pixel font, on average (measured)
CELL_PADDING = 24  # pixels: the cell's padding and the header's sort arrow
FIRST_COLUMN_SHARE = 0.4  # the first column names the row: it keeps its width up to this share of the room
NARROWEST_TEXT = 90  # pixels: a narrowed text column keeps at least this much


def show_table(
    frame: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    column_config: dict[str, Any] | None = None,
    every_row: bool = False,
    tall: int | None = None,
    download: bool = True,
    on_screen: list[str] | None = None,
    room: int = TABLE_ROOM,
) -> None:
    """A sortable table and a button that downloads it as CSV; `every_row` makes it tall enough for all,
    `tall` for that many rows at the most (the rest scroll).

    `download=False` leaves the button out, for a table that is one group of a larger download;
    `on_screen` names the columns shown, in order, where the CSV has more; `room` is the width in
    pixels the table must fit.
    """
    shown = safe_frame(blanks(frame))
    config = {**screen_columns(shown), **(column_config or {})}
    st.dataframe(
        shown,
        hide_index=True,
        column_config=fitted(shown[on_screen] if on_screen else shown, config, room),
        column_order=on_screen,
        key=f"table_{key}",
        height=(min(len(shown), tall or len(shown)) + 1) * ROW_HEIGHT + 3 if every_row or tall else "auto",
        placeholder="",  # a missing value is a blank cell, never "None"
    )
    if download:
        download_button(frame, key=key, file_name=file_name)


def show_whole_table(frame: pd.DataFrame, *, key: str, file_name: str) -> None:
    """A table whose every cell shows whole and as written, and a button that downloads it as CSV.

    For the problems of a file: a long sentence wraps instead of being cut, and a value shows as the
    file has it (`-20`, never `'-20`: the CSV's formula guard is for the download only, and this table
    has no toolbar export). Cells are plain text, never Markdown.
    """
    shown = pd.DataFrame(
        {
            LABELS.get(str(column), str(column).replace("_", " ").capitalize()): [
                "" if value is None or (not isinstance(value, str) and pd.isna(value)) else plain(value)
                for value in frame[column]
            ]
            for column in frame.columns
        }
    )
    st.table(shown, hide_index=True)
    download_button(frame, key=key, file_name=file_name)


def download_button(frame: pd.DataFrame, *, key: str, file_name: str, label: str = "Download CSV") -> None:
    """A button that downloads `frame` as a CSV safe to open in a spreadsheet."""
    st.download_button(
        label,
        data=safe_csv(frame),
        file_name=file_name,
        mime="text/csv",
        key=f"download_{key}",
        on_click="ignore",
    )


def screen_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """Labels in words, and dates without a midnight time, for every column of `frame`."""
    config: dict[str, Any] = {}
    for column in frame.columns:
        label = LABELS.get(column, str(column).replace("_", " ").capitalize())
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            with_time = (values.dropna() != values.dropna().dt.normalize()).any()
            config[column] = (
                st.column_config.DatetimeColumn(label, format="D MMMM YYYY, HH:mm")
                if with_time
                else st.column_config.DateColumn(label, format="D MMMM YYYY")
            )
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            config[column] = st.column_config.NumberColumn(label, format="localized")
        else:
            config[column] = st.column_config.TextColumn(label)
    return config


def fitted(frame: pd.DataFrame, config: dict[str, Any], room: int = TABLE_ROOM) -> dict[str, Any]:
    """The columns' settings with widths that keep the table within `room` pixels, where it would not fit.

    Each column's natural width is its longest text (label or value); when they add up to more than
    the room, numbers, dates, the first column (it names the row) and columns given a width keep theirs,
    and the widest of the other text columns are cut to a common width so that all fit (never below
    NARROWEST_TEXT): a cut cell opens whole when clicked. A table that cannot fit so scrolls, uncut.
    """
    natural = {column: _natural_width(frame, column, config.get(column)) for column in frame.columns}
    if sum(natural.values()) <= room:
        return config
    first = next(iter(natural), None)
    fixed = {
        c: w
        for c, w in natural.items()
        if _width_of(config.get(c)) is not None
        or not _is_text(frame[c])
        or (c == first and w <= room * FIRST_COLUMN_SHARE)
    }
    flexible = {c: w for c, w in natural.items() if c not in fixed}
    left = room - sum(fixed.values())
    if not flexible or left < NARROWEST_TEXT * len(flexible):
        return config  # too many columns to fit whatever is cut: it scrolls, the first columns whole
    cap = _widest_allowed(sorted(flexible.values()), left)
    sized = dict(config)
    for column, width in flexible.items():
        if width > cap:
            sized[column] = {**(config.get(column) or {}), "width": cap}
    return sized


def _widest_allowed(widths: list[int], room: int) -> int:
    """The width to cut the widest columns to, so that all fit `room`: the narrow ones stay whole.

    >>> _widest_allowed([100, 300, 400], 600)
    250
    """
    for index, width in enumerate(widths):
        cap = (room - sum(widths[:index])) // (len(widths) - index)
        if cap < width:
            return max(NARROWEST_TEXT, cap)
    return widths[-1]


def _width_of(setting: Any) -> int | None:
    """A setting's width in pixels where it gives one ('small', 'medium', 'large' as Streamlit sizes them)."""
    width = setting.get("width") if isinstance(setting, dict) else None
    return {"small": 75, "medium": 200, "large": 400}.get(width, width) if width is not None else None


def _natural_width(frame: pd.DataFrame, column: str, setting: Any) -> int:
    given = _width_of(setting)
    if given is not None:
        return int(given)
    label = setting.get("label") if isinstance(setting, dict) else None
    longest = max([len(str(label or column)), *(len(str(v)) for v in frame[column].head(500))])
    return int(min(longest, 80) * CHARACTER_WIDTH) + CELL_PADDING


def _is_text(values: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)


def show_chart(chart: Chart) -> None:
    """A chart (or the sentence saying there is nothing to draw) with its numbers as a table just below."""
    if chart.note:
        st.caption(chart.note)
    if chart.figure is None:
        st.info(chart.empty_text or "Nothing to show for this choice.")
        return
    st.caption(plain(charts.text_alternative(chart.figure)))  # the chart's text alternative, for every reader
    st.plotly_chart(chart.figure, theme=None, key=f"chart_{chart.key}", config={"displaylogo": False})
    with st.expander("The numbers behind this chart"):
        show_table(
            chart.numbers,
            key=chart.key,
            file_name=chart.file_name,
            on_screen=chart.numbers_on_screen,
            room=EXPANDER_ROOM,
        )


def show_charts(charts: Iterable[Chart]) -> None:
    """A page's charts as its content declares them: each one's heading and figures, the chart with its
    numbers, and the table under it."""
    for chart in charts:
        if chart.heading:
            st.header(chart.heading)
        if chart.figures:  # two to a row
            for column, (label, value) in zip(st.columns(2), chart.figures, strict=False):
                column.metric(label, value, help=chart.figures_help)
        show_chart(chart)
        if chart.table is not None:
            show_declared_table(chart.table)


def show_declared_table(table: Table) -> None:
    """A table under its subheading and what it says, with its CSV download."""
    st.subheader(table.heading)
    st.caption(table.caption)
    show_table(table.frame, key=table.key, file_name=table.file_name, on_screen=table.on_screen)

"""Tables with their CSV download; the CSV is safe to open in a spreadsheet."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

# Column names stay snake_case in the CSV (analysts script against them); on screen they read as words.
LABELS = {
    "ccg_code": "CCG",
    "ccgs": "CCGs",
    "coverage_pct": "Coverage (%)",
    "gp_count": "GPs",
    "list_size": "Registered patients",
    "population": "Registered patients",
    "network_population": "Network patients",
    "points_per_month": "Pace (points a month)",
    "reaches_100": "Reaches 100%",
    "level_none": "None",
    "level_virtual": "Virtual",
    "level_partial": "Partial",
    "level_full": "Full",
}

# A spreadsheet runs a cell that begins with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made plain text with a leading quote.

    >>> neutralise("=HYPERLINK(1)"), neutralise("North"), neutralise(-5)
    ("'=HYPERLINK(1)", 'North', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV bytes (with a BOM, so Excel reads → and é), formulas neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        # numbers and dates cannot hold a formula; text can, whatever pandas calls its dtype
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(column)) for column in frame.columns]
    return safe.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")


def show_table(
    frame: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    column_config: dict[str, Any] | None = None,
    height: int | None = None,
) -> None:
    """A sortable table and a button that downloads it as CSV."""
    st.dataframe(
        frame,
        hide_index=True,
        column_config={**screen_columns(frame), **(column_config or {})},
        key=f"table_{key}",
        height=height if height is not None else "auto",
    )
    st.download_button(
        "Download CSV",
        data=safe_csv(frame),
        file_name=file_name,
        mime="text/csv",
        key=f"download_{key}",
        on_click="ignore",
        icon=":material/download:",
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
                st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm")
                if with_time
                else st.column_config.DateColumn(label, format="YYYY-MM-DD")
            )
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            config[column] = st.column_config.NumberColumn(label, format="localized")
        else:
            config[column] = st.column_config.TextColumn(label)
    return config


def show_chart(figure: go.Figure, numbers: pd.DataFrame, *, key: str, file_name: str) -> None:
    """A chart with the numbers behind it as a table and a CSV download just below."""
    st.plotly_chart(figure, theme=None, key=f"chart_{key}", config={"displaylogo": False})
    with st.expander("The numbers behind this chart"):
        show_table(numbers, key=key, file_name=file_name)

"""A sentence under each chart of the pack: what it shows and its key numbers, for readers who cannot see it.

Read from the figure's own traces (or the rows it was drawn from), so the words and the picture agree.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.wording import month_name


def _title(figure: go.Figure) -> str:
    return str(figure.layout.title.text or "").strip()


def _series(figure: go.Figure) -> list[go.BaseTraceType]:
    """The traces a reader sees as series: named, in the legend, with data."""
    return [t for t in figure.data if t.name and t.showlegend is not False and t.y is not None and len(t.y)]


def over_time(figure: go.Figure, unit: str) -> str:
    """'Practices in a network by CCG, ... 02X: 27.9% in April 2017, 55.8% in March 2018.'"""
    parts = []
    for trace in _series(figure):
        months = pd.to_datetime(pd.Series(trace.x, dtype=object))
        values = pd.Series(trace.y, dtype=float)
        first, last = int(months.argmin()), int(months.argmax())  # positions, which are the labels here
        start = f"{values[first]:,.1f}{unit} in {month_name(months[first])}, " if first != last else ""
        # a legend entry may carry more than the series' name: 'NHS Doncaster CCG (02X): 100% by July 2020'
        name, _, outlook = str(trace.name).partition(": ") if trace.legendgroup else (trace.name, "", "")
        outlook = f" ({outlook})" if outlook else ""
        parts.append(f"{name}: {start}{values[last]:,.1f}{unit} in {month_name(months[last])}{outlook}")
    return f"{_title(figure)}. {'; '.join(parts)}."


def stacked_latest(figure: go.Figure, month: date) -> str:
    """'Practices by integration level, ... In March 2018: No integration 27, Virtual 10, ...'"""
    latest = pd.Timestamp(month)
    parts = []
    for trace in _series(figure):
        at = [y for x, y in zip(trace.x, trace.y, strict=True) if pd.Timestamp(x) == latest]
        parts.append(f"{trace.name} {int(at[0]) if at else 0:,}")
    return f"{_title(figure)}. In {month_name(month)}: {', '.join(parts)}."


def grouped_bars(figure: go.Figure) -> str:
    """'Practices by integration level and core contract, March 2018. GMS: No integration 20, ...'"""
    groups: dict[str, list[str]] = {}
    for trace in _series(figure):
        for x, y in zip(trace.x, trace.y, strict=True):
            groups.setdefault(str(x), []).append(f"{trace.name} {int(y or 0):,}")
    return (
        f"{_title(figure)}. "
        + "; ".join(f"{group}: {', '.join(bars)}" for group, bars in groups.items())
        + "."
    )

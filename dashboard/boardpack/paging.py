"""A tall chart of one bar (or row) per category, cut into parts that each fit an A4 page.

The pack never redraws a chart: each part is a copy of the page's own figure showing a window of
its categories, so the chart chosen for the page is the chart in the pack.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from dashboard.chart_style import bar_height


def categories(figure: go.Figure) -> list[str]:
    """The figure's y categories, top row first (plotly draws the first category at the bottom)."""
    order = figure.layout.yaxis.categoryarray
    return list(reversed(list(order))) if order is not None else []


def in_parts(figure: go.Figure, most: int, per_row: int = 26) -> list[tuple[go.Figure, list[str]]]:
    """The figure in as few equal windows of its categories as keep each within `most` rows.

    Each part says which it is in its title and is as tall as its own rows need; it keeps every
    trace, so its x scale is the whole figure's. Returned with its categories, top first.
    """
    rows = categories(figure)
    count = max(1, math.ceil(len(rows) / most))
    if count == 1:
        return [(figure, rows)]
    size = math.ceil(len(rows) / count)
    bottom_first = list(reversed(rows))
    parts = []
    for number, start in enumerate(range(0, len(rows), size), start=1):
        shown = rows[start : start + size]
        lowest = bottom_first.index(shown[-1])
        part = go.Figure(figure)
        part.update_yaxes(range=[lowest - 0.5, lowest + len(shown) - 0.5], autorange=False)
        title = part.layout.title.text or ""
        part.update_layout(
            title_text=f"{title} (part {number} of {count})",
            height=max(bar_height(len(shown), per_row=per_row), 300),
        )
        parts.append((part, shown))
    return parts

"""Counts as bars, one a row: practices needing support by reason, changes by kind."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import bar_height, colour, empty, style
from dashboard.wording import month_name


def practices_by_reason(counts: pd.DataFrame, month: date) -> go.Figure:
    """Practices needing support, one bar per reason. `counts`: reason, practices."""
    title = f"Practices needing support, by reason, {month_name(month)}"
    if counts.empty or not counts["practices"].sum():
        return empty(
            style(go.Figure(), title, "Practices", "Reason"),
            f"No practice needs support in {month_name(month)}",
        )
    fig = _count_bars(counts, "reason", "practices", "blue")
    return style(fig, title, "Practices", "Reason", height=bar_height(len(counts), per_row=40, minimum=300))


def changes_by_kind(counts: pd.DataFrame, since: date | None, month: date) -> go.Figure:
    """Practices with each kind of change since the previous snapshot. `counts`: change, practices."""
    period = f"{month_name(since)} to {month_name(month)}" if since else month_name(month)
    title = f"Changes since the previous snapshot, {period}"
    if counts.empty or not counts["practices"].sum():
        return empty(style(go.Figure(), title, "Practices", "Change"), f"No changes in {month_name(month)}")
    fig = _count_bars(counts, "change", "practices", "reddish_purple")
    return style(fig, title, "Practices", "Change", height=bar_height(len(counts), per_row=40, minimum=300))


def _count_bars(counts: pd.DataFrame, label: str, value: str, colour_name: str) -> go.Figure:
    """Horizontal bars in the given order, top to bottom, each labelled with its number."""
    fig = go.Figure(
        go.Bar(
            x=counts[value],
            y=counts[label],
            orientation="h",
            text=counts[value],
            textposition="outside",
            cliponaxis=False,
            marker={"color": colour(colour_name)},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    # whole practices: ticks at whole numbers, never 0.2 of a practice
    fig.update_xaxes(rangemode="tozero", range=[0, max(1, int(counts[value].max() or 0)) * 1.15], tick0=0)
    if int(counts[value].max() or 0) < 10:
        fig.update_xaxes(dtick=1)
    return fig

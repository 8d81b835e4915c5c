"""The charts of Networks: each network's registered population against the band, and its integration mix."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard import policy
from dashboard.charts.style import BAND_STYLE, LEVEL_STYLE, bar_height, colour, empty, pattern, style
from dashboard.wording import LEVEL_NAMES, LEVELS, month_name


def network_population(networks: pd.DataFrame, month: date) -> go.Figure:
    """Each network's registered population against the band that policy.py sets.

    `networks`: network_name, population, band (as from queries.network_sizes).
    """
    fig = go.Figure()
    band = policy.band_label()
    if networks.empty:
        return empty(
            style(fig, f"Registered patients per network, {month_name(month)}", "", ""), "No networks"
        )
    # official networks may have no list sizes: such a bar is not drawn and says "not known"
    known = networks.assign(population=pd.to_numeric(networks["population"], errors="coerce").astype(float))
    order = known.sort_values(["population", "network_name"], na_position="first")
    for band_name, (band_colour, band_pattern) in BAND_STYLE.items():
        rows = order.loc[order["band"] == band_name]
        fig.add_trace(
            go.Bar(
                x=rows["population"],
                y=rows["network_name"],
                orientation="h",
                name=band_name,
                text=[f"{p:,.0f}" if pd.notna(p) else "not known" for p in rows["population"]],
                textposition="outside",  # beside the bar, on white: readable whatever the fill pattern
                cliponaxis=False,
                marker={"color": colour(band_colour), "pattern": pattern(band_pattern)},
                hovertemplate="%{y}: %{x:,} patients<extra>" + band_name + "</extra>",
            )
        )
    low, high = policy.NETWORK_BAND_LOW, policy.NETWORK_BAND_HIGH
    top = max(float(order["population"].max()) if order["population"].notna().any() else 0, high) * 1.15
    fig.add_vrect(x0=low, x1=high, fillcolor=colour("sky_blue"), opacity=0.15, line_width=0, layer="below")
    fig.add_trace(  # a legend entry for the shaded band
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=f"{band} band (shaded)",
            marker={"symbol": "square", "size": 14, "color": colour("sky_blue"), "opacity": 0.4},
        )
    )
    for edge in (low, high):
        fig.add_vline(x=edge, line={"color": colour("black"), "dash": "dash", "width": 1})
    fig.update_xaxes(range=[0, top], tickformat=",")
    fig.update_yaxes(categoryorder="array", categoryarray=order["network_name"].tolist())
    fig.update_layout(
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        bargap=0.25,
    )
    title = f"Registered patients per network against the {band} band, {month_name(month)}"
    return style(fig, title, "Registered patients", "Network", height=bar_height(len(networks)))


def network_integration_mix(networks: pd.DataFrame, month: date) -> go.Figure:
    """Member practices of each network by integration level.

    `networks`: network_name, population and level_<level> counts (as from queries.network_sizes).
    Each count is written on a white label in the middle of its part of the bar, so it stays readable
    over any colour or fill pattern.
    """
    fig = go.Figure()
    title = f"Member practices per network by integration level, {month_name(month)}"
    if networks.empty:
        return empty(style(fig, title, "Member practices", "Network"), "No networks")
    order = networks.sort_values(["population", "network_name"], na_position="first")
    start = pd.Series(0.0, index=order.index)
    for level in LEVELS:
        level_colour, level_pattern = LEVEL_STYLE[level]
        counts = order[f"level_{level}"].fillna(0)
        fig.add_trace(
            go.Bar(
                x=counts,
                y=order["network_name"],
                orientation="h",
                name=LEVEL_NAMES[level],
                marker={"color": colour(level_colour), "pattern": pattern(level_pattern)},
                hovertemplate="%{y}: %{x} practices<extra>" + LEVEL_NAMES[level] + "</extra>",
            )
        )
        for network, begin, count in zip(order["network_name"], start, counts, strict=True):
            if count:
                fig.add_annotation(
                    x=begin + count / 2,
                    y=network,
                    text=f"{int(count)}",
                    showarrow=False,
                    bgcolor="#ffffff",
                    borderpad=1,
                    font={"color": "#000000", "size": 12},
                )
        start = start + counts
    fig.update_yaxes(categoryorder="array", categoryarray=order["network_name"].tolist())
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        bargap=0.25,
    )
    return style(fig, title, "Member practices", "Network", height=bar_height(len(networks)))

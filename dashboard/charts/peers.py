"""Where one ICB, area or region stands among its peers, as a pure function DataFrame -> plotly Figure.

Every peer is a grey dot on one line of shares; the chosen one is a large blue diamond, named; England's
share is a dashed line. Dots that would sit on one another are stacked a little, so each stays visible.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import GREY_LINE, colour, inert_text, style
from dashboard.wording import share_text

STACK_WIDTH = 0.25  # points of share within which dots are stacked rather than drawn on one another


def peer_strip(
    peers: pd.DataFrame, title: str, england_share: float | None = None, others_name: str = "The others"
) -> go.Figure:
    """`peers`: name, practices, practices_in_network, coverage_pct, chosen (one row True)."""
    ordered = peers.sort_values("coverage_pct", kind="stable").reset_index(drop=True)
    heights = _stacked(ordered["coverage_pct"])
    hover = [
        f"{inert_text(name)}: {share_text(int(part), int(whole))}"
        for name, part, whole in zip(
            ordered["name"], ordered["practices_in_network"], ordered["practices"], strict=True
        )
    ]
    fig = go.Figure()
    others = ~ordered["chosen"]
    fig.add_trace(
        go.Scatter(
            x=ordered.loc[others, "coverage_pct"],
            y=heights[others],
            mode="markers",
            name=others_name,
            hovertext=[text for text, other in zip(hover, others, strict=True) if other],
            hoverinfo="text",
            marker={
                "symbol": "circle",
                "size": 11,
                "color": GREY_LINE,
                "line": {"color": "#FFFFFF", "width": 1},
            },
        )
    )
    mine = ordered.loc[ordered["chosen"]]
    fig.add_trace(
        go.Scatter(
            x=mine["coverage_pct"],
            y=heights[ordered["chosen"]],
            mode="markers+text",
            name=inert_text(str(mine["name"].iloc[0])) if len(mine) else "Chosen",
            text=[f"{value:.1f}%" for value in mine["coverage_pct"]],
            textposition="top center",
            hovertext=[text for text, chosen in zip(hover, ordered["chosen"], strict=True) if chosen],
            hoverinfo="text",
            marker={
                "symbol": "diamond",
                "size": 18,
                "color": colour("blue"),
                "line": {"color": "#FFFFFF", "width": 1},
            },
        )
    )
    low = float(ordered["coverage_pct"].min())
    if england_share is not None:
        low = min(low, england_share)
        fig.add_vline(
            x=england_share,
            line={"color": colour("black"), "dash": "dash", "width": 1.5},
            annotation_text=f"England {england_share:.1f}%",
            annotation_position="top",
        )
    fig.update_xaxes(range=[max(0.0, low - 1.0), 100.6], ticksuffix="%")
    fig.update_yaxes(visible=False, range=[-0.4, float(heights.max()) + 1.0])
    fig.update_layout(legend={"orientation": "h", "y": -0.35, "x": 0}, margin_t=70)
    chosen = mine["name"].iloc[0] if len(mine) else "the chosen one"
    beside = "" if england_share is None else f" England's share ({england_share:.1f}%) is the dashed line."
    fig.update_layout(
        meta={
            "alternative": f"Chart: {title}. Each of {len(ordered)} dots is one at its share of practices in "
            f"a network; {chosen} is the blue diamond at {mine['coverage_pct'].iloc[0]:.1f}%.{beside} "
            "Its numbers are in the table below it."
            if len(mine)
            else f"Chart: {title}."
        }
    )
    return style(fig, title, "Practices in a network (%)", "", height=260)


def _stacked(shares: pd.Series) -> pd.Series:
    """0 for a dot alone; 0.5, 1.0, ... for the second, third dot within STACK_WIDTH of the first."""
    heights, start, level = [], None, 0
    for share in shares:
        if start is None or share - start > STACK_WIDTH:
            start, level = share, 0
        else:
            level += 1
        heights.append(level * 0.5)
    return pd.Series(heights, index=shares.index, dtype=float)

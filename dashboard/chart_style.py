"""The house look of every chart: the Okabe–Ito palette (defined here once), markers, patterns, layout.

Okabe & Ito's eight colours stay distinct for the common kinds of colour blindness. Colour is never
the only signal: series also differ by marker and dash, levels and bands by fill pattern.
"""

from __future__ import annotations

import plotly.graph_objects as go

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
SERIES_COLOURS = ["blue", "orange", "bluish_green", "reddish_purple", "vermillion", "sky_blue", "black"]
SERIES_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star", "hexagon", "cross"]
SERIES_DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
# colour and fill pattern (plotly's marker.pattern.shape) of each integration level
LEVEL_STYLE = {
    "none": ("vermillion", "x"),
    "virtual": ("orange", "/"),
    "partial": ("sky_blue", "."),
    "full": ("blue", ""),
}
# colour and fill pattern of a network's size against the 30,000–50,000 band
BAND_STYLE = {
    "Below 30,000": ("vermillion", "/"),
    "Within 30,000–50,000": ("bluish_green", ""),
    "Above 50,000": ("blue", "."),
}
# colour and marker symbol of each milestone status
STATUS_STYLE = {
    "Overdue": ("vermillion", "x"),
    "Due within 30 days": ("orange", "triangle-up"),
    "Achieved late": ("reddish_purple", "diamond"),
    "Not yet due": ("sky_blue", "circle-open"),
    "Achieved": ("bluish_green", "circle"),
}
# DejaVu is what Debian (and so kaleido's chromium) has; the browser falls back to Arial
FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 13, "color": "#222222"}


def colour(name: str) -> str:
    """The hex code of an Okabe–Ito colour by name: colour("vermillion") == "#D55E00"."""
    return OKABE_ITO[name]


def pattern(shape: str) -> dict[str, object]:
    """A light fill pattern, so that numbers written on a bar stay readable."""
    return {"shape": shape, "fgcolor": "#222222", "fgopacity": 0.45, "size": 9, "solidity": 0.25}


def series_style(index: int) -> dict[str, str]:
    """Colour, marker symbol and dash of the index-th line of a chart."""
    return {
        "colour": colour(SERIES_COLOURS[index % len(SERIES_COLOURS)]),
        "symbol": SERIES_SYMBOLS[index % len(SERIES_SYMBOLS)],
        "dash": SERIES_DASHES[index % len(SERIES_DASHES)],
    }


def style(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 460) -> go.Figure:
    """The house look: light template, a title that says what is shown, titled axes, room for labels."""
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "x": 0.012, "xanchor": "left", "font": {"size": 17}},
        font=FONT,
        height=height,
        margin={"l": 16, "r": 30, "t": 70, "b": 10},
        legend={"bgcolor": "rgba(255,255,255,0.85)"},
        hoverlabel={"namelength": -1},
    )
    fig.update_xaxes(title_text=x_title, automargin=True, showline=True, linecolor="#888888")
    fig.update_yaxes(title_text=y_title, automargin=True, showline=True, linecolor="#888888")
    return fig


def empty(fig: go.Figure, message: str) -> go.Figure:
    """A chart with nothing to draw says so in its middle, without empty axes."""
    fig.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def bar_height(rows: int, per_row: int = 26, minimum: int = 360) -> int:
    """Tall enough that every bar keeps its label readable."""
    return max(minimum, 150 + per_row * rows)

"""The house look of every chart: the Okabe–Ito palette (defined here once), markers, patterns, layout.

Okabe & Ito's colours stay distinct for the common kinds of colour blindness. Three of them are too
light to see against white (WCAG 1.4.11 asks 3:1 for a line or a shape), so orange, sky blue and
reddish purple are drawn a little darker, in the same hue; their yellow (1.3:1) is not used.
Colour is never the only signal: series also differ by marker and dash, levels and bands by fill pattern.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import policy
from dashboard.wording import month_name

OKABE_ITO = {
    "orange": "#BA7F00",  # Okabe–Ito #E69F00 darkened: 3.4:1 on white (was 2.3:1)
    "sky_blue": "#2B8CC4",  # #56B4E9 darkened: 3.7:1 (was 2.3:1)
    "bluish_green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#C0609A",  # #CC79A7 darkened: 3.9:1 (was 3.06:1, too close to the line)
    "black": "#000000",
}
# The map's shades of "practices in a network" (dashboard/charts/map.py): the share's lower bound, its
# words, colour and fill pattern. Every shade reaches 3:1 on white; the lower ones also carry a pattern,
# so that no reader depends on telling the colours apart.
MAP_SHADES = [
    (100.0, "100%", "#08306B", ""),
    (98.0, "98% to under 100%", "#3182BD", ""),
    (95.0, "95% to under 98%", "#2A8C7A", "."),
    (90.0, "90% to under 95%", "#B35806", "/"),
    (0.0, "Under 90%", "#B2182B", "x"),
]
# colour and marker symbol of a practice on the map, by its status in the month
PRACTICE_STATUS_STYLE = {
    "in a network": ("#0072B2", "circle"),
    "left out": ("#D55E00", "x"),
    "not in the snapshot": ("#6A3D9A", "diamond"),
}
GREY_LINE = "#8C8C8C"  # the other areas behind a highlighted line: 3.4:1 on white
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
# colour and fill pattern of a network's size against the band that policy.py sets
BAND_STYLE = {
    policy.below_band_label(): ("vermillion", "/"),
    policy.within_band_label(): ("bluish_green", ""),
    policy.above_band_label(): ("blue", "."),
}
# colour and marker symbol of each milestone status
STATUS_STYLE = {
    "Overdue": ("vermillion", "x"),
    policy.due_soon_label(): ("orange", "triangle-up"),
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
    return inert(fig)


def inert_text(value: object) -> object:
    """Text plotly would read as markup ('<a href=...>') made plain: '<' becomes the entity it shows as '<'.

    >>> inert_text('<a href="https://evil.example">Sign in</a>')
    '&lt;a href="https://evil.example">Sign in&lt;/a>'
    """
    return value.replace("<", "&lt;") if isinstance(value, str) else value


def inert(fig: go.Figure) -> go.Figure:
    """Every name, label and category that came from a file drawn as plain text, never as a link or image."""
    for trace in fig.data:
        if isinstance(trace.name, str):
            trace.name = inert_text(trace.name)
        for field in ("x", "y", "text"):
            values = getattr(trace, field, None)
            if values is None or isinstance(values, str | int | float):
                continue
            if any(isinstance(v, str) and "<" in v for v in values):
                setattr(trace, field, [inert_text(v) for v in values])
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.categoryarray is not None:
            axis.categoryarray = [inert_text(v) for v in axis.categoryarray]
    for note in fig.layout.annotations:  # a note placed on a category follows its category
        note.text, note.x, note.y = inert_text(note.text), inert_text(note.x), inert_text(note.y)
    return fig


def empty(fig: go.Figure, message: str) -> go.Figure:
    """A chart with nothing to draw says so in its middle, without empty axes (is_empty tells a page)."""
    fig.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(meta={"empty": message})
    return fig


def is_empty(fig: go.Figure) -> bool:
    """True when a chart has nothing to draw: a page then shows a sentence instead of an empty frame."""
    if isinstance(fig.layout.meta, dict) and "empty" in fig.layout.meta:
        return True
    for trace in fig.data:
        for axis in ("x", "y"):
            values = getattr(trace, axis, None)
            if values is not None and any(pd.notna(v) for v in list(values)):
                return False
    return True


def text_alternative(fig: go.Figure) -> str:
    """One sentence saying what a chart shows, for readers who cannot see it (shown just above it).

    'Chart: Practices by integration level, March 2019. Across: Snapshot month; up: Practices.
    Series: No integration, Virtual. Its numbers are in the table below it.'
    """
    title = (fig.layout.title.text or "Untitled chart").replace("&lt;", "<")
    if isinstance(fig.layout.meta, dict) and "alternative" in fig.layout.meta:  # a chart that words itself
        return str(fig.layout.meta["alternative"]).replace("&lt;", "<")
    if is_empty(fig):
        return f"Chart: {title}. There is nothing to draw."
    across, up = fig.layout.xaxis.title.text, fig.layout.yaxis.title.text
    named = [str(t.name).replace("&lt;", "<") for t in fig.data if t.name and t.showlegend is not False]
    series = (
        f" Series: {', '.join(named[:8])}{' and others' if len(named) > 8 else ''}." if len(named) > 1 else ""
    )
    return f"Chart: {title}. Across: {across}; up: {up}.{series} Its numbers are in the table below it."


def span(months: pd.Series) -> str:
    """'April 2017 – March 2019'"""
    if months.empty:
        return "no snapshots"
    first, last = months.min(), months.max()
    return month_name(last) if first == last else f"{month_name(first)} – {month_name(last)}"


def tick_months(fig: go.Figure, months: pd.Series) -> None:
    """A chart of one snapshot month alone would tick its time axis in hours of that day."""
    if months.nunique() == 1:
        fig.update_xaxes(dtick="M1", tickformat="%B %Y")


def bar_height(rows: int, per_row: int = 26, minimum: int = 360) -> int:
    """Tall enough that every bar keeps its label readable."""
    return max(minimum, 150 + per_row * rows)

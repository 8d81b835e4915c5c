"""The coverage map as a pure function: outlines, shares and practices -> a plotly Figure.

Drawn with filled go.Scatter shapes on plain axes (longitude across, latitude up, kept in proportion),
so it needs no tile server, map service or downloaded topology: it draws offline in the browser and
in kaleido for the board pack. Each area is shaded by its share of practices in a network (shades and
patterns in style.MAP_SHADES); a dot inside each area names it and, clicked, chooses it; the
practices of a chosen ICB or area are points coloured and shaped by their status.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import MAP_SHADES, PRACTICE_STATUS_STYLE, empty, inert_text, style
from dashboard.wording import share_text

# customdata[0] of a clickable point: an area's dot chooses the area, a practice's point its area
AREA_POINT = "area"
PRACTICE_POINT = "practice"
AREA_DOTS = "area dots"  # the meta of the dots' trace: the board pack leaves them out (paper has no click)
SHADE_OPACITY_UNDER_POINTS = 0.35  # under practices the shades are pale, their outlines at full colour
MAP_WIDTH = 800  # pixels: the page's width in a 1,280-pixel window, and about the board pack's
MAP_LOWEST, MAP_TALLEST = 420, 860  # pixels of map: a wide ICB is not a strip, England fits a screen
LEGEND_ROOM = 110  # pixels under the map for its legend


def shade(practices: int, in_network: int) -> tuple[str, str, str]:
    """The words, colour and fill pattern of a share: shade(166, 161) -> ('95% to under 98%', ...)."""
    share = 100.0 * in_network / practices if practices else 0.0
    share = 100.0 if in_network == practices else min(share, 99.99)  # 99.996% is not 100%
    for lower, words, colour, pattern in MAP_SHADES:
        if share >= lower:
            return words, colour, pattern
    raise ValueError(share)  # MAP_SHADES ends at 0


def coverage_map(
    outlines: pd.DataFrame,
    shares: pd.DataFrame,
    title: str,
    practices: pd.DataFrame | None = None,
) -> go.Figure:
    """Areas shaded by their share of practices in a network, and optionally the practices as points.

    `outlines`: code, rings, inside_lon, inside_lat (as from geography.outlines). `shares`: code, name,
    practices, practices_in_network: one row per area drawn (an area without an outline is not drawn).
    `practices` (optional): practice_code, practice_name, network_name, status, ccg_code, longitude,
    latitude.
    """
    fig = go.Figure()
    drawn = shares.merge(outlines[["code", "rings", "inside_lon", "inside_lat"]], on="code", how="inner")
    if drawn.empty:
        return empty(style(fig, title, "", ""), "No area of this choice has an outline to draw")
    points_shown = practices is not None and not practices.empty
    drawn = drawn.assign(size=drawn["rings"].map(_extent)).sort_values("size", ascending=False)
    for name, practices_in_area, in_network, rings in zip(
        drawn["name"], drawn["practices"], drawn["practices_in_network"], drawn["rings"], strict=True
    ):
        words, colour, pattern = shade(int(practices_in_area), int(in_network))
        xs, ys = _path(rings)
        label = f"{name}: {share_text(int(in_network), int(practices_in_area))}"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=_faded(colour) if points_shown else colour,
                fillpattern=_pattern(pattern, colour, points_shown),
                line={"color": colour if points_shown else "#FFFFFF", "width": 2.5 if points_shown else 1},
                name=inert_text(label),
                legendgroup=words,
                showlegend=False,
                hoveron="fills",
                hoverinfo="name",
            )
        )
    _shade_legend(fig, drawn)
    fig.add_trace(_area_dots(drawn))
    if points_shown and practices is not None:
        outlines_of_networks = _network_outlines(practices)
        if outlines_of_networks is not None:
            fig.add_trace(outlines_of_networks)
        for status, (colour, symbol) in PRACTICE_STATUS_STYLE.items():
            fig.add_trace(
                _practice_points(practices.loc[practices["status"] == status], status, colour, symbol)
            )
    tall = _in_proportion(fig, drawn, practices if points_shown else None)
    # as wide as the page (about 800 pixels) and as tall as the map's shape asks, over the legend
    height = int(min(MAP_TALLEST, max(MAP_LOWEST, MAP_WIDTH * tall))) + LEGEND_ROOM
    fig = style(fig, title, "Longitude", "Latitude", height=height)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(
        legend={"orientation": "h", "x": 0.0, "y": 0.0, "yanchor": "top", "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 60, "b": LEGEND_ROOM},
        hovermode="closest",
        dragmode="pan",
    )
    return fig


def on_paper(fig: go.Figure) -> go.Figure:
    """The map for print: the same, without the dots one clicks to choose an area."""
    printed = go.Figure(fig)
    printed.data = [trace for trace in printed.data if trace.meta != AREA_DOTS]
    # the pack draws the map at half a page: larger words keep the legend readable there
    printed.update_layout(legend_font_size=19, title_font_size=22)
    return printed


def _path(rings: list[list[list[float]]]) -> tuple[list[float | None], list[float | None]]:
    """Every ring of an outline as one path, the rings separated by a gap (None)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [point[0] for point in ring]
        ys += [point[1] for point in ring]
    return xs, ys


def _extent(rings: list[list[list[float]]]) -> float:
    """The area of an outline's bounding box in square degrees: the larger outlines are drawn first."""
    xs = [point[0] for ring in rings for point in ring]
    ys = [point[1] for ring in rings for point in ring]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def _faded(colour: str) -> str:
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red},{green},{blue},{SHADE_OPACITY_UNDER_POINTS})"


def _pattern(shape: str, colour: str, faded: bool) -> dict[str, object] | None:
    if not shape:
        return None
    return {
        "shape": shape,
        "bgcolor": _faded(colour) if faded else colour,
        "fgcolor": "#FFFFFF",
        "fgopacity": 0.6,
        "size": 10,
        "solidity": 0.15,
    }


def _shade_legend(fig: go.Figure, drawn: pd.DataFrame) -> None:
    """A legend entry per shade that an area has, in order from 100% down."""
    used = {
        shade(int(practices), int(in_network))[0]
        for practices, in_network in zip(drawn["practices"], drawn["practices_in_network"], strict=True)
    }
    for _lower, words, colour, _shape in MAP_SHADES:
        if words not in used:
            continue
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{words} of practices in a network",
                legendgroup=words,
                marker={
                    "symbol": "square",
                    "size": 16,
                    "color": colour,
                },
            )
        )


def _area_dots(drawn: pd.DataFrame) -> go.Scatter:
    """A dot inside each area: hover names it with its figure; a click (or a box) chooses it."""
    hover = [
        f"{inert_text(name)}<br>{share_text(int(in_network), int(practices))} "
        "practices in a network<br>Click to choose this area"
        for name, practices, in_network in zip(
            drawn["name"], drawn["practices"], drawn["practices_in_network"], strict=True
        )
    ]
    return go.Scatter(
        x=drawn["inside_lon"],
        y=drawn["inside_lat"],
        mode="markers",
        name="An area: click its dot to choose it",
        meta=AREA_DOTS,
        customdata=[[AREA_POINT, code] for code in drawn["code"]],
        hovertext=hover,
        hoverinfo="text",
        marker={"symbol": "circle", "size": 11, "color": "#FFFFFF", "line": {"color": "#222222", "width": 2}},
    )


def _practice_points(rows: pd.DataFrame, status: str, colour: str, symbol: str) -> go.Scatter:
    """The practices of one status: hover names the practice, its PCN and its status."""
    where = rows["located"] if "located" in rows.columns else pd.Series("", index=rows.index)
    hover = [
        f"{inert_text(name)} ({code})<br>PCN: {inert_text(network) if isinstance(network, str) else 'none'}"
        f"<br>Status: {status}"
        + ("<br>Placed approximately, by its postcode district" if located == "approximately" else "")
        for name, code, network, located in zip(
            rows["practice_name"], rows["practice_code"], rows["network_name"], where, strict=True
        )
    ]
    return go.Scatter(
        x=rows["longitude"],
        y=rows["latitude"],
        mode="markers",
        name=f"Practice {status} ({len(rows):,})",
        customdata=[
            [PRACTICE_POINT, code, area]
            for code, area in zip(rows["practice_code"], rows["ccg_code"], strict=True)
        ],
        hovertext=hover,
        hoverinfo="text",
        marker={
            "symbol": symbol,
            "size": 8 if status == "in a network" else 12,
            "color": colour,
            "line": {"color": "#FFFFFF" if status == "in a network" else colour, "width": 1},
        },
    )


def _network_outlines(practices: pd.DataFrame) -> go.Scatter | None:
    """Each PCN of three practices or more as a dotted line around its practices: PCNs have no official
    boundary, so the line is labelled approximate. None when no PCN has three practices drawn."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    names: list[str | None] = []
    in_network = practices.dropna(subset=["network_name", "longitude", "latitude"])
    for network, rows in in_network.groupby("network_name", sort=True):
        hull = convex_hull(list(zip(rows["longitude"], rows["latitude"], strict=True)))
        if len(hull) < 3:
            continue
        xs += [x for x, _ in hull] + [hull[0][0], None]
        ys += [y for _, y in hull] + [hull[0][1], None]
        names += [f"{inert_text(str(network))} (approximate: drawn around its practices)"] * (len(hull) + 1)
        names.append(None)
    if not xs:
        return None
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name="A PCN, approximate: a line around its practices",
        line={"color": "#444444", "width": 1.2, "dash": "dot"},
        hovertext=names,
        hoverinfo="text",
    )


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The corners of the smallest convex shape around the points, anticlockwise (Andrew's monotone chain).

    >>> convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0)])
    [(0, 0), (2, 0), (2, 2), (0, 2)]
    """
    unique = sorted(set(points))
    if len(unique) < 3:
        return unique

    def turn(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for point in unique:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    for point in reversed(unique):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def _in_proportion(fig: go.Figure, drawn: pd.DataFrame, practices: pd.DataFrame | None) -> float:
    """A degree of longitude is shorter than one of latitude by cos(latitude): draw them so.

    Returns the map's height over its width, as drawn.
    """
    xs = [point[0] for rings in drawn["rings"] for ring in rings for point in ring]
    ys = [point[1] for rings in drawn["rings"] for ring in rings for point in ring]
    if practices is not None:
        xs += practices["longitude"].dropna().tolist()
        ys += practices["latitude"].dropna().tolist()
    middle = (min(ys) + max(ys)) / 2
    pad_x, pad_y = (max(xs) - min(xs)) * 0.02, (max(ys) - min(ys)) * 0.02
    fig.update_xaxes(range=[min(xs) - pad_x, max(xs) + pad_x], constrain="domain")
    fig.update_yaxes(
        range=[min(ys) - pad_y, max(ys) + pad_y],
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(middle)),
        constrain="domain",
    )
    return (max(ys) - min(ys)) / ((max(xs) - min(xs)) * math.cos(math.radians(middle)))

"""The charts of Progress: coverage over time with the pace to 100%, official coverage, integration levels."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard import policy
from dashboard.charts.style import (
    GREY_LINE,
    LEVEL_STYLE,
    colour,
    empty,
    inert_text,
    pattern,
    series_style,
    span,
    style,
    tick_months,
)
from dashboard.wording import LEVEL_NAMES, LEVELS, month_name

PROJECTION_HORIZON_MONTHS = 12  # a projection further out is named in the legend, not drawn in full


def coverage_over_time(
    coverage: pd.DataFrame,
    projections: pd.DataFrame | None = None,
    context: pd.DataFrame | None = None,
    context_name: str = "Each area",
) -> go.Figure:
    """Share of practices in a network per series (an area) by month, against the 100% target.

    `coverage`: snapshot_date, ccg_code, coverage_pct. `projections` (optional): ccg_code,
    latest_month, coverage_pct, reaches_100_on, reaches_100 (as from queries.coverage_projection);
    each series is named with the date its recent pace reaches 100% and drawn on to it, dotted.
    `context` (optional, the same columns as `coverage`): the parts of a highlighted line, too many to
    tell apart, drawn as thin grey lines beneath it (`context_name` in the legend: 'Each ICB').
    The share axis is fitted to the data, so that a one-point difference shows.
    """
    fig = go.Figure()
    if coverage.empty:
        return empty(
            style(fig, "Practices in a network", "Snapshot month", "Practices in a network (%)"),
            "No snapshots for this choice",
        )
    if context is not None and not context.empty:
        _grey_lines(fig, context, context_name)
    outlook = {} if projections is None else projections.set_index("ccg_code").to_dict("index")
    last_month = coverage["snapshot_date"].max()
    horizon = last_month + pd.DateOffset(months=PROJECTION_HORIZON_MONTHS)
    furthest = last_month
    past_edge = False  # a projection reaches 100% beyond the horizon: the subtitle explains its arrow
    for index, (series, rows) in enumerate(coverage.groupby("ccg_code", sort=True)):
        look = series_style(index)
        seen = outlook.get(series)
        projected = seen is not None and pd.notna(seen["reaches_100_on"]) and seen["coverage_pct"] < 100
        end = pd.Timestamp(seen["reaches_100_on"]) if projected and seen is not None else None
        beyond = end is not None and end > horizon
        name = str(series) if seen is None else f"{series}: {_when(seen['reaches_100'])}"
        if beyond:  # the chart's edge is the horizon, whatever span of months it draws
            name += f" (beyond this chart, which ends in {month_name(horizon)})"
            past_edge = True
        rows = _with_gaps(rows)  # a month without data is a gap, never a line across it
        fig.add_trace(
            go.Scatter(
                x=rows["snapshot_date"],
                y=rows["coverage_pct"],
                name=name,
                legendgroup=str(series),
                mode="lines+markers",
                line={"color": look["colour"], "dash": look["dash"], "width": 2.5},
                marker={"symbol": look["symbol"], "size": 8, "color": look["colour"]},
                hovertemplate="%{x|%B %Y}: %{y:.1f}%<extra>" + str(inert_text(str(series))) + "</extra>",
            )
        )
        if seen is not None and end is not None:
            start, level = pd.Timestamp(seen["latest_month"]), float(seen["coverage_pct"])
            # beyond the horizon the dotted line stops at the chart's edge, an arrow saying it goes on
            stop = min(end, horizon)
            at_stop = level + (100 - level) * (stop - start) / (end - start) if end > start else 100.0
            furthest = max(furthest, stop)
            fig.add_trace(
                go.Scatter(
                    x=[start, stop],
                    y=[level, at_stop],
                    name=f"{series} projected",
                    legendgroup=str(series),
                    showlegend=False,
                    mode="lines+markers",
                    line={"color": look["colour"], "dash": "dot", "width": 1.5},
                    marker={
                        "symbol": "triangle-right-open" if beyond else "star-open",
                        "size": [1, 12],
                        "color": look["colour"],
                    },
                    hovertemplate=f"{inert_text(str(series))} at the recent pace: "
                    f"100% by {month_name(end)}<extra></extra>",
                )
            )
    lowest = _lowest_share(coverage, projections, context)
    _target_over_fitted_axis(fig, lowest, "every practice in a network")
    first_month = coverage["snapshot_date"].min()
    fig.update_xaxes(range=[first_month - pd.DateOffset(days=15), furthest + pd.DateOffset(days=20)])
    tick_months(fig, coverage["snapshot_date"])
    fig.update_layout(legend={"orientation": "h", "y": -0.18, "yanchor": "top", "x": 0})
    title = f"Practices in a network by area, {span(coverage['snapshot_date'])}, against the 100% target"
    fig = style(fig, title, "Snapshot month", "Practices in a network (%)", height=540)
    if projections is not None:
        fig.update_layout(
            # two lines, so that the second is not cut off in a narrow window
            title_subtitle_text=f"Legend: when each area reaches 100% at the pace of its last "
            f"{policy.TREND_MONTHS} months<br>(dotted, to a star"
            + ("; to an arrow at the edge where 100% lies beyond the chart)" if past_edge else ")"),
            margin_t=112,
        )
    return fig


def _with_gaps(rows: pd.DataFrame) -> pd.DataFrame:
    """One series' rows (snapshot_date, coverage_pct) with an empty row in each run of months that has
    no data, so the line breaks there: a month nobody measured is shown as a gap, never bridged.

    >>> months = pd.to_datetime(["2024-10-01", "2025-12-01"])
    >>> rows = pd.DataFrame({"snapshot_date": months, "coverage_pct": [97.6, 97.7]})
    >>> _with_gaps(rows)["coverage_pct"].tolist()
    [97.6, nan, 97.7]
    """
    months = pd.to_datetime(rows["snapshot_date"]).sort_values()
    after = months + pd.DateOffset(months=1)
    missing = after[after.shift(0) < months.shift(-1)].dropna()
    if missing.empty:
        return rows
    gaps = pd.DataFrame({"snapshot_date": missing.to_numpy(), "coverage_pct": float("nan")})
    dated = rows.assign(snapshot_date=pd.to_datetime(rows["snapshot_date"]))
    together = pd.concat([dated, gaps], ignore_index=True)
    return together.sort_values("snapshot_date", kind="stable").reset_index(drop=True)


def _lowest_share(
    coverage: pd.DataFrame, projections: pd.DataFrame | None, context: pd.DataFrame | None
) -> float:
    """The share axis starts just below the lowest share drawn, on a whole number of points (never < 0)."""
    shares = [coverage["coverage_pct"]]
    if projections is not None and len(projections):
        shares.append(projections["coverage_pct"])
    if context is not None and len(context):
        shares.append(context["coverage_pct"])
    low = float(pd.concat(shares).min())
    return max(0.0, float(int(low - max(1.0, (100 - low) * 0.08))))


def _target_over_fitted_axis(fig: go.Figure, lowest: float, meaning: str | None = None) -> None:
    """The 100% target as a labelled dashed line, the share axis from `lowest` to just above it
    (room for the label above the line)."""
    fig.add_hline(
        y=100,
        line={"color": colour("black"), "dash": "dash", "width": 1.5},
        annotation_text="Target: 100%" + (f" ({meaning})" if meaning else ""),
        annotation_position="top left",
        annotation_font={"weight": "bold", "color": colour("black")},
    )
    fig.update_yaxes(range=[lowest, 100 + max(1.0, (100 - lowest) * 0.12)], ticksuffix="%")


def _grey_lines(fig: go.Figure, context: pd.DataFrame, name: str) -> None:
    """Thin grey lines, one per part, under the highlighted line: one trace whose parts are broken
    apart by an empty point (a trace a part made a page of 200 areas slow to draw); hover names each."""
    rows = context[["ccg_code", "snapshot_date", "coverage_pct"]].assign(gap=False)
    gaps = pd.DataFrame({"ccg_code": rows["ccg_code"].unique(), "snapshot_date": pd.NaT, "gap": True})
    lines = pd.concat([rows, gaps], ignore_index=True).sort_values(
        ["ccg_code", "gap", "snapshot_date"], kind="stable"
    )
    names = {code: str(inert_text(str(code))) for code in gaps["ccg_code"]}
    fig.add_trace(
        go.Scatter(
            x=lines["snapshot_date"],
            y=lines["coverage_pct"],
            customdata=lines["ccg_code"].map(names).where(~lines["gap"], ""),
            name=name,
            legendgroup="context",
            mode="lines",
            line={"color": GREY_LINE, "width": 1},
            connectgaps=False,
            hovertemplate="%{x|%B %Y}: %{y:.1f}%<extra>%{customdata}</extra>",
        )
    )


def _when(reaches_100: str) -> str:
    """Legend wording for coverage_projection's reaches_100: '2019-08' -> '100% by August 2019'."""
    if reaches_100[:4].isdigit():
        return f"100% by {month_name(pd.Timestamp(reaches_100 + '-01'))}"
    return "at 100%" if reaches_100 == "already at 100%" else reaches_100


def official_coverage_over_time(series: pd.DataFrame) -> go.Figure:
    """Official ePCN coverage (England and the chosen areas) beside the tracker's own, by month.

    `series`: snapshot_date, series, coverage_pct.
    """
    fig = go.Figure()
    title = f"Practices in a network: official ePCN register and tracker, {span(series['snapshot_date'])}"
    if series.empty:
        return empty(
            style(fig, title, "Month", "Practices in a network (%)"), "No official data for this choice"
        )
    for index, (name, rows) in enumerate(series.groupby("series", sort=True)):
        look = series_style(index)
        # England and the chosen areas can coincide: the first series is drawn large and hollow
        # underneath, so a series on top of another still shows
        size = 15 - 4 * min(index, 2)
        symbol = f"{look['symbol']}-open" if index == 0 else look["symbol"]
        rows = _with_gaps(rows)
        fig.add_trace(
            go.Scatter(
                x=rows["snapshot_date"],
                y=rows["coverage_pct"],
                name=str(name),
                mode="lines+markers",
                line={"color": look["colour"], "dash": look["dash"], "width": 2.5},
                marker={"symbol": symbol, "size": size, "color": look["colour"], "line": {"width": 2}},
                hovertemplate="%{x|%B %Y}: %{y:.1f}%<extra>" + str(inert_text(str(name))) + "</extra>",
            )
        )
    _target_over_fitted_axis(fig, _lowest_share(series, None, None))
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "x": 0})
    return style(fig, title, "Month", "Practices in a network (%)")


def integration_mix_over_time(mix: pd.DataFrame) -> go.Figure:
    """Practices at each integration level by month, stacked.

    `mix`: snapshot_date, integration_level, practices.
    """
    fig = go.Figure()
    title = f"Practices by integration level, {span(mix['snapshot_date'])}"
    if mix.empty:
        return empty(
            style(fig, title, "Snapshot month", "Practices"), "No integration levels for this choice"
        )
    for level in LEVELS:
        rows = mix.loc[mix["integration_level"] == level]
        level_colour, level_pattern = LEVEL_STYLE[level]
        fig.add_trace(
            go.Bar(
                x=rows["snapshot_date"],
                y=rows["practices"],
                name=LEVEL_NAMES[level],
                marker={"color": colour(level_colour), "pattern": pattern(level_pattern)},
                hovertemplate="%{x|%B %Y}: %{y:,} practices<extra>" + LEVEL_NAMES[level] + "</extra>",
            )
        )
    fig.update_layout(
        barmode="stack", bargap=0.15, legend={"orientation": "h", "y": -0.2, "x": 0, "traceorder": "normal"}
    )
    tick_months(fig, mix["snapshot_date"])
    return style(fig, title, "Snapshot month", "Practices")


def integration_by_contract(counts: pd.DataFrame, month: date) -> go.Figure:
    """Practices by integration level within each contract type.

    `counts`: integration_level, contract_type, practices.
    """
    fig = go.Figure()
    title = f"Practices by integration level and core contract, {month_name(month)}"
    if counts.empty:
        return empty(style(fig, title, "Core contract", "Practices"), "No contract types for this choice")
    contracts = [c for c in ("GMS", "PMS", "APMS") if c in set(counts["contract_type"])]
    for level in LEVELS:
        rows = counts.loc[counts["integration_level"] == level].set_index("contract_type").reindex(contracts)
        level_colour, level_pattern = LEVEL_STYLE[level]
        fig.add_trace(
            go.Bar(
                x=contracts,
                y=rows["practices"].fillna(0),
                name=LEVEL_NAMES[level],
                text=rows["practices"].fillna(0).astype(int),
                textposition="outside",
                cliponaxis=False,
                marker={"color": colour(level_colour), "pattern": pattern(level_pattern)},
                hovertemplate="%{x}: %{y:,} practices<extra>" + LEVEL_NAMES[level] + "</extra>",
            )
        )
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.2, "x": 0})
    fig.update_yaxes(rangemode="tozero")
    return style(fig, title, "Core contract", "Practices")

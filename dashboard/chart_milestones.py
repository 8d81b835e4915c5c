"""The milestone timeline: due and achieved dates of each milestone, marked with its status.

Pure like every chart (dashboard/charts.py re-exports it); in a module of its own for its size.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.chart_style import STATUS_STYLE, bar_height, colour, empty, style
from dashboard.wording import MILESTONE_STATUSES


def milestone_timeline(milestones: pd.DataFrame) -> go.Figure:
    """Due and achieved dates of each milestone, marked with its status on the day it is judged.

    `milestones`: ccg_code (or `area`, its name), network_name, milestone, due_date, achieved_date,
    status, judged_on (as from queries.milestone_statuses); each row is labelled "area, network:
    milestone" unless the frame has its own `label` column.
    """
    fig = go.Figure()
    if milestones.empty:
        return empty(style(fig, "Milestones", "Date", "Milestone"), "No milestones for this choice")
    area = milestones["area"] if "area" in milestones.columns else milestones["ccg_code"]
    network = milestones["network_name"].fillna("").astype(str)
    label = area.astype(str) + network.map(lambda n: f", {n}" if n else "") + ": " + milestones["milestone"]
    rows = milestones.assign(area_shown=area)
    if "label" not in milestones.columns:  # the page may give its own label
        rows = rows.assign(label=label)
    judged_on = pd.Timestamp(rows["judged_on"].iloc[0])
    for status in MILESTONE_STATUSES:
        chosen = rows.loc[rows["status"] == status]
        if chosen.empty:
            continue
        status_colour, symbol = STATUS_STYLE[status]
        # the gap a late or overdue milestone has run up, from its due date to achievement or the day
        if status in ("Overdue", "Achieved late"):
            xs, ys = [], []
            gap_end = chosen["achieved_date"].fillna(judged_on)
            for label, due, end in zip(chosen["label"], chosen["due_date"], gap_end, strict=True):
                xs += [due, end, None]
                ys += [label, label, None]
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    showlegend=False,
                    hoverinfo="skip",
                    line={"color": colour(status_colour), "width": 3},
                )
            )
        where = chosen["achieved_date"].where(chosen["achieved_date"].notna(), chosen["due_date"])
        fig.add_trace(
            go.Scatter(
                x=where,
                y=chosen["label"],
                mode="markers",
                name=status,
                marker={
                    "symbol": symbol,
                    "size": 11,
                    "color": colour(status_colour),
                    "line": {"width": 2, "color": colour(status_colour)},
                },
                customdata=chosen["due_date"].dt.strftime("%d %B %Y"),
                hovertemplate="%{y}<br>due %{customdata}<extra>" + status + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=rows["due_date"],
            y=rows["label"],
            mode="markers",
            name="Due date",
            marker={"symbol": "line-ns-open", "size": 14, "color": colour("black"), "line": {"width": 2}},
            hovertemplate="%{y}<br>due %{x|%d %B %Y}<extra></extra>",
        )
    )
    fig.add_vline(x=judged_on, line={"color": colour("black"), "dash": "dash", "width": 1.5})
    order = rows.sort_values(["area_shown", "network_name", "due_date"], ascending=False)["label"]
    fig.update_yaxes(categoryorder="array", categoryarray=order.drop_duplicates().tolist())
    title = f"Milestones: due and achieved dates as they stood on {judged_on:%d %B %Y}"
    fig = style(fig, title, "Date", "Milestone", height=bar_height(rows["label"].nunique(), per_row=22))
    fig.update_layout(
        legend={
            "orientation": "h",
            "xref": "container",
            "x": 0.01,
            "yref": "container",
            "y": 0.005,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
        title_subtitle_text="Dashed line: the day the statuses are judged on; a bar runs from the due date "
        "to the achievement (or to that day)",
        margin={"t": 95, "b": 60},
    )
    return fig

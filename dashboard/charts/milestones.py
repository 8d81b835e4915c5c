"""The milestone timeline: due and achieved dates of each milestone, marked with its status.

Pure like every chart (dashboard/charts re-exports it); in a module of its own for its size.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import STATUS_STYLE, bar_height, colour, empty, style
from dashboard.wording import MILESTONE_STATUSES

# longer labels are cut short on the axis (whole in the hover and the table)
LABEL_CHARACTERS = 48
NETWORK_CHARACTERS = 24
MILESTONE_CHARACTERS = 32


def short_label(text: str, limit: int = LABEL_CHARACTERS) -> str:
    """The label as the axis shows it: whole when short, else cut at a word with an ellipsis.

    >>> short_label("NHS Doncaster CCG (02X), Balby and Bentley Network: Clinical director appointed", 40)
    'NHS Doncaster CCG (02X), Balby and…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,:")
    return f"{cut}…"


def _code_of(area: str) -> str:
    """'NHS Doncaster CCG (02X)' -> '02X'; a bare code as it is."""
    return area.rsplit("(", 1)[-1].rstrip(")") if area.endswith(")") else area


def milestone_timeline(milestones: pd.DataFrame) -> go.Figure:
    """Due and achieved dates of each milestone, marked with its status on the day it is judged.

    `milestones`: ccg_code (or `area`, its name), network_name, milestone, due_date, achieved_date,
    status, judged_on (as from queries.milestone_statuses); each row is labelled "area, network:
    milestone" unless the frame has its own `label` column. Rows are drawn in the frame's order from the
    top down (the page gives them most urgent first).
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
    # the axis says less: the area by its code (none when there is one area), the network and the
    # milestone each cut short; the hover and the table have the whole label
    one_area = area.nunique() == 1
    short = [
        short_label(text)
        if "label" in milestones.columns
        else ": ".join(
            part
            for part in (
                ", ".join(
                    p for p in ("" if one_area else _code_of(str(a)), short_label(n, NETWORK_CHARACTERS)) if p
                ),
                short_label(str(m), MILESTONE_CHARACTERS),
            )
            if part
        )
        for text, a, n, m in zip(rows["label"], area, network, milestones["milestone"], strict=True)
    ]
    short_of = dict(zip(rows["label"], short, strict=True))
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
    # the rows' own order (most urgent first) from the top down; long labels cut short, whole in the hover
    order = rows["label"].drop_duplicates().tolist()
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=order[::-1],
        tickmode="array",
        tickvals=order,
        ticktext=[short_of[text] for text in order],
    )
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

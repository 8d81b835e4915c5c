"""The Progress headline worked out from queries.headline: pure, so the board pack shows the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from dashboard.wording import LEVELS, share_text


@dataclass(frozen=True)
class HeadlineFigure:
    """One headline number with its change since the previous month."""

    label: str
    value: str
    change: str | None
    # how st.metric colours the change: 'inverse' where a rise is bad news, 'off' for no change
    colour: Literal["normal", "inverse", "off"]
    help: str | None = None


def compared_rows(headline: pd.DataFrame) -> tuple[pd.Series, pd.Series | None]:
    """The selected month's row of queries.headline, and the previous month's (None if none)."""
    now = headline.loc[headline["compared"] == "selected"].iloc[0]
    before = headline.loc[headline["compared"] == "previous"]
    return now, before.iloc[0] if len(before) else None


def _compared_now(headline: pd.DataFrame, now: pd.Series) -> pd.Series:
    """The selected month over the areas compared with the previous month (same source in both)."""
    rows = headline.loc[headline["compared"] == "selected_compared"]
    return rows.iloc[0] if len(rows) else now


def headline_figures(headline: pd.DataFrame, source_note: str) -> list[HeadlineFigure]:
    """The headline; tracker-only figures (levels, milestones) only where tracker rows exist."""
    now, before = compared_rows(headline)
    # a change compares like with like: the areas whose source is the same in both months
    now_compared = _compared_now(headline, now)

    def figure(label: str, column: str, rise_is_bad: bool = False, help: str | None = None) -> HeadlineFigure:
        value = f"{int(now[column]):,}"
        if before is None:
            return HeadlineFigure(label, value, None, "off", help)
        difference = int(now_compared[column]) - int(before[column])
        if difference == 0:
            return HeadlineFigure(label, value, "no change", "off", help)
        return HeadlineFigure(label, value, f"{difference:+,}", "inverse" if rise_is_bad else "normal", help)

    in_network = figure("Practices in a network", "practices_in_network", help=f"Source: {source_note}")
    figures = [
        HeadlineFigure(
            in_network.label,
            share_text(int(now["practices_in_network"]), int(now["practices"])),
            in_network.change,
            in_network.colour,
            in_network.help,
        ),
        _patients_covered(now, now_compared, before, source_note),
        figure(
            "Practices left out",
            "practices_left_out",
            rise_is_bad=True,
            help=f"In no network. Source: {source_note}",
        ),
        figure("Networks", "networks", help=f"Source: {source_note}"),
    ]
    if int(now["tracker_practices"]) == 0:
        return figures
    tracker = f"Source: the tracker ({int(now['tracker_practices']):,} practices)"
    figures.append(
        figure(
            "Overdue milestones",
            "overdue_milestones",
            rise_is_bad=True,
            help="Due on or before the last day of the month and not achieved by then. Source: the tracker",
        )
    )
    # fewer practices at level none is progress; a shift between the other levels is neither good nor bad
    for level in LEVELS:
        counted = figure(f"Integration: {level}", f"level_{level}", rise_is_bad=True, help=tracker)
        colour = counted.colour if level == "none" else "off"
        figures.append(HeadlineFigure(counted.label, counted.value, counted.change, colour, counted.help))
    return figures


def _patients_covered(
    now: pd.Series, now_compared: pd.Series, before: pd.Series | None, source_note: str
) -> HeadlineFigure:
    covered = _covered_percent(now)
    points = (
        None
        if before is None
        else round(_covered_percent(now_compared), 1) - round(_covered_percent(before), 1)
    )
    known = (
        ""
        if int(now["practices_with_list_size"]) == int(now["practices"])
        else f" ({int(now['practices_with_list_size']):,} practices with a known list size)"
    )
    return HeadlineFigure(
        "Registered patients covered",
        f"{covered:.1f}%",
        None if points is None else "no change" if points == 0 else f"{points:+.1f} points",
        "off" if not points else "normal",
        f"{int(now['patients_in_network']):,} of {int(now['patients']):,} registered patients{known}. "
        f"Source: {source_note}",
    )


def _covered_percent(row: pd.Series) -> float:
    return 100 * row["patients_in_network"] / row["patients"] if row["patients"] else 0.0


def headline_table(figures: list[HeadlineFigure], since: str) -> pd.DataFrame:
    """The headline as a table: figure, value, and the change since the month named by `since`."""
    return pd.DataFrame(
        {
            "figure": [f.label for f in figures],
            "value": [f.value for f in figures],
            f"change since {since}": [f.change or "" for f in figures],
        }
    )


def combined_coverage(coverage: pd.DataFrame) -> pd.DataFrame:
    """queries.coverage_by_month summed over its areas: one row per month."""
    combined = coverage.groupby("month", as_index=False)[["practices", "practices_in_network"]].sum()
    combined["coverage_pct"] = (100 * combined["practices_in_network"] / combined["practices"]).round(1)
    return combined

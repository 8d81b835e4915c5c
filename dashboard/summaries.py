"""Headline figures and small counts worked out from query answers: pure, so the board pack can reuse them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd

LEVELS = ("none", "virtual", "partial", "full")
LEVEL_NAMES = {
    "none": "No integration",
    "virtual": "Virtual",
    "partial": "Partially integrated",
    "full": "Fully integrated",
}
REASONS = (
    "Not in a network",
    "Single-handed",
    "Network below 30,000 patients",
    "Left a network since the previous snapshot",
    "Contract suspended",
    "Missing from the tracker (open in the official register)",
)
OFFICIAL_REASON = REASONS[-1]
CHANGES = (
    "Joined a network",
    "Left a network",
    "Moved network",
    "Integration level changed",
    "Contract changed",
    "Practice added",
    "Practice no longer listed",
)
MILESTONE_STATUSES = ("Overdue", "Due within 30 days", "Achieved late", "Not yet due", "Achieved")


def month_name(month: date | pd.Timestamp) -> str:
    """'March 2019'"""
    return month.strftime("%B %Y")


def share_text(part: int, whole: int) -> str:
    """The headline form of a share.

    >>> share_text(135, 142)
    '135 of 142 (95.1%)'
    """
    percent = 100 * part / whole if whole else 0.0
    return f"{part:,} of {whole:,} ({percent:.1f}%)"


@dataclass(frozen=True)
class HeadlineFigure:
    """One headline number with its change since the previous snapshot month."""

    label: str
    value: str
    change: str | None
    # how st.metric colours the change: 'inverse' where a rise is bad news, 'off' for no change
    colour: Literal["normal", "inverse", "off"]
    help: str | None = None


def compared_rows(headline: pd.DataFrame) -> tuple[pd.Series, pd.Series | None]:
    """The selected month's row of queries.headline, and the previous snapshot month's (None if none)."""
    now = headline.loc[headline["compared"] == "selected"].iloc[0]
    before = headline.loc[headline["compared"] == "previous"]
    return now, before.iloc[0] if len(before) else None


def headline_figures(headline: pd.DataFrame) -> list[HeadlineFigure]:
    """The Progress page's headline from queries.headline; changes are against the previous snapshot."""
    now, before = compared_rows(headline)

    def figure(label: str, column: str, rise_is_bad: bool = False, help: str | None = None) -> HeadlineFigure:
        value = f"{int(now[column]):,}"
        if before is None:
            return HeadlineFigure(label, value, None, "off", help)
        difference = int(now[column]) - int(before[column])
        if difference == 0:
            return HeadlineFigure(label, value, "no change", "off", help)
        return HeadlineFigure(label, value, f"{difference:+,}", "inverse" if rise_is_bad else "normal", help)

    covered = _covered_percent(now)
    points = None if before is None else round(covered, 1) - round(_covered_percent(before), 1)
    patients = HeadlineFigure(
        "Registered patients covered",
        f"{covered:.1f}%",
        None if points is None else "no change" if points == 0 else f"{points:+.1f} points",
        "off" if not points else "normal",
        f"{int(now['patients_in_network']):,} of {int(now['patients']):,} registered patients",
    )
    in_network = figure("Practices in a network", "practices_in_network")
    figures = [
        HeadlineFigure(
            in_network.label,
            share_text(int(now["practices_in_network"]), int(now["practices"])),
            in_network.change,
            in_network.colour,
        ),
        patients,
        figure("Practices left out", "practices_left_out", rise_is_bad=True, help="Practices in no network"),
        figure("Networks", "networks"),
        figure(
            "Overdue milestones",
            "overdue_milestones",
            rise_is_bad=True,
            help="Due on or before the last day of the month and not achieved by then",
        ),
    ]
    # fewer practices at level none is progress; a shift between the other levels is neither good nor bad
    for level in LEVELS:
        counted = figure(f"Integration: {level}", f"level_{level}", rise_is_bad=True)
        colour = counted.colour if level == "none" else "off"
        figures.append(HeadlineFigure(counted.label, counted.value, counted.change, colour))
    return figures


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
    """queries.coverage_by_month summed over its CCGs: one row per snapshot month."""
    combined = coverage.groupby("snapshot_date", as_index=False)[["practices", "practices_in_network"]].sum()
    combined["coverage_pct"] = (100 * combined["practices_in_network"] / combined["practices"]).round(1)
    return combined


def split_reasons(support: pd.DataFrame) -> pd.Series:
    """One entry per (practice, reason) from the 'reasons' column joined with '; '."""
    return support["reasons"].str.split("; ").explode()


def reason_counts(support: pd.DataFrame) -> pd.DataFrame:
    """Practices per reason, in the order of REASONS; the official reason only when it occurs."""
    counts = split_reasons(support).value_counts() if len(support) else pd.Series(dtype="int64")
    reasons = [r for r in REASONS if r != OFFICIAL_REASON or counts.get(r, 0)]
    return pd.DataFrame({"reason": reasons, "practices": [int(counts.get(r, 0)) for r in reasons]})


def with_any_reason(support: pd.DataFrame, reasons: list[str]) -> pd.DataFrame:
    """The practices with at least one of `reasons`."""
    wanted = set(reasons)
    keep = support["reasons"].map(lambda text: bool(wanted & set(text.split("; "))))
    return support.loc[keep.astype(bool)].reset_index(drop=True)


def change_counts(changes: pd.DataFrame) -> pd.DataFrame:
    """Changes per kind, in the order of CHANGES."""
    counts = changes["change"].value_counts()
    return pd.DataFrame({"change": list(CHANGES), "practices": [int(counts.get(c, 0)) for c in CHANGES]})


def status_counts(milestones: pd.DataFrame) -> pd.DataFrame:
    """Milestones per status, in the order of MILESTONE_STATUSES."""
    counts = milestones["status"].value_counts()
    return pd.DataFrame(
        {
            "status": list(MILESTONE_STATUSES),
            "milestones": [int(counts.get(s, 0)) for s in MILESTONE_STATUSES],
        }
    )


def latest_official_coverage(official: pd.DataFrame) -> list[tuple[str, str]]:
    """('Official (ePCN), England, December 2019', '6,754 of 7,128 (94.8%)') for each official series."""
    figures = []
    for series, rows in official[official["series"].str.startswith("Official")].groupby("series", sort=True):
        latest = rows.sort_values("snapshot_date").iloc[-1]
        text = share_text(int(latest["practices_in_network"]), int(latest["practices"]))
        figures.append((f"{series}, {month_name(latest['snapshot_date'])}", text))
    return figures

"""The Milestones page's content: each milestone's status on the month's last day, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import charts, policy, queries
from dashboard.content.common import Chart, ReturnsNote, area_names, drawn, labelled, returns_note_for
from dashboard.view import View
from dashboard.wording import MILESTONE_STATUSES, plural

HOW_TO_LOAD = (
    "No milestones register is loaded yet. Write a CSV file with the columns ccg_code, network_code, "
    "milestone, due_date, achieved_date, owner and notes (one row per milestone), then load it with "
    "`.venv/bin/python -m etl load milestones.csv` or check and load it on the Data page."
)


@dataclass(frozen=True)
class MilestonesContent:
    """Status counts, the timeline (the most urgent), every milestone, the overdue ones."""

    judged_on: pd.Timestamp | None
    counts: pd.DataFrame
    timeline: Chart | None
    milestones: pd.DataFrame
    overdue: pd.DataFrame
    empty_text: str | None
    # the areas' newest tracker returns, where they are old for the month: said beside the statuses,
    # and a column of the milestones' CSVs (the tables here carry it)
    returns: ReturnsNote | None = None

    @property
    def charts(self) -> tuple[Chart, ...]:
        """The page's charts (the pack draws those declared on paper)."""
        return () if self.timeline is None else (self.timeline,)


def milestones_content(db: Path, view: View) -> MilestonesContent:
    """The chosen areas' milestones as they stood on the last day of the month."""
    statuses = queries.milestone_statuses(db, view.areas, view.month)
    if statuses.empty:
        text = (
            HOW_TO_LOAD
            if queries.milestones_registered(db) == 0
            else f"No milestones are registered for {view.scope}."
        )
        return MilestonesContent(None, status_counts(statuses), None, statuses, statuses, text)
    names = area_names(queries.areas(db), view.month)
    returns = returns_note_for(db, view)
    shown = labelled(statuses, names) if returns is None else returns.dated(labelled(statuses, names))
    charted = shown.head(policy.MAX_MILESTONES_CHARTED)  # already most urgent first, finished ones last
    timeline = Chart(
        drawn(charts.milestone_timeline(charted)),
        shown,
        "milestone_timeline",
        f"milestones_{view.month:%Y-%m}.csv",
        note=left_out(shown, len(charted)),
    )
    return MilestonesContent(
        judged_on=pd.Timestamp(statuses["judged_on"].iloc[0]),
        counts=status_counts(statuses),
        timeline=timeline,
        milestones=shown.drop(columns=["judged_on"]),
        overdue=shown.loc[shown["status"] == "Overdue"].drop(columns=["judged_on"]),
        empty_text=None,
        returns=returns,
    )


def left_out(milestones: pd.DataFrame, charted: int) -> str | None:
    """'The timeline shows the 60 most urgent of 120 milestones; left out: 52 achieved, 8 not yet due.'"""
    if len(milestones) <= charted:
        return None
    rest = milestones.iloc[charted:]["status"].value_counts()
    parts = [f"{int(rest[s]):,} {s.lower()}" for s in MILESTONE_STATUSES if s in rest]
    return (
        f"The timeline shows the {charted} most urgent of {plural(len(milestones), 'milestone')}; "
        f"left out: {', '.join(parts)}. The table has every one."
    )


def status_counts(milestones: pd.DataFrame) -> pd.DataFrame:
    """Milestones per status, in the order of MILESTONE_STATUSES."""
    counts = milestones["status"].value_counts() if len(milestones) else pd.Series(dtype="int64")
    return pd.DataFrame(
        {
            "status": list(MILESTONE_STATUSES),
            "milestones": [int(counts.get(s, 0)) for s in MILESTONE_STATUSES],
        }
    )

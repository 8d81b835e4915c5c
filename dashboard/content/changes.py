"""The Changes page's content: what changed per practice since its area's previous month."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import charts, queries
from dashboard.content.common import Chart, area_names, drawn, labelled, months_written
from dashboard.view import View
from dashboard.wording import CHANGES, month_name


@dataclass(frozen=True)
class ChangesContent:
    """The changes (one row per practice), their count per kind, and what the month is compared with."""

    since: str | None
    first_month_text: str | None
    changes: pd.DataFrame
    counts: pd.DataFrame
    chart: Chart

    @property
    def charts(self) -> tuple[Chart, ...]:
        """The page's charts (the pack draws those declared on paper)."""
        return (self.chart,)


def changes_content(db: Path, view: View) -> ChangesContent:
    """Changes in the view's areas between each area's previous month and the month."""
    headline = queries.headline(db, view.areas, view.month)
    previous = headline.loc[headline["compared"] == "previous", "month"]
    since = None if previous.empty else pd.Timestamp(previous.iloc[0])
    changes = queries.changes_since_previous(db, view.areas, view.month)
    counts = change_counts(changes)
    empty = f"No changes in {month_name(view.month)}."
    chart = Chart(
        drawn(charts.changes_by_kind(counts, since, view.month)) if len(changes) else None,
        counts,
        "change_counts",
        f"change_counts_{view.month:%Y-%m}.csv",
        empty_text=empty,
    )
    names = area_names(queries.areas(db), view.month)
    shown = months_written(labelled(changes, names), ["previous_month"])
    return ChangesContent(
        since=None if since is None else month_name(since),
        first_month_text=(
            f"{month_name(view.month)} is the first month with data for {view.scope}: "
            "there is nothing to compare it with."
            if since is None
            else None
        ),
        changes=shown,
        counts=counts,
        chart=chart,
    )


def change_counts(changes: pd.DataFrame) -> pd.DataFrame:
    """Practices with each kind of change (a practice may count under two kinds), in SPEC 5's order."""
    parts = changes["change"].str.split("; ").explode() if len(changes) else pd.Series(dtype=object)
    kinds = parts.str.split(" ").str[0]
    counted = kinds.value_counts()
    return pd.DataFrame(
        {"change": list(CHANGES.values()), "practices": [int(counted.get(k, 0)) for k in CHANGES]}
    )


def with_any_kind(changes: pd.DataFrame, chosen: list[str]) -> pd.DataFrame:
    """The practices with at least one change of the chosen kinds (named as in change_counts)."""
    words = {word for word, label in CHANGES.items() if label in chosen}
    keep = changes["change"].map(lambda text: any(part.split(" ")[0] in words for part in text.split("; ")))
    return changes.loc[keep.astype(bool)].reset_index(drop=True)

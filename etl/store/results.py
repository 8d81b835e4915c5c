"""What a load or a check says of each file: one line in the words of its kind's declaration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.months import spoken_month
from etl.sources import InputFile, kind_named
from etl.sources.kind import Staged

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class LoadResult:
    file: InputFile
    outcome: str  # loaded | unchanged | rejected

    def summary(self) -> str:
        """One line for the person who ran the load."""
        f = self.file
        if self.outcome == "rejected":
            count = problem_count(f)
            return f"{f.name}: rejected, {count:,} problem{'s' * (count != 1)}; nothing was stored"
        if self.outcome == "unchanged":
            return f"{f.name}: already loaded, nothing changed"
        return f"{f.name}: loaded {describe(f)}"


def describe(f: InputFile) -> str:
    """'155 rows of participation for March 2018, CCGs 02N, 02X' or 'epcn: 1,250 networks, ...'"""
    kind = kind_named(str(f.kind))
    if not kind.tracker:
        counts = (
            f"{_counted(rows, kind.table(name).counted):,} {kind.table(name).noun}"
            for name, rows in f.tables.items()
        )
        return f"{f.kind}: {', '.join(counts)}"
    nouns = " and ".join(table.noun for table in kind.stores)
    text = f"{f.rows:,} row{'s' * (f.rows != 1)} of {nouns}"
    if f.months:
        first, last = spoken_month(f.months[0]), spoken_month(f.months[-1])
        text += f" for {first}" if len(f.months) == 1 else f" for {first} to {last}"
    if f.ccgs:
        text += f", CCG{'s' * (len(f.ccgs) != 1)} {', '.join(f.ccgs)}"
    return text


def _counted(rows: pd.DataFrame | Staged, counted: Callable[[pd.DataFrame], int]) -> int:
    """The rows a summary counts: all of a staged file's, or those its table's declaration counts."""
    return rows.rows if isinstance(rows, Staged) else counted(rows)


def problem_count(f: InputFile) -> int:
    """The total number of problems found, also those beyond the first 1,000 kept."""
    return max(f.problem_count, len(f.problems))

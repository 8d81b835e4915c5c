"""Every question the dashboard asks the database: one function each, answered as a DataFrame.

No Streamlit here (dashboard/ui/cache.py wraps these for the pages; the board pack calls them as they
are). The SQL of each question lives in dashboard/sql/<question>.sql, with its values bound as
parameters, the policy (dashboard/policy.py) among them; the questions about the chosen areas and a
month all bind the same two values, so `about_month` makes their functions. Every page reads
`practice_months`: one row per practice per month, from the tracker where it has the area and month,
else the official files.
The file is read through one read-only reader per version of the file (a load swaps in a new file,
and the next question reads that), each question on a cursor of its own. `Version` is that version,
and the one key of every answer kept: the pages keep theirs under it (dashboard/ui/cache.py), and
the reader of a version keeps the areas, which every page and every section of the board pack names.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import duckdb
import pandas as pd

from dashboard import policy, wording

SQL_DIR = Path(__file__).resolve().parent / "sql"
Areas = tuple[str, ...]


def answer(db: Path, question: str, **values: Any) -> pd.DataFrame:
    """Run dashboard/sql/<question>.sql with `values` and the policy bound to its $parameters."""
    sql = (SQL_DIR / f"{question}.sql").read_text()
    named = {**policy.sql_parameters(), **values}
    wanted = set(re.findall(r"\$([a-z_]+)", sql))
    with _opened(db).reader.cursor() as con:
        con.execute(f"use {CATALOG}")
        return con.execute(sql, {name: named[name] for name in wanted}).df()


class MonthQuestion(Protocol):
    """A question about the chosen areas in, or up to, a month: dashboard/sql/<its name>.sql."""

    __name__: str

    def __call__(self, db: Path, areas: Areas, month: date) -> pd.DataFrame: ...


def about_month(question: str, description: str) -> MonthQuestion:
    """The function that answers `question` for the chosen areas and month (its first day)."""

    def ask(db: Path, areas: Areas, month: date) -> pd.DataFrame:
        return answer(db, question, areas=list(areas), month=month)

    ask.__name__ = ask.__qualname__ = question  # dashboard/ui/cache.py finds it again by its name
    ask.__doc__ = description
    return ask


CATALOG = "tracker"


class Version(NamedTuple):
    """Which database file, as it is now: a load replaces the file, so its inode, time and size change."""

    path: str
    inode: int
    modified_ns: int
    size: int


def version_of(db: Path) -> Version:
    """The file's version now (FileNotFoundError when there is no file)."""
    stat = os.stat(db)
    return Version(str(db), stat.st_ino, stat.st_mtime_ns, stat.st_size)


@dataclass
class _Opened:
    """A version of the file, attached read-only, and the answers kept for it (the areas)."""

    version: Version
    reader: duckdb.DuckDBPyConnection
    kept: dict[str, pd.DataFrame] = field(default_factory=dict)


_opened_files: dict[Path, _Opened] = {}
_opened_lock = threading.Lock()


def _opened(db: Path) -> _Opened:
    """One read-only reader per version of the file; each question takes a cursor of its own.

    A load swaps in a new file (new inode, time, size): the next question attaches the new file, while
    questions still running on the old one finish there. The file is attached to an in-memory database
    rather than opened, because DuckDB hands a new connection to a path it still has open the old file.
    """
    version = version_of(db)
    with _opened_lock:
        known = _opened_files.get(db)
        if known is None or known.version != version:
            reader = duckdb.connect()
            quoted = str(db).replace("'", "''")
            reader.execute(f"attach '{quoted}' as {CATALOG} (read_only)")
            known = _opened_files[db] = _Opened(version, reader)
        return known


def has_practice_months(db: Path) -> bool:
    """Whether the database holds at least one practice month (a tracker database that has data)."""
    try:
        return bool(answer(db, "practice_months_exist")["found"].iloc[0])
    except duckdb.CatalogException:  # a database from before practice_months, or not a tracker database
        return False


def areas(db: Path) -> pd.DataFrame:
    """Every area with data: code, name (as people know it), ICB, region and which sources cover it.

    Every page and chart names areas, so the answer is kept per version of the file (a load replaces it).
    """
    opened = _opened(db)
    if "areas" not in opened.kept:  # asked twice at once, it is worked out twice: the same answer
        opened.kept["areas"] = answer(db, "areas")
    return opened.kept["areas"].copy()


def months(db: Path, areas: Areas) -> list[date]:
    """The months with data for the chosen areas, newest first."""
    return [m.date() for m in answer(db, "months", areas=list(areas))["month"]]


def areas_in_month(db: Path, areas: Areas, month: date) -> list[str]:
    """The chosen areas that have data in the month (its first day)."""
    return answer(db, "areas_in_month", areas=list(areas), month=month)["ccg_code"].tolist()


def data_as_at(db: Path, areas: Areas) -> pd.DataFrame:
    """One row: the newest month of the chosen areas, its sources, and when its data were loaded."""
    return answer(db, "data_as_at", areas=list(areas))


headline = about_month(
    "headline",
    "The headline figures for the month ('selected') and the month before it ('previous').",
)

coverage_by_month = about_month(
    "coverage_by_month",
    "Practices in a network per area and month, up to the month, with each month's source.",
)

coverage_projection = about_month(
    "coverage_projection",
    "Per area, when the pace of its latest months would reach 100% coverage.",
)

integration_mix_by_month = about_month(
    "integration_mix_by_month",
    "Tracked practices at each integration level per month, up to the month.",
)

integration_by_contract = about_month(
    "integration_by_contract",
    "Tracked practices by integration level and contract type in the month.",
)


def official_data_loaded(db: Path) -> bool:
    """Whether an official register (epraccur) is loaded, to compare the tracker with."""
    try:
        return int(answer(db, "official_data_loaded")["registers"].iloc[0]) > 0
    except duckdb.CatalogException:
        return False


official_coverage_by_month = about_month(
    "official_coverage_by_month",
    "Official PCN coverage of England and the chosen areas beside the tracker's, up to the month.",
)


def practices_needing_support(db: Path, areas: Areas, month: date) -> pd.DataFrame:
    """The call list: every practice with a practice-level reason in the month, most pressing first.

    `reasons` and `network_notes` are lists of codes (their words: dashboard/wording.py); the order
    of wording.REASONS is bound into the SQL, so that the list is sorted by it. A code without words
    there raises wording.UnknownCode: a reason renamed on one side only never silently zeroes a count.
    """
    found = answer(
        db,
        "practices_needing_support",
        areas=list(areas),
        month=month,
        reason_order=list(wording.REASONS),
        left_out_reasons=list(wording.LEFT_OUT_REASONS),
    )
    wording.require_known(found["reasons"], wording.REASON_WORDS, "reason")
    wording.require_known(found["network_notes"], wording.NETWORK_NOTE_WORDS, "network note")
    return found


register_disagreements = about_month(
    "register_disagreements",
    "Tracked practices that the official register says had closed, or hold another contract.",
)

network_sizes = about_month(
    "network_sizes",
    "Each network with a member in the chosen areas: population, band and integration mix.",
)


def network_members(db: Path, areas: Areas, month: date, network: str | None) -> pd.DataFrame:
    """The member practices of the chosen areas' networks, or of one network."""
    return answer(db, "network_members", areas=list(areas), month=month, network=network)


milestone_statuses = about_month(
    "milestone_statuses",
    "The chosen areas' milestones as they stood on the month's last day, most urgent first.",
)


def milestones_registered(db: Path) -> int:
    """How many milestones the register holds, for every area."""
    return int(answer(db, "milestones_registered")["milestones"].iloc[0])


changes_since_previous = about_month(
    "changes_since_previous",
    "What changed per practice since its area's previous month, one row per practice.",
)


def load_history(db: Path) -> pd.DataFrame:
    """Every load attempt, newest first, with each official file's release date."""
    return answer(db, "load_history")


def freshness(db: Path, areas: Areas) -> pd.DataFrame:
    """Each chosen area's newest month per source, and whether it is behind the others."""
    return answer(db, "freshness", areas=list(areas))


def newest_register_release(db: Path) -> date | None:
    """The release date of the newest official register (epraccur) loaded, if any."""
    released = answer(db, "newest_register_release")["release_date"].iloc[0]
    return None if pd.isna(released) else pd.Timestamp(released).date()


def last_rejected_problems(db: Path) -> pd.DataFrame:
    """The stored problems of the most recently rejected file (no rows when none was rejected)."""
    return answer(db, "last_rejected_problems")


source_files = about_month(
    "source_files",
    "The loaded files the chosen areas' figures up to the month come from, with their content hashes.",
)


def coverage_by_area(db: Path, month: date) -> pd.DataFrame:
    """Every area with data in the month, across England: practices and those in a network, ICB, region."""
    return answer(db, "coverage_by_area", month=month)


practices_on_map = about_month(
    "practices_on_map",
    "The chosen areas' practices in the month with their network and status on the map.",
)


# --- issue 18: every figure dated, the sources' newest dates, snapshot against ePCN ---------------


def patients_as_at(db: Path, areas: Areas, month: date) -> date | None:
    """The date most of the month's registered-patient figures hold for (None without any)."""
    found = answer(db, "patients_as_at", areas=list(areas), month=month)["patients_as_at"]
    return None if found.empty or pd.isna(found.iloc[0]) else pd.Timestamp(found.iloc[0]).date()


def source_dates(db: Path, areas: Areas) -> pd.DataFrame:
    """kind, newest: each official kind's newest release, and the chosen areas' newest tracker month."""
    return answer(db, "source_dates", areas=list(areas))


def membership_disagreements(db: Path, areas: Areas) -> pd.DataFrame:
    """month, snapshot_file, practices: where ePCN and a registration snapshot disagree."""
    return answer(db, "membership_disagreements", areas=list(areas))

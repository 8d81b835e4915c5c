"""Validated files -> DuckDB: replace what a file covers, skip what was loaded before, log every
attempt, and rebuild the official rows of practice_months whenever the data changed.

>>> results = load_files([Path("status_2018-03.csv")], Path("tracker.duckdb"))  # doctest: +SKIP
>>> results[0].summary()  # doctest: +SKIP
'status_2018-03.csv: loaded 4 rows of participation for March 2018, CCG 02X'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl.config import SQL_DIR
from etl.database import connect_read_only, writing
from etl.guards import area_problems
from etl.incoming import incoming
from etl.months import spoken_month
from etl.return_checks import check_return, os_account
from etl.sources import InputFile, read_input
from etl.staging import Staged, release

if TYPE_CHECKING:
    import pandas as pd

TRACKER_TABLES = {"participation": "participation", "milestones": "milestone_register"}
STORED_TABLES = {
    *TRACKER_TABLES.values(),
    "official_practice_facts",
    "official_ccgs",
    "official_networks",
    "official_membership",
    "official_areas",
    "official_registrations",
}
STORED_PROBLEMS = 1000  # load_problems keeps the first 1,000 of a file; load_history the total
OFFICIAL_NOUNS = {
    "official_practice_facts": "practices",
    "official_ccgs": "CCGs",
    "official_networks": "networks",
    "official_membership": "membership spells",
    "official_areas": "areas",
    "official_registrations": "practices listed",
}


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
    if f.kind not in TRACKER_TABLES:
        counts = (
            f"{_counted(frame):,} {OFFICIAL_NOUNS.get(table, table)}" for table, frame in f.tables.items()
        )
        return f"{f.kind}: {', '.join(counts)}"
    text = f"{f.rows:,} row{'s' * (f.rows != 1)} of {f.kind}"
    if f.months:
        first, last = spoken_month(f.months[0]), spoken_month(f.months[-1])
        text += f" for {first}" if len(f.months) == 1 else f" for {first} to {last}"
    if f.ccgs:
        text += f", CCG{'s' * (len(f.ccgs) != 1)} {', '.join(f.ccgs)}"
    return text


def _counted(frame: pd.DataFrame | Staged) -> int:
    """Rows of an official frame; of a register, the GP practices (not its other listings)."""
    if isinstance(frame, Staged):
        return frame.rows
    if "prescribing_setting" in frame:
        return int((frame["prescribing_setting"].isna() | (frame["prescribing_setting"] == "4")).sum())
    return len(frame)


def problem_count(f: InputFile) -> int:
    """The total number of problems found, also those beyond the first 1,000 kept."""
    return max(f.problem_count, len(f.problems))


def load_files(
    paths: list[Path],
    db: Path,
    kind: str | None = None,
    replace: bool = False,
    partial: bool = False,
    loaded_by: str | None = None,
    areas: set[str] | None = None,
    vet: Callable[[list[InputFile]], None] | None = None,
) -> list[LoadResult]:
    """Validate every file, then apply them to the database in one atomic swap: the official files
    first, so that the returns loaded with a register are checked against it, then the others in order.

    `loaded_by` is who loads them (default: the account running this); `areas`, when given, the
    only areas (sub-ICB, ICB or region codes) whose files they may load. `vet` sees every file read
    and checked before anything is stored: an exception it raises stops the load with the database
    untouched (`etl fetch` loads all of its files or none).
    """
    who = loaded_by or os_account()
    with writing(db) as con:
        inputs = [read_input(path, kind, con) for path in paths]
        if vet is not None:
            vet(inputs)
        order = sorted(range(len(inputs)), key=lambda i: inputs[i].kind in TRACKER_TABLES)
        stored = {i: store(con, inputs[i], replace, partial, who, areas) for i in order}
        results = [stored[i] for i in range(len(inputs))]
        if any(r.outcome == "loaded" for r in results) or _sql(con, "practice_months_missing")[0][0]:
            con.execute("begin transaction")
            con.execute(_statement("rebuild_practice_months"))
            con.execute("commit")
    return results


def check_against(
    path: Path,
    db: Path,
    kind: str | None = None,
    replace: bool = False,
    partial: bool = False,
    loaded_by: str | None = None,
    areas: set[str] | None = None,
) -> InputFile:
    """A file checked as a load into `db` would check it, without loading it (`etl check --db`)."""
    with connect_read_only(db) as con:
        con.execute("select 1 from load_history limit 0")  # not a tracker database: CatalogException
        f = read_input(path, kind, con)
        if not f.problems and areas is not None:
            f.problems = area_problems(con, f, areas, loaded_by)
        if not f.problems and f.kind == "participation":
            check_return(con, f, replace, partial)
        for rows in f.tables.values():
            if isinstance(rows, Staged):
                release(con, rows)
    return f


def store(
    con: duckdb.DuckDBPyConnection,
    f: InputFile,
    replace: bool = False,
    partial: bool = False,
    loaded_by: str | None = None,
    areas: set[str] | None = None,
) -> LoadResult:
    """Record the attempt; for a clean, new file also replace the rows it covers."""
    if not f.problems and areas is not None:
        f.problems = area_problems(con, f, areas, loaded_by)
    if not f.problems and f.kind == "participation":
        check_return(con, f, replace, partial)
    if f.problems:
        outcome = "rejected"
    elif _already_loaded(con, f):
        outcome = "unchanged"
    else:
        outcome = "loaded"
    load_id = _sql(con, "next_load_id")[0][0]
    con.execute("begin transaction")
    _sql(
        con,
        "record_attempt",
        load_id=load_id,
        file_name=f.name,
        content_hash=f.content_hash,
        kind=f.kind,
        rows=f.rows if not f.problems else None,
        snapshot_months=", ".join(f.months) or None,
        ccgs=", ".join(f.ccgs) or None,
        loaded_at=datetime.now().replace(microsecond=0),
        outcome=outcome,
        problems=problem_count(f),
        release_date=f.release_date,
        loaded_by=loaded_by,
        warnings=len(f.warnings),
    )
    if f.warnings:
        _sql(
            con,
            "record_warnings",
            load_id=load_id,
            columns=[w.column for w in f.warnings],
            cell_values=[w.value for w in f.warnings],
            warnings=[str(w) for w in f.warnings],
        )
    if outcome == "rejected":
        kept = f.problems[:STORED_PROBLEMS]
        _sql(
            con,
            "record_problems",
            load_id=load_id,
            lines=[p.line for p in kept],
            columns=[p.column for p in kept],
            cell_values=[p.value for p in kept],
            problems=[str(p) for p in kept],
        )
    if outcome == "loaded":
        if f.kind == "milestones":
            _sql(con, "replace_milestones", ccgs=f.ccgs)
        for table, rows in f.tables.items():
            if table not in STORED_TABLES:
                raise ValueError(f"{f.name}: no stored table {table!r}")
            with incoming(con, rows):
                if table == "participation":
                    _sql(con, "replace_participation")
                con.execute(_statement("insert_rows").replace("{table}", table), {"load_id": load_id})
    con.execute("commit")
    for rows in f.tables.values():
        if isinstance(rows, Staged):
            release(con, rows)
    return LoadResult(f, outcome)


def _already_loaded(con: duckdb.DuckDBPyConnection, f: InputFile) -> bool:
    """The same content was loaded before and (tracker files) every row of it is still in force.

    Official files are never replaced: each stays stored, and the views choose facts by release.
    """
    previous = _sql(con, "previous_load", content_hash=f.content_hash, kind=f.kind)
    if not previous:
        return False
    _, rows, rows_in_force = previous[0]
    return f.kind not in TRACKER_TABLES or rows_in_force == rows


def _statement(name: str) -> str:
    return (SQL_DIR / "store" / f"{name}.sql").read_text()


def _sql(con: duckdb.DuckDBPyConnection, name: str, **values: object) -> list[tuple]:
    """Run etl/sql/store/NAME.sql with its $parameters bound."""
    return con.execute(_statement(name), values or None).fetchall()

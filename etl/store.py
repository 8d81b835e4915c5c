"""Validated files -> DuckDB: replace what a file covers, skip what was loaded before, log every
attempt, and rebuild practice_months whenever the data changed.

>>> results = load_files([Path("status_2018-03.csv")], Path("tracker.duckdb"))  # doctest: +SKIP
>>> results[0].summary()  # doctest: +SKIP
'status_2018-03.csv: loaded 4 rows of participation for 2018-03, CCG 02X'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl.config import SQL_DIR
from etl.database import writing
from etl.guards import replacement_problems
from etl.sources import InputFile, read_input

TRACKER_TABLES = {"participation": "participation", "milestones": "milestone_register"}
STORED_PROBLEMS = 1000  # load_problems keeps the first 1,000 of a file; load_history the total
OFFICIAL_NOUNS = {
    "official_practice_facts": "practices",
    "official_ccgs": "CCGs",
    "official_networks": "networks",
    "official_membership": "membership spells",
    "official_areas": "areas",
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
    """'155 rows of participation for 2018-03, CCGs 02N, 02X' or 'epcn: 1,250 networks, ...'"""
    if f.kind not in TRACKER_TABLES:
        counts = (
            f"{_counted(frame):,} {OFFICIAL_NOUNS.get(table, table)}" for table, frame in f.tables.items()
        )
        return f"{f.kind}: {', '.join(counts)}"
    text = f"{f.rows:,} rows of {f.kind}"
    if f.months:
        span = f.months[0] if len(f.months) == 1 else f"{f.months[0]} to {f.months[-1]}"
        text += f" for {span}"
    if f.ccgs:
        text += f", CCG{'s' * (len(f.ccgs) != 1)} {', '.join(f.ccgs)}"
    return text


def _counted(frame: pd.DataFrame) -> int:
    """Rows of an official frame; of a register, the GP practices (not its other listings)."""
    if "prescribing_setting" in frame:
        return int((frame["prescribing_setting"].isna() | (frame["prescribing_setting"] == "4")).sum())
    return len(frame)


def problem_count(f: InputFile) -> int:
    """The total number of problems found, also those beyond the first 1,000 kept."""
    return max(f.problem_count, len(f.problems))


def load_files(
    paths: list[Path], db: Path, kind: str | None = None, replace: bool = False
) -> list[LoadResult]:
    """Validate every file, then apply them in order to the database in one atomic swap."""
    inputs = [read_input(path, kind) for path in paths]
    with writing(db) as con:
        results = [store(con, f, replace) for f in inputs]
        if any(r.outcome == "loaded" for r in results) or _practice_months_missing(con):
            rebuild_practice_months(con)
    return results


def store(con: duckdb.DuckDBPyConnection, f: InputFile, replace: bool = False) -> LoadResult:
    """Record the attempt; for a clean, new file also replace the rows it covers."""
    if not f.problems and f.kind == "participation":
        f.problems = replacement_problems(con, f, replace)
    if f.problems:
        outcome = "rejected"
    elif _already_loaded(con, f):
        outcome = "unchanged"
    else:
        outcome = "loaded"
    load_id = con.execute("select coalesce(max(load_id), 0) + 1 from load_history").fetchone()[0]
    con.execute("begin transaction")
    con.execute(
        "insert into load_history by name select ? as load_id, ? as file_name, ? as content_hash, "
        "? as kind, ? as rows, ? as snapshot_months, ? as ccgs, ? as loaded_at, ? as outcome, "
        "? as problems, ? as release_date",
        [
            load_id,
            f.name,
            f.content_hash,
            f.kind,
            f.rows if not f.problems else None,
            ", ".join(f.months) or None,
            ", ".join(f.ccgs) or None,
            datetime.now().replace(microsecond=0),
            outcome,
            problem_count(f),
            f.release_date,
        ],
    )
    if outcome == "rejected":
        _store_problems(con, f, load_id)
    if outcome == "loaded":
        _replace_covered_rows(con, f)
        for table, frame in f.tables.items():
            con.register("incoming", _arrow(frame))
            con.execute(f"insert into {table} by name select ? as load_id, * from incoming", [load_id])
            con.unregister("incoming")
    con.execute("commit")
    return LoadResult(f, outcome)


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """DuckDB scans an Arrow table faster than the DataFrame it came from."""
    plain = frame.copy(deep=False)
    plain.attrs = {}
    return pa.Table.from_pandas(plain, preserve_index=False)


def rebuild_practice_months(con: duckdb.DuckDBPyConnection) -> None:
    """practice_months from the stored data, in one transaction (sql/build/practice_months.sql)."""
    con.execute("begin transaction")
    con.execute("delete from practice_months")
    rows = (SQL_DIR / "build" / "practice_months.sql").read_text()
    con.execute(f"insert into practice_months by name {rows}")
    con.execute("commit")


def _practice_months_missing(con: duckdb.DuckDBPyConnection) -> bool:
    """A database made before practice_months existed has data but an empty table."""
    sql = "select (select count(*) from practice_months) = 0 and (select count(*) from load_history) > 0"
    return bool(con.execute(sql).fetchone()[0])


def _store_problems(con: duckdb.DuckDBPyConnection, f: InputFile, load_id: int) -> None:
    problems = pd.DataFrame(
        [(p.line, p.column, p.value, str(p)) for p in f.problems[:STORED_PROBLEMS]],
        columns=["line", "column_name", "value", "problem"],
    )
    con.register("problems", problems)
    con.execute("insert into load_problems by name select ? as load_id, * from problems", [load_id])
    con.unregister("problems")


def _replace_covered_rows(con: duckdb.DuckDBPyConnection, f: InputFile) -> None:
    """A participation file replaces its (month, CCG) pairs; a milestones file its CCGs' register."""
    if f.kind == "participation":
        pairs = f.tables["participation"][["snapshot_date", "ccg_code"]].drop_duplicates()
        con.register("covered", pairs)
        con.execute(
            "delete from participation p using covered c "
            "where p.snapshot_date = c.snapshot_date::date and p.ccg_code = c.ccg_code"
        )
        con.unregister("covered")
    elif f.kind == "milestones":
        con.execute("delete from milestone_register where list_contains(?, ccg_code)", [f.ccgs])


def _already_loaded(con: duckdb.DuckDBPyConnection, f: InputFile) -> bool:
    """The same content was loaded before and (tracker files) every row of it is still in force.

    Official files are never replaced: each stays stored, and the views choose facts by release.
    """
    previous = con.execute(
        "select load_id, rows from load_history "
        "where content_hash = ? and kind = ? and outcome = 'loaded' order by load_id desc limit 1",
        [f.content_hash, f.kind],
    ).fetchone()
    if previous is None:
        return False
    load_id, rows = previous
    if f.kind not in TRACKER_TABLES:
        return True
    in_force = sum(
        con.execute(f"select count(*) from {table} where load_id = ?", [load_id]).fetchone()[0]
        for table in f.tables
    )
    return in_force == rows

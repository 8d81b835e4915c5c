"""Validated files -> DuckDB: replace what a file covers, skip what was loaded before, log every attempt."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl.database import writing
from etl.problems import FileRejected, Problem
from etl.read import EMPTY, TRACKER_KINDS, decode, detect_kind, read_text_table
from etl.validate import validate

KIND_TABLE = {"participation": "participation", "milestones": "milestone_register"}
UNKNOWN_KIND = (
    "expected a participation status file, a milestones file or an official NHS file "
    "(payments, epraccur, eccg, ePCN, list sizes); its content matches none of them "
    "(name the kind with --kind)"
)


@dataclass
class InputFile:
    """One file read and checked: what it holds, or why it was rejected."""

    path: Path
    content_hash: str
    kind: str | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def rows(self) -> int:
        return sum(len(frame) for frame in self.tables.values())

    @cached_property
    def months(self) -> list[str]:
        frame = self.tables.get("participation")
        if frame is None:
            return []
        return sorted({day.strftime("%Y-%m") for day in frame["snapshot_date"].unique()})

    @property
    def ccgs(self) -> list[str]:
        codes: set[str] = set()
        for frame in self.tables.values():
            if "ccg_code" in frame:
                codes.update(frame["ccg_code"].dropna().unique())
        return sorted(codes) if self.kind in TRACKER_KINDS else []


@dataclass
class LoadResult:
    file: InputFile
    outcome: str  # loaded | unchanged | rejected

    def summary(self) -> str:
        """One line for the person who ran the load."""
        f = self.file
        if self.outcome == "rejected":
            count = len(f.problems)
            return f"{f.name}: rejected, {count} problem{'s' * (count != 1)}; nothing was stored"
        if self.outcome == "unchanged":
            return f"{f.name}: already loaded, nothing changed"
        return f"{f.name}: loaded {describe(f)}"


OFFICIAL_NOUNS = {
    "official_practice_facts": "practices",
    "official_ccgs": "CCGs",
    "official_networks": "networks",
    "official_membership": "membership spells",
}


def describe(f: InputFile) -> str:
    """'155 rows of participation for 2018-03, CCGs 02N, 02X' or 'epcn: 1,250 networks, ...'"""
    if f.kind not in TRACKER_KINDS:
        counts = (f"{len(frame):,} {OFFICIAL_NOUNS[table]}" for table, frame in f.tables.items())
        return f"{f.kind}: {', '.join(counts)}"
    text = f"{f.rows:,} rows of {f.kind}"
    if f.months:
        span = f.months[0] if len(f.months) == 1 else f"{f.months[0]} to {f.months[-1]}"
        text += f" for {span}"
    if f.ccgs:
        text += f", CCG{'s' * (len(f.ccgs) != 1)} {', '.join(f.ccgs)}"
    return text


def read_input(path: Path, kind: str | None = None) -> InputFile:
    """Read and validate a file in full; problems are collected, never raised."""
    data = path.read_bytes()
    parsed = InputFile(path, hashlib.sha256(data).hexdigest(), kind)
    try:
        parsed.kind = kind or detect_kind(path) or _detect_official(path)
        if parsed.kind is None:
            text = decode(data, path.name)  # a binary file is told as such
            message = UNKNOWN_KIND if text.strip() else EMPTY
            raise FileRejected([Problem(path.name, None, None, None, message)])
        if parsed.kind in TRACKER_KINDS:
            table = read_text_table(path, data)
            parsed.tables = {KIND_TABLE[parsed.kind]: validate(table, parsed.kind)}
        else:
            from etl.official import read_official

            parsed.tables = read_official(path, parsed.kind)
    except FileRejected as rejected:
        parsed.problems = rejected.problems
    return parsed


def _detect_official(path: Path) -> str | None:
    from etl.official import detect_official_kind

    return detect_official_kind(path)


def load_files(paths: list[Path], db: Path, kind: str | None = None) -> list[LoadResult]:
    """Validate every file, then apply them in order to the database in one atomic swap."""
    inputs = [read_input(path, kind) for path in paths]
    with writing(db) as con:
        return [store(con, f) for f in inputs]


def store(con: duckdb.DuckDBPyConnection, f: InputFile) -> LoadResult:
    """Record the attempt; for a clean, new file also replace the rows it covers."""
    load_id = con.execute("select coalesce(max(load_id), 0) + 1 from load_history").fetchone()[0]
    if f.problems:
        outcome = "rejected"
    elif _already_loaded(con, f):
        outcome = "unchanged"
    else:
        outcome = "loaded"
    con.execute("begin transaction")
    con.execute(
        "insert into load_history values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            len(f.problems),
        ],
    )
    if outcome == "rejected":
        problems = pd.DataFrame(
            [(p.line, p.column, p.value, str(p)) for p in f.problems],
            columns=["line", "column_name", "value", "problem"],
        )
        con.register("problems", problems)
        con.execute(f"insert into load_problems by name select {int(load_id)} as load_id, * from problems")
        con.unregister("problems")
    if outcome == "loaded":
        _replace_covered_rows(con, f)
        for table, frame in f.tables.items():
            con.register("incoming", _scannable(frame) if table in KIND_TABLE.values() else frame)
            con.execute(f"insert into {table} by name select {int(load_id)} as load_id, * from incoming")
            con.unregister("incoming")
    con.execute("commit")
    return LoadResult(f, outcome)


def _scannable(frame: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """DuckDB scans an Arrow table of a tracker file faster than the DataFrame it came from."""
    return pa.Table.from_pandas(frame, preserve_index=False)


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
    """The same content was loaded before and every row of that load is still in force."""
    previous = con.execute(
        "select load_id, rows from load_history "
        "where content_hash = ? and kind = ? and outcome = 'loaded' order by load_id desc limit 1",
        [f.content_hash, f.kind],
    ).fetchone()
    if previous is None:
        return False
    load_id, rows = previous
    if f.kind not in TRACKER_KINDS:  # official files: the newest import of a kind wins
        newest = con.execute(
            "select max(load_id) from load_history where kind = ? and outcome = 'loaded'", [f.kind]
        ).fetchone()[0]
        return newest == load_id
    in_force = sum(
        con.execute(f"select count(*) from {table} where load_id = ?", [load_id]).fetchone()[0]
        for table in f.tables
    )
    return in_force == rows

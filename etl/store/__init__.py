"""Validated files -> DuckDB, as each kind's declaration says (etl/sources/kind.py): record every
attempt, replace the rows a file covers, skip what was loaded before, and rebuild the official
rows of practice_months whenever the data changed. Names no kind.

The callers' entry is etl/api.py; here is what it runs inside one connection:

>>> results = store_all(con, [read_into(con, Path("status_2018-03.csv"))])  # doctest: +SKIP
>>> results[0].summary()  # doctest: +SKIP
'status_2018-03.csv: loaded 4 rows of participation for March 2018, CCG 02X'
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl import sql_files
from etl.sources import KIND_NAMES, InputFile, kind_named, read_input
from etl.sources.kind import Kind, Staged, Table
from etl.store.guards import area_problems, os_account
from etl.store.incoming import incoming
from etl.store.results import LoadResult, describe, problem_count
from etl.store.staging import fast_reader, release

if TYPE_CHECKING:
    import pandas as pd

STORED_PROBLEMS = 1000  # load_problems keeps the first 1,000 of a file; load_history the total


@dataclasses.dataclass(frozen=True)
class LoadOptions:
    """How a load was asked for: `replace` and `partial` as `etl load` takes them, who loads, and
    the only areas (sub-ICB, ICB or region codes) whose files they may load (None: any area)."""

    replace: bool = False
    partial: bool = False
    loaded_by: str | None = None
    areas: set[str] | None = None


__all__ = [
    "LoadOptions",
    "LoadResult",
    "checked",
    "describe",
    "os_account",
    "problem_count",
    "read_into",
    "release_all",
    "store",
    "store_all",
]


def read_into(
    con: duckdb.DuckDBPyConnection, path: Path, kind: str | None = None, loading: bool = False
) -> InputFile:
    """A file read and validated, a plain one (a kind's fast path) straight into `con`: when
    `loading`, into its stored table if that is empty (etl/store/staging.py)."""
    return read_input(path, kind, fast_reader(con, loading))


def store_all(
    con: duckdb.DuckDBPyConnection, inputs: list[InputFile], options: LoadOptions = LoadOptions()
) -> list[LoadResult]:
    """Store files read and validated, in the order the checks need: the official files first, so
    that the returns loaded with a register are checked against it, then the returns in order."""
    order = sorted(range(len(inputs)), key=lambda i: inputs[i].kind is not None and _kind(inputs[i]).tracker)
    stored = {i: store(con, inputs[i], options) for i in order}
    results = [stored[i] for i in range(len(inputs))]
    changed = any(r.outcome == "loaded" for r in results)
    if changed or sql_files.rows(con, "store/practice_months_missing.sql", returns=_return_kinds())[0][0]:
        con.execute("begin transaction")
        con.execute(sql_files.sql_text("store/rebuild_practice_months.sql"))
        con.execute("commit")
    return results


def checked(con: duckdb.DuckDBPyConnection, f: InputFile, options: LoadOptions = LoadOptions()) -> InputFile:
    """The file with what the database says of it (an editor's areas, the kind's checks against
    what is stored) added to its problems and warnings; `f` itself is left as it was read."""
    found = dataclasses.replace(f, problems=list(f.problems), warnings=list(f.warnings))
    if not found.problems and options.areas is not None:
        found.problems = area_problems(con, found, options.areas, options.loaded_by)
    check = _kind(found).check_with_database if found.kind is not None else None
    # a file with problems of its own is checked too when it kept rows that can be (one round)
    if check is not None and (not found.problems or found.checkable is not None):
        check(con, found, options.replace, options.partial)
    return found


def store(con: duckdb.DuckDBPyConnection, f: InputFile, options: LoadOptions = LoadOptions()) -> LoadResult:
    """Record the attempt; for a clean, new file also replace the rows it covers."""
    f = checked(con, f, options) if f.kind is not None else f
    if f.problems:
        outcome = "rejected"
    elif _already_loaded(con, f):
        outcome = "unchanged"
    else:
        outcome = "loaded"
    load_id = sql_files.rows(con, "store/next_load_id.sql")[0][0]
    con.execute("begin transaction")
    sql_files.rows(
        con,
        "store/record_attempt.sql",
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
        loaded_by=options.loaded_by,
        warnings=len(f.warnings),
    )
    if f.warnings:
        sql_files.rows(
            con,
            "store/record_warnings.sql",
            load_id=load_id,
            columns=[w.column for w in f.warnings],
            cell_values=[w.value for w in f.warnings],
            warnings=[str(w) for w in f.warnings],
        )
    if outcome == "rejected":
        kept = f.problems[:STORED_PROBLEMS]
        sql_files.rows(
            con,
            "store/record_problems.sql",
            load_id=load_id,
            lines=[p.line for p in kept],
            columns=[p.column for p in kept],
            cell_values=[p.value for p in kept],
            problems=[str(p) for p in kept],
        )
    if outcome == "loaded":
        kind = _kind(f)
        for name, rows in f.tables.items():
            _replace_into(con, kind.table(name), rows, load_id)
    else:
        release_all(con, f)  # rows staged in their table leave it with the rest of the attempt
    con.execute("commit")
    if outcome == "loaded":
        release_all(con, f, stored=True)
    return LoadResult(f, outcome)


def release_all(con: duckdb.DuckDBPyConnection, f: InputFile, stored: bool = False) -> None:
    """Free what a file staged in `con`: its temporary tables; and, unless it was `stored`, its
    rows staged straight into their table."""
    for rows in f.tables.values():
        if isinstance(rows, Staged) and not (stored and rows.in_place):
            release(con, rows)


def _replace_into(
    con: duckdb.DuckDBPyConnection, table: Table, rows: pd.DataFrame | Staged, load_id: int
) -> None:
    """A file's rows into `table`, replacing those its declaration says they replace."""
    if isinstance(rows, Staged) and rows.in_place:  # already there, and nothing else was (staging.py)
        if rows.load_id != load_id:
            con.execute(
                f"update {table.name} set load_id = $load_id where load_id = $staged",
                {"load_id": load_id, "staged": rows.load_id},
            )
        return
    if table.columns is not None:  # a table of the kind's own: made on its first load
        columns = ", ".join(f"{name} {type_}" for name, type_ in table.columns.items())
        con.execute(f"create table if not exists {table.name} (load_id integer not null, {columns})")
    with incoming(con, rows):
        if table.replaced_by:
            same = " and ".join(f"stored.{column} = covered.{column}" for column in table.replaced_by)
            con.execute(
                sql_files.sql_text("store/replace_rows.sql")
                .replace("{table}", table.name)
                .replace("{columns}", ", ".join(table.replaced_by))
                .replace("{same}", same)
            )
        con.execute(
            sql_files.sql_text("store/insert_rows.sql").replace("{table}", table.name), {"load_id": load_id}
        )


def _already_loaded(con: duckdb.DuckDBPyConnection, f: InputFile) -> bool:
    """The same content was loaded before and every row of it is still in force: rows of a table
    whose files replace each other may have been replaced since; the other tables keep every row."""
    previous = sql_files.rows(con, "store/previous_load.sql", content_hash=f.content_hash, kind=f.kind)
    if not previous:
        return False
    load_id, rows = previous[0]
    replaced = [table for table in _kind(f).stores if table.replaced_by]
    if not replaced:
        return True
    in_force = sum(
        con.execute(
            sql_files.sql_text("store/rows_in_force.sql").replace("{table}", table.name), {"load_id": load_id}
        ).fetchall()[0][0]
        for table in replaced
    )
    return bool(in_force == rows)


def _return_kinds() -> list[str]:
    """The kinds that are an area's own return, not official data (imports every kind)."""
    return [name for name in KIND_NAMES if kind_named(name).tracker]


def _kind(f: InputFile) -> Kind:
    return kind_named(str(f.kind))

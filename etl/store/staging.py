"""The fast path: a plain CSV read by DuckDB straight into the database being written, without pandas.

Most big files are plain (etl/survey.py): UTF-8, no quotes, no whitespace but the space. DuckDB's
read_csv splits such a file into the same cells as Python's csv module, and a kind's rules,
written again as SQL (its FastPath, e.g. etl/sources/participation/fast_path.sql), either vouch
for every row or give up on the first row they cannot. Any other file (a quote, a problem, a form
only the model reads, such as 12,000 patients) is read by the kind's pandera model, which words
every problem.

A vouched file goes from the CSV to a temporary table, and from there to its stored table. When a
load finds its stored table empty, it goes straight into it instead, under a provisional load
id, and is never copied: there is nothing it could replace or be guarded against, and the store
takes the rows as they are or deletes them (etl/store/__init__.py). A failed read leaves the table
as it was (each statement is atomic), and the load's draft database is swapped in only at the end.

>>> staged = stage(Path("national.csv"), con, participation.fast_path())  # doctest: +SKIP
>>> staged.table, len(staged), staged.months  # doctest: +SKIP
('staged_1', 886200, ['2017-01', ...])
"""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb

from etl import sql_files
from etl.headers import normalise_header
from etl.sources import FastReader
from etl.sources.kind import FastPath, Kind, Reading, Staged
from etl.survey import Survey

HEADER_BYTES = 65_536
GLOB_CHARACTERS = set("*?[{")  # DuckDB would read every file such a name matches
_numbers = itertools.count(1)


def fast_reader(con: duckdb.DuckDBPyConnection, loading: bool = False) -> FastReader:
    """What read_input tries first: a kind's fast path, staged in `con`; when `loading` (`con`
    writes the load's draft), straight into an empty stored table."""

    def read_fast(path: Path, kind: Kind) -> Reading | None:
        if kind.fast_path is None:
            return None
        rules = kind.fast_path()
        staged = stage(path, con, rules, in_place=loading and _empty(con, rules.table))
        return Reading({rules.table: staged}) if staged else None

    return read_fast


def stage(
    path: Path, con: duckdb.DuckDBPyConnection, rules: FastPath, in_place: bool = False
) -> Staged | None:
    """The file's rows staged in `con` (`in_place`: in their stored table), or None when the SQL
    cannot vouch for every one."""
    if GLOB_CHARACTERS & set(str(path)):
        return None
    survey = Survey.of(path)
    names = plain_header(path, rules) if survey.plain() else None
    if names is None:
        return None
    if in_place:
        load_id = sql_files.rows(con, "store/next_load_id.sql")[0][0]
        where = Staged(rules.table, 0, [], [], load_id)
        make = f"insert into {rules.table} by name select {int(load_id)} as load_id, * from (\n{{query}}\n)"
    else:
        where = Staged(f"staged_{next(_numbers)}", 0, [], [])
        make = f"create temp table {where.table} as\n{{query}}"
    try:
        # a file's rows have no order that matters once stored: DuckDB keeping it costs a fifth of the load
        con.execute("set preserve_insertion_order = false")
        try:
            con.execute(
                make.replace("{query}", sql_files.sql_text(rules.sql)),
                {
                    "path": str(path.absolute()),
                    "columns": dict.fromkeys(names, "VARCHAR"),
                    "ascii_file": survey.ascii(),
                    **rules.values,
                },
            )
        finally:
            con.execute("reset preserve_insertion_order")
        # fetched to the end (one row): a result left open would block registering a frame later
        [held] = con.execute(
            sql_files.sql_text(rules.rows_sql).replace("{table}", f"({where.select()})")
        ).fetchall()
    except duckdb.InterruptException:  # Ctrl-C: stop the load, never read the file another way
        raise
    except duckdb.Error:  # a row the rules cannot vouch for, a ragged row, a cell DuckDB will not read
        release(con, where)
        return None
    rows, months, ccgs, rules_across_rows_hold = held or (0, [], [], False)
    if not rows or not rules_across_rows_hold:
        release(con, where)
        return None
    return Staged(where.table, rows, sorted(months), sorted(ccgs), where.load_id)


def release(con: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """Free a staged file that was not stored: its temporary table, or its rows in the stored table."""
    if staged.load_id is not None:
        con.execute(f"delete from {staged.table} where load_id = {int(staged.load_id)}")
    else:
        con.execute(f"drop table if exists {staged.table}")


def _empty(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether `table` (a name from a kind's declaration) holds no row."""
    return not con.execute(f"select exists (select 1 from {table})").fetchall()[0][0]


def plain_header(path: Path, rules: FastPath) -> list[str] | None:
    """The column names of a plain file whose header names each of the kind's columns at most
    once and every required one; None for any other header."""
    with path.open("rb") as file:
        first_line = file.readline(HEADER_BYTES)
    if not first_line.endswith(b"\n"):
        return None
    cells = first_line.decode("utf-8-sig").rstrip("\r\n").split(",")
    names = [normalise_header(cell) for cell in cells]
    known = set(names) <= set(rules.columns) and set(rules.required) <= set(names)
    return names if known and len(set(names)) == len(names) else None

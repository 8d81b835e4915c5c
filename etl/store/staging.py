"""The fast path: a plain CSV read by DuckDB straight into the database being written, without pandas.

Most big files are plain (etl/survey.py): UTF-8, no quotes, no whitespace but the space. DuckDB's
read_csv splits such a file into the same cells as Python's csv module, and a kind's rules,
written again as SQL (its FastPath, e.g. etl/sources/participation/fast_path.sql), either vouch
for every row or give up on the first row they cannot. A vouched file goes from the CSV to a
temporary table, and from there to its stored table. Any other file (a quote, a problem, a form
only the model reads, such as 12,000 patients) is read by the kind's pandera model, which words
every problem.

>>> staged = stage(Path("national.csv"), con, participation.fast_path())  # doctest: +SKIP
>>> staged.table, len(staged), staged.months  # doctest: +SKIP
('staged_1', 886200, ['2017-01', ...])
"""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb

from etl.headers import normalise_header
from etl.sources import FastReader
from etl.sources.kind import FastPath, Kind, Reading, Staged
from etl.survey import Survey

HEADER_BYTES = 65_536
GLOB_CHARACTERS = set("*?[{")  # DuckDB would read every file such a name matches
_numbers = itertools.count(1)


def fast_reader(con: duckdb.DuckDBPyConnection) -> FastReader:
    """What read_input tries first: a kind's fast path, staged in `con`."""

    def read_fast(path: Path, kind: Kind) -> Reading | None:
        if kind.fast_path is None:
            return None
        rules = kind.fast_path()
        staged = stage(path, con, rules)
        return Reading({rules.table: staged}) if staged else None

    return read_fast


def stage(path: Path, con: duckdb.DuckDBPyConnection, rules: FastPath) -> Staged | None:
    """The file's rows staged in `con`, or None when the SQL cannot vouch for every one."""
    if GLOB_CHARACTERS & set(str(path)):
        return None
    survey = Survey.of(path)
    names = plain_header(path, rules) if survey.plain() else None
    if names is None:
        return None
    table = f"staged_{next(_numbers)}"
    try:
        con.execute(
            _statement(rules.sql, table),
            {
                "path": str(path.absolute()),
                "columns": dict.fromkeys(names, "VARCHAR"),
                "ascii_file": survey.ascii(),
                **rules.values,
            },
        )
        held = con.execute(_statement(rules.rows_sql, table)).fetchone()
    except duckdb.InterruptException:  # Ctrl-C: stop the load, never read the file another way
        raise
    except duckdb.Error:  # a row the rules cannot vouch for, a ragged row, a cell DuckDB will not read
        con.execute(f"drop table if exists {table}")
        return None
    rows, months, ccgs, rules_across_rows_hold = held or (0, [], [], False)
    if not rows or not rules_across_rows_hold:
        con.execute(f"drop table {table}")
        return None
    return Staged(table, rows, sorted(months), sorted(ccgs))


def release(con: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """Free the memory of a staged file once it is stored or refused."""
    con.execute(f"drop table if exists {staged.table}")


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


def _statement(sql: Path, table: str) -> str:
    """The SQL file for the temporary table `table` (a name made here, never from a file)."""
    return sql.read_text().replace("{table}", table)

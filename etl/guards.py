"""The two guards of SPEC 2.1 that keep one slip in a participation file from destroying good data.

A file may not replace a stored (month, CCG) with fewer than half as many practices unless the
loader says --replace, and may not list a practice under one CCG in a month when it is stored for
that month under another CCG whose snapshot the file does not replace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from etl.config import SQL_DIR
from etl.problems import Problem

if TYPE_CHECKING:
    from etl.sources import InputFile

SHOWN_CODES = 5


def replacement_problems(con: duckdb.DuckDBPyConnection, f: InputFile, replace: bool) -> list[Problem]:
    """What the guards refuse in a clean participation file, as problems naming month, CCG and counts."""
    con.register("incoming", pa.Table.from_pandas(f.tables["participation"], preserve_index=False))
    try:
        shrinking = [] if replace else _rows(con, "shrinking_snapshots.sql")
        elsewhere = _rows(con, "practices_elsewhere.sql")
    finally:
        con.unregister("incoming")
    problems = [
        Problem(
            f.name, None, None, None,
            f"would replace the {stored:,} practices stored for {ccg} in {month} with {incoming:,}, "
            "fewer than half (a mistyped snapshot date?); if that is right, load it with --replace",
        )
        for month, ccg, incoming, stored in shrinking
    ]  # fmt: skip
    for month, stored_ccg, incoming_ccg, count, codes in elsewhere:
        shown = ", ".join(codes[:SHOWN_CODES]) + (", ..." if count > SHOWN_CODES else "")
        practices = f"{count:,} practice{'s' * (count != 1)} ({shown})"
        problems.append(
            Problem(
                f.name, None, None, None,
                f"{practices} listed under {incoming_ccg} for {month} {'are' if count != 1 else 'is'} "
                f"stored under {stored_ccg} for {month}; a practice belongs to one CCG a month: "
                f"include {stored_ccg}'s rows for {month} in this file to replace them, or correct the CCG",
            )
        )  # fmt: skip
    return problems


def _rows(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple]:
    return con.execute((SQL_DIR / "checks" / name).read_text()).fetchall()

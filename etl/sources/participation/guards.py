"""The guards of SPEC 2.1 that keep one slip in a participation file from destroying good data.

A file may not replace a stored (month, CCG) with fewer than half as many practices unless the
loader says --replace, and may not list a practice under one CCG in a month when it is stored for
that month under another CCG whose snapshot the file does not replace. A file whose name says one
month and whose rows are all another, stored month needs --replace too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl import sql_files
from etl.months import month_in_name, spoken_month
from etl.problems import Problem
from etl.sources.kind import Staged
from etl.store.incoming import incoming

if TYPE_CHECKING:
    from etl.sources import InputFile

HERE = Path(__file__).parent
SHOWN_CODES = 5


def stored_before(con: duckdb.DuckDBPyConnection, f: InputFile) -> bool:
    """Whether participation holds rows other than the file's own (a plain file may have been
    staged straight into the table, etl/store/staging.py)."""
    rows = f.tables["participation"]
    own = rows.load_id if isinstance(rows, Staged) else None
    return bool(sql_files.rows(con, HERE / "stored.sql", own=own)[0][0])


def replacement_problems(con: duckdb.DuckDBPyConnection, f: InputFile, replace: bool) -> list[Problem]:
    """What the guards refuse in a clean participation file, as problems naming month, CCG and counts."""
    if not stored_before(con, f):
        return []  # both guards compare with stored rows (a first load skips reading the file again)
    with incoming(con, f.tables["participation"]):
        shrinking = [] if replace else sql_files.rows(con, "checks/shrinking_snapshots.sql")
        elsewhere = sql_files.rows(con, "checks/practices_elsewhere.sql")
    problems = [
        Problem(f.name, None, None, None, shrinking_message(f.name, month, ccg, incoming, stored))
        for month, ccg, incoming, stored in shrinking
    ]
    for month, stored_ccg, incoming_ccg, count, codes in elsewhere:
        shown = ", ".join(codes[:SHOWN_CODES]) + (", ..." if count > SHOWN_CODES else "")
        practices = f"{count:,} practice{'s' * (count != 1)} ({shown})"
        when = spoken_month(month)
        problems.append(
            Problem(
                f.name, None, None, None,
                f"{practices} listed under {incoming_ccg} for {when} {'are' if count != 1 else 'is'} "
                f"stored under {stored_ccg} for that month; a practice belongs to one CCG a month: "
                f"include {stored_ccg}'s rows for {when} in this file to replace them, or correct the CCG",
            )
        )  # fmt: skip
    return problems


def named_month_hint(file_name: str, month: str) -> str:
    """ "; the file's name says January 2018" when the file's name says another month than its rows."""
    named = month_in_name(file_name)
    return f"; the file's name says {spoken_month(named)}" if named is not None and named != month else ""


def shrinking_message(file_name: str, month: str, ccg: str, incoming: int, stored: int) -> str:
    """One line naming the month, CCG and counts, what to do, and the month the file's name
    suggests when its rows name another ("status_2018-03.csv" holding rows of January 2018)."""
    when = spoken_month(month)
    hint = named_month_hint(file_name, month)
    return (
        f"would replace the {stored:,} practices stored for {ccg} in {when} with {incoming:,}, "
        f"fewer than half{hint} (a mistyped snapshot date?); if {when} is right, load it with --replace"
    )


def named_month_problems(con: duckdb.DuckDBPyConnection, f: InputFile, replace: bool) -> list[Problem]:
    """A file whose name says one month and whose every row is another month already stored for
    its areas (a March file typed as February) needs --replace: it would silently replace that month."""
    named = month_in_name(f.name)
    if replace or named is None or len(f.months) != 1 or f.months[0] == named or not stored_before(con, f):
        return []
    month = f.months[0]
    stored: list[str] = sql_files.rows(
        con, "checks/areas_stored_in_month.sql", month=f"{month}-01", areas=f.ccgs
    )[0][0]
    if not stored:
        return []
    when = spoken_month(month)
    return [
        Problem(
            f.name, None, "snapshot_date", None,
            f"the file's name says {spoken_month(named)}, but every row is {when}, which is already stored "
            f"for {', '.join(stored)}: loading it would replace {when} (a mistyped snapshot date?); "
            f"correct the dates, or if {when} is right, load it with --replace",
        )
    ]  # fmt: skip

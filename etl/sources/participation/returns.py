"""A clean tracker return checked against the database it would join (SPEC 3): the guards on what
is stored (guards.py), the month its file name says, and the official register.

With a practice register (epraccur) loaded: a practice no register lists is a problem, and so is
a practice the register gives to another area (neither the return's area nor one that became the
other, etl/sql/checks/area_successions.sql); a (month, area) holding fewer than half of the
practices the register has open there needs --partial. "The register's area" for a month is the
commissioner that the release nearest that month gives the practice. Networks that ePCN does not
know, or knows with other practices, are warnings: local networks before PCNs differ rightly.

A register problem names the lines of the rows it was found on (lines.py), said once with the
count and the line range when it is on GROUPED_FROM rows or more. A file with problems of its own
is checked against the register all the same, on its rows whose month, area and practice are
valid (InputFile.checkable), so that one round says every problem; what needs the whole file
(months far short of the register, the guards, networks) waits for a file without them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import duckdb

from etl import sql_files
from etl.months import spoken_month
from etl.problems import GROUPED_FROM, KEPT_PROBLEMS, Problem
from etl.sources.participation.guards import named_month_hint, named_month_problems, replacement_problems
from etl.sources.participation.lines import lines_of, lines_text
from etl.store.incoming import incoming

if TYPE_CHECKING:
    import pandas as pd

    from etl.sources import InputFile
    from etl.sources.kind import Staged

SHOWN_CODES = 5
SHOWN_LINES = 5  # a month far short of the register names the lines of its rows up to this many
NO_REGISTER = (
    "not checked against the practice register, because none is loaded "
    "(load an epraccur file to check returns against it)"
)


def check_return(
    con: duckdb.DuckDBPyConnection, f: InputFile, replace: bool = False, partial: bool = False
) -> None:
    """Add to a participation file's problems and warnings what the database says of it: all of it
    for a clean file; for a file with problems, what the register says of its valid rows."""
    if f.problems:
        valid = (f.checkable or {}).get("participation")
        if valid is None:
            return
        with incoming(con, valid):
            registers: list[str] = sql_files.rows(con, "checks/registers_loaded.sql")[0][0]
            found = listing_problems(con, f, valid, registers) if registers else []
        count = max(f.problem_count, len(f.problems)) + sum(p.rows for p in found)
        f.problems = sorted(f.problems + found, key=lambda p: p.line or 0)[:KEPT_PROBLEMS]
        f.problem_count = count
        return
    f.problems = replacement_problems(con, f, replace) + named_month_problems(con, f, replace)
    rows = f.tables["participation"]
    with incoming(con, rows):
        registers = sql_files.rows(con, "checks/registers_loaded.sql")[0][0]
        if registers:
            f.problems += listing_problems(con, f, rows, registers)
            if not partial:
                f.problems += count_problems(con, f, rows)
        else:
            f.warnings.append(Problem(f.name, None, None, None, NO_REGISTER))
        f.warnings += network_warnings(con, f.name)
    f.problems.sort(key=lambda p: p.line or 0)  # in file order: the file's own lines first
    f.problem_count = sum(p.rows for p in f.problems)  # all of them counted, the first KEPT_PROBLEMS kept
    del f.problems[KEPT_PROBLEMS:]
    del f.warnings[KEPT_PROBLEMS:]


def listing_problems(
    con: duckdb.DuckDBPyConnection, f: InputFile, rows: pd.DataFrame | Staged, registers: list[str]
) -> list[Problem]:
    """Practices of `incoming` (`rows` of `f`) that no register lists or that it gives to another
    area, each with the lines it is on, in file order."""
    successions = sql_files.sql_text("checks/area_successions.sql")
    con.execute(f"create or replace temp view area_successions as\n{successions}")
    try:
        listings = sql_files.rows(con, "checks/register_listings.sql")
    finally:
        con.execute("drop view if exists area_successions")
    lines = lines_of(f, rows, ((row[1], month) for row in listings for month in row[8]))
    problems = []
    for finding, practice, area, register_area, files, first, last, _, months in listings:
        when = _months(first, last)
        if finding == "unknown":
            message = (
                f"listed under {area} for {when}, but no practice register lists this code "
                f"({_registers(registers)}); correct the practice code"
            )
        else:
            message = (
                f"listed under {area} for {when}, but the register ({', '.join(files)}) gives this "
                f"practice to {register_area} then; an area reports its own practices: correct the "
                f"CCG code, or leave the practice to {register_area}'s return"
            )
        found = sorted(line for month in months for line in lines.get((practice, month), []))
        problems += on_lines(Problem(f.name, None, "practice_code", practice, message), found)
    return sorted(problems, key=lambda p: p.line or 0)


def on_lines(problem: Problem, lines: list[int]) -> list[Problem]:
    """The problem on each of its lines, or said once with the count and the line range when it is
    on GROUPED_FROM rows or more (as a file's own problems are); unplaced if none was found."""
    if not lines:
        return [problem]
    if len(lines) >= GROUPED_FROM:
        return [dataclasses.replace(problem, line=lines[0], last_line=lines[-1], rows=len(lines))]
    return [dataclasses.replace(problem, line=line) for line in lines]


def count_problems(
    con: duckdb.DuckDBPyConnection, f: InputFile, rows: pd.DataFrame | Staged
) -> list[Problem]:
    """(month, area) pairs of `incoming` holding fewer than half of the practices the register has
    open; a pair of a few rows (a mistyped date, most often) names their lines."""
    problems = []
    for month, area, held, practices_open in sql_files.rows(con, "checks/register_counts.sql"):
        lines: list[int] = []
        if held <= SHOWN_LINES:
            practices = sql_files.rows(
                con, "checks/practices_in_month.sql", month=f"{month}-01", ccg_code=area
            )
            found = lines_of(f, rows, [(practice, month) for (practice,) in practices])
            lines = sorted(line for each in found.values() for line in each)
        message = partial_message(f.name, month, area, held, practices_open, lines if held > 1 else [])
        problems.append(Problem(f.name, lines[0] if held == 1 and lines else None, None, None, message))
    return problems


def partial_message(
    file_name: str, month: str, area: str, held: int, practices_open: int, lines: list[int] | None = None
) -> str:
    """'holds 1 practice for 02X in April 2019, fewer than half of the 42 ...; ... --partial'
    ('holds 2 practices (lines 5 and 9) for ...' when given their lines)"""
    when = spoken_month(month)
    hint = named_month_hint(file_name, month)
    where = f" ({lines_text(lines)})" if lines else ""
    return (
        f"holds {held:,} practice{'s' * (held != 1)}{where} for {area} in {when}, fewer than half of the "
        f"{practices_open:,} the practice register has open there that month{hint} (a mistyped "
        f"snapshot date?); if the return for {when} is partial, load it with --partial"
    )


def network_warnings(con: duckdb.DuckDBPyConnection, file_name: str) -> list[Problem]:
    """Networks that ePCN does not know, or knows with other practices of the return."""
    warnings = []
    for month, network, known, only_in_file, only_in_epcn in sql_files.rows(
        con, "checks/network_differences.sql"
    ):
        when = spoken_month(month)
        if not known:
            message = f"ePCN does not know this network in {when} (a local network?)"
        else:
            differences = []
            if only_in_file:
                differences.append(f"this file puts {_codes(only_in_file)} in it and ePCN does not")
            if only_in_epcn:
                differences.append(f"ePCN puts {_codes(only_in_epcn)} in it and this file does not")
            message = f"ePCN knows this network in {when} with other practices: {'; '.join(differences)}"
        warnings.append(Problem(file_name, None, "network_code", network, message))
    return warnings


def _months(first: str, last: str) -> str:
    return spoken_month(first) if first == last else f"{spoken_month(first)} to {spoken_month(last)}"


def _registers(files: list[str]) -> str:
    return f"register{'s' * (len(files) != 1)} loaded: {', '.join(files)}"


def _codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:SHOWN_CODES]) + (
        f" and {len(codes) - SHOWN_CODES} more" if len(codes) > SHOWN_CODES else ""
    )
    return shown

"""Validate a tracker file in full and turn pandera's failure cases into sentences."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from etl.problems import FileRejected, Problem
from etl.read import TextTable
from etl.schemas import EXPECTED, ROW_CHECK_COLUMN, SCHEMAS, TIDY


def validate(table: TextTable, kind: str) -> pd.DataFrame:
    """Every problem of the file at once, or the tidy frame ready to store."""
    schema = SCHEMAS[kind]
    try:
        schema.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise FileRejected(problems_from(errors.failure_cases, table, kind)) from None
    return TIDY[kind](table.frame)


def problems_from(failures: pd.DataFrame, table: TextTable, kind: str) -> list[Problem]:
    """One Problem per failing cell; a failing row check names the one cell to look at."""
    known = list(SCHEMAS[kind].to_schema().columns)
    problems: dict[tuple[int | None, str | None, str], Problem] = {}
    # Plain lists: a file with a systematic error has a failure per row, and walking
    # Arrow-backed rows one by one would take longer than everything else put together.
    columns = ("check", "column", "failure_case", "index")
    failing = zip(*(failures[name].tolist() for name in columns), strict=True)
    for check_name, column_name, value, index in failing:
        check, column = str(check_name), str(column_name)
        if check == "column_in_schema":
            problems[(1, str(value), check)] = Problem(
                table.file,
                1,
                "column",
                table.raw_headers.get(str(value), str(value)),
                f"not a column of a {kind} file (a typo?); expected only: {', '.join(known)}",
            )
        elif check == "column_in_dataframe":
            problems[(1, str(value), check)] = Problem(
                table.file, 1, "column", str(value), f"missing; a {kind} file must have this column"
            )
        elif check in ROW_CHECK_COLUMN:
            target = ROW_CHECK_COLUMN[check]
            if column != target:
                continue
            row = int(index)
            problems[(row, column, check)] = cell_problem(table, row, column, value, check)
        elif check in EXPECTED and index is not None:
            row = int(index)
            problems[(row, column, check)] = cell_problem(table, row, column, value, check)
        else:  # a pandera check we did not name: still reported, never swallowed
            problems[(None, column, check)] = Problem(table.file, None, column, str(value), check)
    return list(problems.values())


def cell_problem(table: TextTable, row: int, column: str, value: object, check: str) -> Problem:
    return Problem(table.file, table.line_of(row), column, str(value), f"expected {EXPECTED[check]}")

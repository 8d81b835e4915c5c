"""pandera's failure cases -> the problems a person reads: the first KEPT_PROBLEMS, in file order."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from etl.problems import GROUPED_FROM, KEPT_PROBLEMS, SCREENFUL, FileRejected, Messages, Problem, Where

if TYPE_CHECKING:
    from pandas._typing import ScalarOrNA  # a cell as pandas holds it, missing ones included


def problems_from(failures: pd.DataFrame, where: Where, messages: Messages) -> FileRejected:
    """pandera's failure cases -> the first KEPT_PROBLEMS problems, in file order, and the total.

    Only the problems shown become objects: a file with a systematic error has millions of
    failures, and building a sentence for each would take gigabytes.
    """
    failing = pd.DataFrame(
        {
            "check": failures["check"].astype(str),
            "column": failures["column"].astype(str),
            "value": failures["failure_case"],
            "row": pd.to_numeric(failures["index"], errors="coerce").astype("Float64"),
        }
    )
    del failures
    targets = messages.row_check_column or {}
    target = failing["check"].map(targets)
    # A row check fails every cell of its row; report the one cell the user should look at.
    failing = failing[target.isna() | (target == failing["column"])]
    header_checks = failing["check"].isin(("column_in_schema", "column_in_dataframe"))
    header = failing[header_checks]
    cells = failing[~header_checks].drop_duplicates(["row", "column", "check"])
    total = len(header) + len(cells)
    cells = cells.sort_values(["row", "column"], kind="stable", na_position="first")
    cells = grouped_cells(cells)
    if len(cells) > KEPT_PROBLEMS:  # the last line shown whole: FileRejected puts it in the header's order
        last = cells["row"].iloc[KEPT_PROBLEMS - 1]
        cells = cells.iloc[: KEPT_PROBLEMS + int((cells["row"].iloc[KEPT_PROBLEMS:] == last).sum())]
    # Read column by column, as itertuples would: row and last_row are whole numbers or missing,
    # rows and values counts, check and column text (or missing, for a check of no one column).
    problems = [
        header_problem(check, str(value), where, messages)
        for check, value in zip(header["check"], header["value"], strict=True)
    ]
    fields = ("check", "column", "value", "row", "last_row", "rows", "values")
    for check, column, value, row, last_row, rows, values in zip(*(cells[f] for f in fields), strict=True):
        index = None if pd.isna(row) else int(row)
        problem = cell_problem(check, column, value, index, where, messages)
        if rows > 1 and index is not None:  # the same problem on many rows, said once
            problem = replace(problem, last_line=where.line_of(int(last_row)), rows=int(rows))
            if values > 1:
                problem = replace(
                    problem,
                    value=None,
                    message=f'{problem.message} ({values:,} different values, such as "{value}")',
                )
        problems.append(problem)
    return FileRejected(problems, total, where.labels())


def grouped_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """The failing cells (row, column, check, value; in file order) with the same problem on
    GROUPED_FROM rows or more made one entry: its first row, last_row, rows and values (how many
    different values). The same value first; then, if more than a screenful is left, any value."""
    entries = cells.assign(last_row=cells["row"], rows=1, values=1, shown=cells["value"].astype(str))
    entries = _group(entries, ["column", "check", "shown"])
    if len(entries) > SCREENFUL:
        entries = _group(entries, ["column", "check"])
    return entries.sort_values(["row", "column"], kind="stable", na_position="first")


def _group(entries: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    lined = entries["row"].notna()
    rows = entries.groupby(key, sort=False, dropna=False)["rows"].transform("sum")
    many = lined & (rows >= GROUPED_FROM)
    if not many.any():
        return entries
    together = (
        entries[many]
        .groupby(key, sort=False, dropna=False)
        .agg(
            row=("row", "min"),
            last_row=("last_row", "max"),
            rows=("rows", "sum"),
            values=("shown", "nunique"),
            value=("value", "first"),
            check=("check", "first"),
            column=("column", "first"),
            shown=("shown", "first"),
        )
        .reset_index(drop=True)
    )
    return pd.concat([entries[~many], together], ignore_index=True)


def header_problem(check: str, name: str, where: Where, messages: Messages) -> Problem:
    if check == "column_in_schema":
        known = ", ".join(messages.columns)
        return Problem(
            where.file,
            1,
            "column",
            where.header_of(name),
            f"not a column of a {messages.kind} file (a typo?); expected only: {known}",
        )
    return Problem(where.file, 1, "column", name, f"missing; a {messages.kind} file must have this column")


def cell_problem(
    check: str, column: str, value: ScalarOrNA, row: int | None, where: Where, messages: Messages
) -> Problem:
    shown = None if value is None or pd.isna(value) else str(value)
    label = where.label_of(column)
    expectation = messages.expected.get(check)
    if expectation is None or row is None:  # a check we did not name: still reported, never swallowed
        return Problem(where.file, None if row is None else where.line_of(row), label, shown, check)
    explain = messages.why_no_such_day if check == "date" and shown is not None else None
    if explain is not None and (why := explain(str(shown))) is not None:  # 31/04/2019: April has 30 days
        return Problem(where.file, where.line_of(row), label, shown, f"no such day: {why}")
    sentence = expectation(row) if callable(expectation) else expectation
    return Problem(where.file, where.line_of(row), label, shown, f"expected {sentence}")

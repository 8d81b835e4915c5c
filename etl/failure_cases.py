"""pandera's failure cases -> the problems a person reads: the first KEPT_PROBLEMS, in file order."""

from __future__ import annotations

import pandas as pd

from etl.problems import KEPT_PROBLEMS, FileRejected, Messages, Problem, Where


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
    if len(cells) > KEPT_PROBLEMS:  # the last line shown whole: FileRejected puts it in the header's order
        last = cells["row"].iloc[KEPT_PROBLEMS - 1]
        cells = cells.iloc[: KEPT_PROBLEMS + int((cells["row"].iloc[KEPT_PROBLEMS:] == last).sum())]
    problems = [header_problem(row.check, str(row.value), where, messages) for row in header.itertuples()]
    for row in cells.itertuples():
        index = None if pd.isna(row.row) else int(row.row)
        problems.append(cell_problem(row.check, row.column, row.value, index, where, messages))
    return FileRejected(problems, total, where.labels())


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
    check: str, column: str, value: object, row: int | None, where: Where, messages: Messages
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

"""What the two tracker kinds share: reading a CSV or workbook, recognising a header, and
validating in pieces so that a huge file full of problems stays within memory."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

from etl.bulk_csv import read_text_table
from etl.headers import normalise_header
from etl.problems import KEPT_PROBLEMS, FileRejected, Messages, Problem, Where, problems_from
from etl.sources.kind import Head
from etl.text import TextTable, first_rows, is_workbook
from etl.workbooks import read_tracker_sheet

# Rows validated at once: pandera's failure cases of a piece this size fit in a few MB per column.
PIECE_ROWS = 100_000

HeaderTest = Callable[[set[str]], bool]


def header_names(header: list[str]) -> set[str]:
    return {normalise_header(cell) for cell in header}


def recognised_by(test: HeaderTest) -> Callable[[Head], bool]:
    """A kind's recognise(): its header test on the CSV's first row or on a workbook's sheets."""

    def recognise(head: Head) -> bool:
        if head.sheets is not None:
            return any(test(header_names(header)) for header in head.sheets.values())
        return bool(head.rows) and test(header_names(head.rows[0]))

    return recognise


def read_tracker_table(file: str, data: bytes, test: HeaderTest) -> TextTable:
    """A tracker CSV, or the sheet of a workbook whose header passes `test`."""
    if is_workbook(data):
        return read_tracker_sheet(file, data, lambda header: test(header_names(header)))
    return read_text_table(file, data)


def first_csv_rows(data: bytes) -> list[list[str]]:
    return first_rows(data[:65_536])


def validate_tracker(table: TextTable, model: type[pa.DataFrameModel], messages: Messages) -> None:
    """Every cell checked by the model (lazy), piece by piece; its row checks over the whole file.

    Only the first KEPT_PROBLEMS problems become sentences; the rest are counted.
    """
    schema = model.to_schema()
    cell_schema = copy.deepcopy(schema)
    cell_schema.checks = []  # the checks across rows need the whole file: run below
    where = Where(table.file, table.line_of, str, lambda name: table.raw_headers.get(name, name))
    kept: list[Problem] = []
    total = 0
    wrong_columns = False
    frame = table.frame
    for start in range(0, max(len(frame), 1), PIECE_ROWS):
        piece = frame.iloc[start : start + PIECE_ROWS]
        try:
            cell_schema.validate(piece, lazy=True)
        except pa.errors.SchemaErrors as errors:
            failures = errors.failure_cases
            of_columns = failures["check"].isin(("column_in_schema", "column_in_dataframe"))
            wrong_columns |= bool(of_columns.any())
            if start:  # a missing or unknown column fails every piece: report it once
                failures = failures[~of_columns]
            found = problems_from(failures, where, messages)
            total += found.total
            if len(kept) < KEPT_PROBLEMS:
                kept += found.problems
    for check in [] if wrong_columns else schema.checks:  # rows of the wrong columns mean little
        passed = check._check_fn(frame)
        failing = frame.index[~passed.to_numpy(dtype=bool, na_value=True)]
        if len(failing) == 0:
            continue
        target = (messages.row_check_column or {})[check.name]
        failures = pd.DataFrame(
            {
                "check": check.name,
                "column": target,
                "failure_case": frame.loc[failing[:KEPT_PROBLEMS], target].to_numpy(),
                "index": failing[:KEPT_PROBLEMS],
            }
        )
        total += len(failing)
        kept += problems_from(failures, where, messages).problems
    if total:
        raise FileRejected(kept, total)

"""What the two tracker kinds share: reading a CSV or workbook, recognising a header, and
validating in pieces so that a huge file full of problems stays within memory."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from etl.bulk_csv import read_csv_file
from etl.failure_cases import problems_from
from etl.formats import EXPECT_CCG_CODE, EXPECT_VALUE
from etl.pandera_adapter import check_outcome
from etl.problems import KEPT_PROBLEMS, FileRejected, Messages, Problem, Where
from etl.sources.kind import HeaderTest, header_names
from etl.text import TextTable, is_workbook
from etl.workbooks import read_tracker_sheet

# What both tracker kinds expect of the columns they share.
TRACKER_EXPECTED = {
    "required": EXPECT_VALUE,
    "date": "a date as YYYY-MM-DD or DD/MM/YYYY",
    "ccg_code": f"{EXPECT_CCG_CODE}, such as 02X or D4U1Y",
    "network_code": "up to 20 capitals, digits or hyphens, or blank when not in a network",
}

# Rows validated at once: pandera's failure cases of a piece this size stay within tens of MB.
PIECE_ROWS = 250_000


class TrackerRows(pa.DataFrameModel):
    """What both tracker models share: every cell as the text typed, and no column but theirs."""

    class Config:
        strict = True
        coerce = True


def required_cells(*columns: str) -> Any:
    """The check, for a tracker model, named "required": each of `columns` is filled in."""

    @pa.check(*columns, name="required")
    def required(cls: Any, cells: pd.Series) -> pd.Series:
        return cells != ""

    return required


def read_tracker_table(path: Path, test: HeaderTest) -> TextTable:
    """A tracker CSV, or the sheet of a workbook whose header passes `test`."""
    with path.open("rb") as start:
        workbook = is_workbook(start.read(4))
    if workbook:
        return read_tracker_sheet(path.name, path.read_bytes(), lambda header: test(header_names(header)))
    return read_csv_file(path)


def check_cells(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, where: Where, messages: Messages
) -> tuple[list[Problem], int, bool]:
    """The model's checks of single cells, a piece at a time: the first problems, how many there
    are, and whether the file's columns are wrong."""
    if every_cell_passes(frame, schema):
        return [], 0, False
    cell_schema = copy.deepcopy(schema)
    cell_schema.checks = []  # the checks across rows need the whole file
    kept: list[Problem] = []
    total = 0
    wrong_columns = False
    for start in range(0, max(len(frame), 1), PIECE_ROWS):
        try:
            cell_schema.validate(frame.iloc[start : start + PIECE_ROWS], lazy=True)
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
    return kept, total, wrong_columns


def every_cell_passes(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> bool:
    """True when pandera would find no problem in any cell: the columns are the schema's, and
    each column, coerced as pandera coerces it, has no missing cell and passes every check of
    the model (the model's own check functions, over the whole column at once).

    Most files are clean, and for them this is the whole validation, without the work pandera
    does around each check of each piece. Whenever anything fails (or cannot be vouched for),
    the caller validates with pandera itself, which words the problems.
    """
    columns = schema.columns
    if not set(frame.columns) <= set(columns):
        return False
    for name, column in columns.items():
        if name not in frame:
            if column.required:
                return False
            continue
        cells = column.dtype.coerce(frame[name])
        right_type = column.dtype.check(pandas_engine.Engine.dtype(cells.dtype), cells)  # bool or per cell
        if not np.all(right_type) or cells.isna().any():
            return False
        for check in column.checks:
            passed = check_outcome(check, cells)
            if not isinstance(passed, pd.Series) or not passed.to_numpy(dtype=bool, na_value=False).all():
                return False
    return True


def validate_tracker(table: TextTable, model: type[pa.DataFrameModel], messages: Messages) -> None:
    """Every cell checked by the model (lazy), piece by piece; its row checks over the whole file.

    Only the first KEPT_PROBLEMS problems become sentences; the rest are counted.
    """
    schema = model.to_schema()
    raw = table.raw_headers
    where = Where(
        table.file, table.line_of, str, lambda name: raw.get(name, name), tuple(table.frame.columns)
    )
    kept, total, wrong_columns = check_cells(table.frame, schema, where, messages)
    frame = table.frame
    if total and messages.row_check_inputs:  # rejected already: keep only what the row checks read
        table.frame = frame = frame[[name for name in frame.columns if name in messages.row_check_inputs]]
    for check in [] if wrong_columns else schema.checks:  # rows of the wrong columns mean little
        # the check's own function: calling the Check would also build a frame of every failing
        # row, which for a national file of problems is the memory this module exists to save
        passed = check_outcome(check, frame)
        if not isinstance(passed, pd.Series):  # one verdict for the whole file: each row shares it
            passed = pd.Series(passed, index=frame.index)
        failing = frame.index[~passed.to_numpy(dtype=bool, na_value=True)]
        if len(failing) == 0:
            continue
        target = (messages.row_check_column or {})[check.name]
        shown = failing[:KEPT_PROBLEMS]
        # the cell to look at may be in a column the file leaves out (full, with no contract_status)
        values = frame.loc[shown, target].to_numpy() if target in frame else np.full(len(shown), None)
        failures = pd.DataFrame(
            {
                "check": check.name,
                "column": target,
                "failure_case": values,
                "index": shown,
            }
        )
        total += len(failing)
        kept += problems_from(failures, where, messages).problems
    if total:
        raise FileRejected(kept, total, where.labels())

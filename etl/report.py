"""CSV that a spreadsheet opens safely: every cell that would run as a formula made plain text.

The --report file and every CSV the dashboard offers go through here.

>>> neutralise("=HYPERLINK(1)"), neutralise("North"), neutralise(-5)
("'=HYPERLINK(1)", 'North', -5)
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from etl.problems import Problem

if TYPE_CHECKING:
    import pandas as pd

# A spreadsheet runs a cell that begins with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPORT_HEADER = ["file", "line", "column", "value", "problem"]


def runs_as_formula(value: Any) -> bool:
    """Whether a spreadsheet would run the cell as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made plain text with a leading quote."""
    return "'" + value if runs_as_formula(value) else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and column name neutralised (numbers and dates hold no formula)."""
    from pandas.api.types import is_object_dtype, is_string_dtype  # the loader never needs pandas

    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        # numbers and dates cannot hold a formula; text can, whatever pandas calls its dtype
        if is_object_dtype(values) or is_string_dtype(values):
            # vectorised: a page shows thousands of rows on every rerun
            formula = values.map(runs_as_formula).astype(bool)
            if formula.any():
                safe[column] = values.astype(object).where(~formula, "'" + values.astype(str))
    safe.columns = [neutralise(str(column)) for column in frame.columns]
    return safe


def safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV bytes (with a BOM, so Excel reads → and é), formulas neutralised."""
    return safe_frame(frame).to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")


def write_report(problems: list[Problem], out: IO[str]) -> None:
    """Problems as CSV rows (file, line, column, value, problem), formulas neutralised."""
    writer = csv.writer(out)
    writer.writerow(REPORT_HEADER)
    for p in problems:
        cells = [p.file, p.line or "", p.column or "", p.value or "", str(p)]
        writer.writerow([neutralise(cell) for cell in cells])


def open_report(path: Path) -> IO[str]:
    """The --report file, opened before anything is loaded so that an unwritable one stops the load."""
    return path.open("w", newline="", encoding="utf-8")

"""Excel workbooks on disk -> text cells, the way a person sees them in Excel."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from etl.official.columns import (
    SourceTable,
    Wanted,
    match_columns,
    missing_columns_message,
    normalise_header,
    shown_header,
    text_frame,
)
from etl.official.csv_files import rejected

XLSX_MAGIC = b"PK\x03\x04"


def is_xlsx(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == XLSX_MAGIC


def open_workbook(path: Path) -> Workbook:
    """Read-only, with formulas as their cached values (what Excel last showed).

    The bytes are handed over in memory: openpyxl refuses a path not ending .xlsx, and content,
    not the name, decides what a file is.
    """
    try:
        return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        # openpyxl raises any of these for a file that is not a real .xlsx inside
        raise rejected(path.name, "expected an Excel workbook (.xlsx) that can be opened") from None


def find_sheet(workbook: Workbook, *names: str) -> str | None:
    """The sheet whose name matches one of `names`, ignoring case and spaces."""
    wanted = {normalise_header(name).replace(" ", "") for name in names}
    for title in workbook.sheetnames:
        if normalise_header(title).replace(" ", "") in wanted:
            return title
    return None


def cell_text(value: object) -> str:
    """A cell as text: 20191001 stored as a number reads '20191001', a real date 'YYYYMMDD'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y%m%d")
    return str(value)


def read_sheet(
    workbook: Workbook,
    file: str,
    sheet: str,
    wanted: tuple[Wanted, ...],
) -> SourceTable:
    """A sheet whose first row names its columns; rows indexed by their worksheet row number."""
    rows = workbook[sheet].iter_rows(values_only=True)
    header = list(next(rows, ()))
    positions, missing = match_columns(header, wanted)
    if missing:
        raise rejected(file, f"sheet {sheet}: {missing_columns_message(missing)}", 1)
    width = len(header)
    cells: list[list[str]] = []
    lines: list[int] = []
    for line, row in enumerate(rows, start=2):
        texts = [cell_text(value) for value in row[:width]]
        if any(text.strip() for text in texts):
            cells.append(texts + [""] * (width - len(texts)))
            lines.append(line)
    headers = {field: shown_header(header[position]) for field, position in positions.items()}
    names = {field: f"sheet {sheet}, {text}" for field, text in headers.items()}
    return SourceTable(file, text_frame(cells, lines, positions), names)

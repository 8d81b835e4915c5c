"""Excel workbooks -> text cells, the way a person sees them in Excel; lines are worksheet rows."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pandas as pd

from etl.headers import Wanted, match_columns, missing_columns_message, normalise_header, shown_header
from etl.problems import FileRejected, Problem, rejected
from etl.text import SourceTable, TextTable, header_problems, header_width, text_frame

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

UNREADABLE = "expected an Excel workbook (.xlsx) that can be opened"


def open_workbook(file: str, data: bytes) -> Workbook:
    """Read-only, with formulas as their cached values (what Excel last showed).

    The bytes are handed over in memory: openpyxl refuses a path not ending .xlsx, and content,
    not the name, decides what a file is. openpyxl is imported here, when a workbook is met:
    it takes a tenth of a second or more, which every load of a CSV would otherwise pay.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        # openpyxl raises any of these for a file that is not a real .xlsx inside
        raise rejected(file, UNREADABLE) from None


def sheet_titles(data: bytes) -> list[str] | None:
    """A workbook's sheet names, read from its index alone (opening it parses every shared
    string, a second or more for a national ePCN file); None when that cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            index = archive.read("xl/workbook.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return None
    return [html.unescape(name) for name in re.findall(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', index)]


def find_sheet(workbook: Workbook, *names: str) -> str | None:
    """The sheet whose name matches one of `names`, ignoring case and spaces."""
    wanted = {normalise_header(name).replace("_", "") for name in names}
    for title in workbook.sheetnames:
        if normalise_header(title).replace("_", "") in wanted:
            return title
    return None


def first_row(workbook: Workbook, sheet: str) -> list[str]:
    """A sheet's header row as text."""
    row = next(workbook[sheet].iter_rows(max_row=1, values_only=True), ())
    return [cell_text(value) for value in row]


def cell_text(value: object, date_format: str = "%Y%m%d") -> str:
    """A cell as text: 20191001 stored as a number reads '20191001', 12000.0 reads '12000', and
    a real date is written in `date_format`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime(date_format)
    return str(value)


def numbered_rows(workbook: Workbook, sheet: str, date_format: str) -> Iterator[tuple[int, list[str]]]:
    """Every row of a sheet below the header as text, with its worksheet row number."""
    rows = workbook[sheet].iter_rows(min_row=2, values_only=True)
    for line, row in enumerate(rows, start=2):
        texts = [cell_text(value, date_format) for value in row]
        if any(text.strip() for text in texts):  # wholly empty rows are ignored
            yield line, texts


def read_sheet(workbook: Workbook, file: str, sheet: str, wanted: tuple[Wanted, ...]) -> SourceTable:
    """An official sheet whose first row names its columns; rows indexed by their row number."""
    header = first_row(workbook, sheet)
    positions, missing = match_columns(list(header), wanted)
    if missing:
        raise rejected(file, f"sheet {sheet}: {missing_columns_message(missing)}", 1)
    width = len(header)
    cells: list[list[str]] = []
    lines: list[int] = []
    for line, texts in numbered_rows(workbook, sheet, "%Y%m%d"):
        texts = texts[:width]
        cells.append(texts + [""] * (width - len(texts)))
        lines.append(line)
    headers = {name: shown_header(header[position]) for name, position in positions.items()}
    names = {name: f"sheet {sheet}, {text}" for name, text in headers.items()}
    return SourceTable(file, text_frame(cells, lines, positions), names)


def tracker_sheet(workbook: Workbook, fits: Callable[[list[str]], bool]) -> str | None:
    """The first sheet when its header fits, else the one sheet whose header does."""
    titles = workbook.sheetnames
    if titles and fits(first_row(workbook, titles[0])):
        return titles[0]
    fitting = [title for title in titles[1:] if fits(first_row(workbook, title))]
    return fitting[0] if len(fitting) == 1 else None


def read_tracker_sheet(file: str, data: bytes, fits: Callable[[list[str]], bool]) -> TextTable:
    """A tracker workbook -> every column of its sheet as text, dates written YYYY-MM-DD."""
    workbook = open_workbook(file, data)
    try:
        sheet = tracker_sheet(workbook, fits)
        if sheet is None:
            shown = ", ".join(f'"{title}"' for title in workbook.sheetnames)
            raise rejected(file, f"expected a sheet whose header names the columns; the workbook has {shown}")
        header = [text.strip() for text in first_row(workbook, sheet)]
        header = header[: header_width(header)]
        names = [normalise_header(cell) for cell in header]
        problems = header_problems(file, header, names)
        lines: list[int] = []
        rows: list[list[str]] = []
        for line, texts in numbered_rows(workbook, sheet, "%Y-%m-%d"):
            if any(text.strip() for text in texts[len(names) :]):
                message = f"expected values only in the {len(names)} columns named in the header"
                problems.append(Problem(file, line, None, None, message))
                continue
            texts = [text.strip() for text in texts[: len(names)]]
            rows.append(texts + [""] * (len(names) - len(texts)))
            lines.append(line)
    finally:
        workbook.close()  # a read-only workbook holds its archive open until closed
    if not rows and not problems:
        problems.append(Problem(file, None, None, None, "expected at least one data row below the header"))
    if problems:
        raise FileRejected(problems)
    frame = pd.DataFrame(rows, columns=names, dtype="str")
    return TextTable(file, frame, lines, dict(zip(names, header, strict=True)))

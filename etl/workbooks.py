"""Excel workbooks -> text cells, the way a person sees them in Excel; lines are worksheet rows.

A workbook is a zip of XML parts, and anyone allowed to upload can send one built to exhaust the
memory of whoever opens it (a part that unpacks to gigabytes, millions of shared strings, a row
numbered in the billions). Before openpyxl parses anything the parts' sizes and the shared
strings are held to a budget (`check_budget`), and while rows are read their number and cells
are counted; a damaged workbook (corrupt compressed data, XML that is not well formed or carries
a DTD) is rejected in one sentence, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError

import pandas as pd

from etl.headers import Wanted, match_columns, missing_columns_message, normalise_header, shown_header
from etl.problems import FileRejected, Problem, one_line, rejected
from etl.text import (
    TOO_BIG,
    WORKBOOK_BYTES,
    SourceTable,
    TextTable,
    header_problems,
    header_width,
    text_frame,
    too_big_workbook,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

UNREADABLE = "expected an Excel workbook (.xlsx) that can be opened"
DAMAGED = UNREADABLE + "; this one is damaged ({reason}): open it in Excel and save it again"
MEGABYTE = 1024 * 1024
# The budget. Real ePCN workbooks have 24 parts that unpack to 5 MB, with 20,000 shared strings.
MOST_PARTS = 1_000
PART_BYTES = 16 * MEGABYTE  # the workbook's index, styles, relations: kilobytes in real files
SHEET_BYTES = 128 * MEGABYTE  # a worksheet or the shared strings (a national ePCN sheet: 4 MB)
MOST_SHARED_STRINGS = 1_000_000
MOST_CELLS = 1_000_000  # read from one sheet, the empty ones before a row's last cell included
EXCEL_ROWS = 1_048_576
BIG_PARTS = re.compile(r"xl/(worksheets/[^/]+\.xml|sharedStrings\.xml)", re.IGNORECASE)
NOT_PARSED = re.compile(r"xl/media/", re.IGNORECASE)  # pictures: counted in the total, never read
SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
# What openpyxl and the zip and XML libraries under it raise for a damaged workbook.
DAMAGE = (zipfile.BadZipFile, zlib.error, ParseError, EOFError, KeyError, ValueError, TypeError, IndexError)


def check_budget(file: str, data: bytes) -> None:
    """Reject a workbook whose parts would unpack beyond the budget, before anything parses it.

    The sizes are those the zip's index declares; the zip module never unpacks more than that
    (a part that holds more fails its checksum), so they bound what openpyxl can be handed.
    """
    if len(data) > WORKBOOK_BYTES:
        raise rejected(file, too_big_workbook(len(data)))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise rejected(file, UNREADABLE) from None  # not a zip archive at all
    try:
        with archive:
            parts = archive.infolist()
            if len(parts) > MOST_PARTS:
                raise rejected(
                    file,
                    TOO_BIG.format(limit=f"of at most {MOST_PARTS:,} parts", found=f"it has {len(parts):,}"),
                )
            total = 0
            for part in parts:
                most = SHEET_BYTES if BIG_PARTS.fullmatch(part.filename) else PART_BYTES
                if part.file_size > most and not NOT_PARSED.match(part.filename):
                    found = f"its part {one_line(part.filename)} unpacks to {_mb(part.file_size)}"
                    raise rejected(
                        file,
                        TOO_BIG.format(limit=f"whose parts each unpack to at most {_mb(most)}", found=found),
                    )
                total += part.file_size
            if total > WORKBOOK_BYTES:
                found = f"it unpacks to {_mb(total)}"
                raise rejected(
                    file, TOO_BIG.format(limit=f"that unpacks to at most {_mb(WORKBOOK_BYTES)}", found=found)
                )
            for part in parts:
                if part.filename.lower() == "xl/sharedstrings.xml":
                    _count_shared_strings(file, archive, part)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise rejected(file, DAMAGED.format(reason=_reason(error))) from None


def _count_shared_strings(file: str, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """openpyxl keeps every shared string as an object: 15 million empty ones take 1.5 GB."""
    count, tail = 0, b""
    with archive.open(part) as xml:
        while chunk := xml.read(MEGABYTE):
            text = tail + chunk
            count += len(SHARED_STRING.findall(text))
            tail = text[-64:]
            count -= len(SHARED_STRING.findall(tail))  # counted again with the next chunk
            if count > MOST_SHARED_STRINGS:
                found = f"this one has more than {MOST_SHARED_STRINGS:,}"
                raise rejected(
                    file,
                    TOO_BIG.format(limit=f"of at most {MOST_SHARED_STRINGS:,} distinct texts", found=found),
                )


def _mb(size: int) -> str:
    return f"{size / MEGABYTE:,.0f} MB"


def _reason(error: BaseException) -> str:
    if isinstance(error, zlib.error | EOFError) or "CRC" in str(error):
        return "its compressed data is corrupt"
    if isinstance(error, ParseError):
        return f"its XML cannot be read: {one_line(str(error))}"
    if isinstance(error, zipfile.BadZipFile):
        return f"not a whole zip archive: {one_line(str(error))}"
    return one_line(f"{type(error).__name__}: {error}")


@contextmanager
def damage_rejected(file: str) -> Iterator[None]:
    """Whatever a damaged workbook makes openpyxl raise while it is read, as one sentence."""
    try:
        yield
    except DAMAGE as error:
        raise rejected(file, DAMAGED.format(reason=_reason(error))) from None
    except OSError as error:
        raise rejected(file, DAMAGED.format(reason=one_line(str(error)))) from None


def open_workbook(file: str, data: bytes) -> Workbook:
    """Read-only, with formulas as their cached values (what Excel last showed).

    The bytes are handed over in memory: openpyxl refuses a path not ending .xlsx, and content,
    not the name, decides what a file is. openpyxl is imported here, when a workbook is met:
    it takes a tenth of a second or more, which every load of a CSV would otherwise pay.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_budget(file, data)
    try:
        with damage_rejected(file):
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InvalidFileException:
        raise rejected(file, UNREADABLE) from None
    for sheet in workbook.worksheets:
        # a worksheet's declared size would pad every row to it (XFD1048576: 16,384 cells a row)
        sheet.reset_dimensions()
    return workbook


def sheet_titles(data: bytes) -> list[str] | None:
    """A workbook's sheet names, read from its index alone (opening it parses every shared
    string, a second or more for a national ePCN file); None when that cannot be read (or is
    beyond the budget: open_workbook then says why)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > PART_BYTES:
                return None
            index = archive.read(info).decode("utf-8")
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, UnicodeDecodeError):
        return None
    return [html.unescape(name) for name in re.findall(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', index)]


def header_rows(file: str, data: bytes) -> dict[str, list[str]]:
    """Every sheet's first row as text, by sheet name (how a workbook's kind is recognised)."""
    workbook = open_workbook(file, data)
    try:
        with damage_rejected(file):
            return {title: first_row(workbook, title) for title in workbook.sheetnames}
    finally:
        workbook.close()


def find_sheet(workbook: Workbook, *names: str) -> str | None:
    """The sheet whose name matches one of `names`, ignoring case and spaces; a visible one
    before any hidden one ("PCN Details" hidden beside a visible "PCNDetails")."""
    wanted = {normalise_header(name).replace("_", "") for name in names}
    titles = sorted(workbook.sheetnames, key=lambda title: not is_visible(workbook, title))
    for title in titles:
        if normalise_header(title).replace("_", "") in wanted:
            return title
    return None


def is_visible(workbook: Workbook, sheet: str) -> bool:
    """Excel shows the sheet (its state is neither hidden nor veryHidden)."""
    return getattr(workbook[sheet], "sheet_state", "visible") == "visible"


def first_row(workbook: Workbook, sheet: str) -> list[str]:
    """A sheet's header row as text."""
    row = next(workbook[sheet].iter_rows(max_row=1, values_only=True), ())
    return [cell_text(value) for value in row[:MOST_CELLS]]


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


def numbered_rows(
    workbook: Workbook, file: str, sheet: str, date_format: str
) -> Iterator[tuple[int, list[str]]]:
    """Every row of a sheet below the header as text, with its worksheet row number; a sheet
    beyond Excel's rows or the cell budget is rejected as it is met."""
    cells = 0
    rows = workbook[sheet].iter_rows(min_row=2, values_only=True)
    for line, row in enumerate(rows, start=2):
        cells += len(row)
        if line > EXCEL_ROWS or cells > MOST_CELLS:
            found = f"sheet {one_line(sheet)} goes on beyond row {line - 1:,}"
            limit = (
                f"of at most {EXCEL_ROWS:,} rows" if line > EXCEL_ROWS else f"of at most {MOST_CELLS:,} cells"
            )
            raise rejected(file, TOO_BIG.format(limit=limit, found=found))
        if not row:
            continue
        texts = [cell_text(value, date_format) for value in row]
        if any(text.strip() for text in texts):  # wholly empty rows are ignored
            yield line, texts


def read_sheet(workbook: Workbook, file: str, sheet: str, wanted: tuple[Wanted, ...]) -> SourceTable:
    """An official sheet whose first row names its columns; rows indexed by their row number."""
    with damage_rejected(file):
        header = first_row(workbook, sheet)
        positions, missing = match_columns(list(header), wanted)
        if missing:
            raise rejected(file, f"sheet {sheet}: {missing_columns_message(missing)}", 1)
        width = len(header)
        cells: list[list[str]] = []
        lines: list[int] = []
        for line, texts in numbered_rows(workbook, file, sheet, "%Y%m%d"):
            texts = texts[:width]
            cells.append(texts + [""] * (width - len(texts)))
            lines.append(line)
    headers = {name: shown_header(header[position]) for name, position in positions.items()}
    names = {name: f"sheet {sheet}, {text}" for name, text in headers.items()}
    return SourceTable(file, text_frame(cells, lines, positions), names)


def tracker_sheet(workbook: Workbook, fits: Callable[[list[str]], bool]) -> str | None:
    """The first visible sheet when its header fits, else the one visible sheet whose header
    does. A hidden sheet is never read: the lead checks what Excel shows them."""
    titles = [title for title in workbook.sheetnames if is_visible(workbook, title)]
    if titles and fits(first_row(workbook, titles[0])):
        return titles[0]
    fitting = [title for title in titles[1:] if fits(first_row(workbook, title))]
    return fitting[0] if len(fitting) == 1 else None


def read_tracker_sheet(file: str, data: bytes, fits: Callable[[list[str]], bool]) -> TextTable:
    """A tracker workbook -> every column of its sheet as text, dates written YYYY-MM-DD."""
    workbook = open_workbook(file, data)
    try:
        with damage_rejected(file):
            sheet = tracker_sheet(workbook, fits)
            if sheet is None:
                hidden = {title for title in workbook.sheetnames if not is_visible(workbook, title)}
                shown = ", ".join(
                    f'"{title}"' + " (hidden)" * (title in hidden) for title in workbook.sheetnames
                )
                which = "a visible sheet" if hidden else "a sheet"
                raise rejected(
                    file, f"expected {which} whose header names the columns; the workbook has {shown}"
                )
            header = [text.strip() for text in first_row(workbook, sheet)]
            header = header[: header_width(header)]
            names = [normalise_header(cell) for cell in header]
            problems = header_problems(file, header, names)
            lines: list[int] = []
            rows: list[list[str]] = []
            for line, texts in numbered_rows(workbook, file, sheet, "%Y-%m-%d"):
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

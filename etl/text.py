"""Bytes on disk -> text cells: encodings, separators, quoting, ragged rows, each row's line.

Every kind reads its CSV through here. Tracker files become a TextTable (columns named by the
normalised header, rows numbered from 0, lines found when a problem needs them); official
files a SourceTable (only the columns a reader needs, indexed by line). Excel workbooks are
read by etl.workbooks into the same two shapes. pandas is imported only to build a table:
recognising a file's kind needs none of it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from etl.headers import Wanted, match_columns, missing_columns_message, normalise_header, shown_header
from etl.problems import FileRejected, Problem, rejected

if TYPE_CHECKING:
    import pandas as pd

EMPTY = "expected a header row and data rows; the file is empty"
BINARY = "expected a CSV text file, not a binary file"
UTF16 = (
    'expected UTF-8 or Windows-1252 text; this file is UTF-16 text: save it as "CSV UTF-8 (Comma delimited)"'
)
WORKBOOK_AS_CSV = (
    'expected a CSV text file; this is an Excel workbook: save its sheet as "CSV UTF-8 (Comma delimited)"'
)
SEPARATOR = (
    "expected comma-separated values; this file's columns are separated by {name}: "
    'save it as "CSV UTF-8 (Comma delimited)"'
)
SEPARATOR_NAMES = {"\t": "tabs", ";": "semicolons", "|": "vertical bars"}
UNCLOSED_QUOTE = "expected well-formed CSV (a quote opened on this line is never closed)"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
XLSX_MAGIC = b"PK\x03\x04"
# A workbook is read whole into memory, and openpyxl unpacks it: no more than this either way.
WORKBOOK_BYTES = 256 * 1024 * 1024
TOO_BIG = "expected a workbook {limit}; {found}: save its sheet as CSV instead"


def too_big_workbook(size: int) -> str:
    """Why a workbook file this big is not opened (etl.workbooks keeps the rest of the budget)."""
    megabytes = 1024 * 1024
    return TOO_BIG.format(
        limit=f"of at most {WORKBOOK_BYTES // megabytes:,} MB", found=f"it is {size / megabytes:,.0f} MB"
    )


def is_workbook(data: bytes) -> bool:
    return data[:4] == XLSX_MAGIC


def is_utf16(data: bytes) -> bool:
    """A UTF-16 byte order mark, or (without one) a zero byte in every other place, as UTF-16
    text of Latin letters has."""
    if data.startswith(UTF16_BOMS):
        return True
    head = data[:4096]
    if len(head) < 4:
        return False
    for parity in (0, 1):
        if head[parity::2].count(0) >= 0.9 * len(head[parity::2]) and 0 not in head[1 - parity :: 2]:
            return True
    return False


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252 text; anything else is rejected."""
    return decode_with_encoding(data, file)[0]


def decode_with_encoding(data: bytes, file: str) -> tuple[str, str]:
    """The text and the encoding it was read with: 'utf-8-sig' or 'cp1252'."""
    if is_utf16(data):
        raise rejected(file, UTF16)
    if is_workbook(data):
        raise rejected(file, WORKBOOK_AS_CSV)
    if b"\x00" in data:
        raise rejected(file, BINARY)
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        message = f"expected UTF-8 or Windows-1252 text; byte {error.start + 1} is neither"
        raise rejected(file, message) from None


def separator_of(first_line: str) -> str | None:
    """The character that separates a header's columns when it is not a comma."""
    if "," in first_line:
        return None
    counts = {sep: first_line.count(sep) for sep in SEPARATOR_NAMES}
    sep, count = max(counts.items(), key=lambda item: item[1])
    return sep if count else None


def separator_problem(file: str, header: list[str]) -> FileRejected | None:
    """A header read as one cell that holds tabs or semicolons: the file is not comma-separated."""
    if len(header) != 1 or (sep := separator_of(header[0])) is None:
        return None
    return rejected(file, SEPARATOR.format(name=SEPARATOR_NAMES[sep]))


class BrokenCsv(Exception):
    """Quoting the csv module cannot read, at the line where the broken record begins."""

    def __init__(self, line: int, error: csv.Error) -> None:
        self.line = line
        text = str(error)
        self.message = (
            UNCLOSED_QUOTE if "unexpected end of data" in text else f"expected well-formed CSV ({text})"
        )
        super().__init__(self.message)

    def problem(self, file: str) -> Problem:
        return Problem(file, self.line, None, None, self.message)


def records(text: str | TextIO) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on, as a spreadsheet numbers lines (blank
    lines and line breaks inside quoted cells count). Raises BrokenCsv."""
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(stream, strict=True)
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if any(cell.strip() for cell in row):  # spreadsheets leave blank lines at the end
                yield line, row
    except csv.Error as error:
        raise BrokenCsv(start, error) from None


def header_width(header: list[str]) -> int:
    """The header's columns: empty cells after the last named one are ignored."""
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    return width


def fitted(row: list[str], width: int) -> list[str]:
    """A row cut to the header's width when what lies beyond it is empty (as Excel leaves it)."""
    if len(row) > width and not any(cell.strip() for cell in row[width:]):
        return row[:width]
    return row


# --- tracker files: every column, named by the normalised header -----------------------------


@dataclass
class TextTable:
    """A tracker file as read: normalised header names, text cells, and each row's line.

    A bulk-read file finds its rows' lines only when a problem needs them, and only as far as
    the row asked for, reading its text again as a stream (`reopen`); a file without quotes or
    blank lines has row r on line r + 2 (`dense`).
    """

    file: str
    frame: pd.DataFrame
    lines: list[int]
    raw_headers: dict[str, str]
    reopen: Callable[[], TextIO] | None = field(default=None, repr=False)
    dense: bool = False
    _more: Iterator[tuple[int, list[str]]] | None = field(default=None, repr=False)

    def line_of(self, row: int) -> int:
        """The line a spreadsheet shows for the 0-based data row `row`."""
        if self.dense:
            return row + 2
        if row >= len(self.lines) and self.reopen is not None:
            if self._more is None:
                self._more = records(self.reopen())
                next(self._more, None)  # the header
            for line, _ in self._more:
                self.lines.append(line)
                if len(self.lines) > row:
                    break
        return self.lines[row]

    def line_finder(self) -> Callable[[int], int]:
        """line_of without the table's cells: kept with a file's tidy rows, it holds on to no text
        frame (only the lines found so far, and how to read on)."""
        import pandas as pd

        lean = TextTable(self.file, pd.DataFrame(), self.lines, {}, self.reopen, self.dense)
        return lean.line_of


def read_line_by_line(file: str, text: str) -> TextTable:
    """The reference reader: every ragged row and malformed line reported with its line number."""
    import pandas as pd

    header, names, lines, rows = check_shape(file, text)
    frame = pd.DataFrame(rows, columns=names, dtype="str")
    return TextTable(file, frame, lines, dict(zip(names, header, strict=True)))


def check_shape(file: str, text: str) -> tuple[list[str], list[str], list[int], list[list[str]]]:
    """The header, its column names, the line and trimmed cells of each data row; or every
    ragged row and malformed line as problems."""
    problems: list[Problem] = []
    lines: list[int] = []
    rows: list[list[str]] = []
    header: list[str] = []
    names: list[str] = []
    try:
        numbered = records(text)
        first = next(numbered, None)
        if first is None:
            raise rejected(file, EMPTY)
        header = [cell.strip() for cell in first[1]]
        if (wrong_separator := separator_problem(file, header)) is not None:
            raise wrong_separator
        header = header[: header_width(header)]
        names = [normalise_header(cell) for cell in header]
        for line, row in numbered:
            row = fitted(row, len(names))
            if len(row) == len(names):
                lines.append(line)
                rows.append([cell.strip() for cell in row])
            else:
                message = f"expected {len(names)} fields as in the header, found {len(row)}"
                problems.append(Problem(file, line, None, None, message))
    except BrokenCsv as broken:
        raise FileRejected([*problems, broken.problem(file)]) from None
    problems += header_problems(file, header, names)
    if not lines and not problems:
        problems.append(Problem(file, None, None, None, "expected at least one data row below the header"))
    if problems:
        raise FileRejected(problems)
    return header, names, lines, rows


def header_problems(file: str, header: list[str], names: list[str]) -> list[Problem]:
    """Blank or repeated header names are problems before any row can be read."""
    problems = []
    seen: set[str] = set()
    for raw, name in zip(header, names, strict=True):
        if not name:
            problems.append(
                Problem(file, 1, None, None, "expected a name for every column; one header cell is blank")
            )
        elif name in seen:
            problems.append(Problem(file, 1, raw, None, "expected each column once; this header is repeated"))
        seen.add(name)
    return problems


# --- official files: the columns a reader needs, indexed by line ----------------------------


@dataclass
class SourceTable:
    """Text cells of the columns a reader needs, indexed by the line a spreadsheet shows.

    `source_names` maps each field to the header the user sees, so that a problem names the
    column as it is written in the file.
    """

    file: str
    frame: pd.DataFrame
    source_names: dict[str, str]


def text_frame(rows: list[list[str]], lines: list[int], positions: dict[str, int]) -> pd.DataFrame:
    """The wanted columns as trimmed text (empty -> missing), indexed by line number."""
    import pandas as pd

    frame = pd.DataFrame(
        {name: [row[position] for row in rows] for name, position in positions.items()},
        index=pd.Index(lines, dtype="int64"),
        dtype="string",
    )
    for name in frame.columns:
        frame[name] = frame[name].str.strip().replace("", pd.NA)  # type: ignore[call-overload]  # pandas-stubs leave pd.NA out of a text column's replacements
    return frame


def csv_records(file: str, data: bytes) -> list[tuple[int, list[str]]]:
    """Every non-blank record of an official CSV with its line."""
    text = decode(data, file)
    if not text.strip():
        raise rejected(file, "expected data rows; the file is empty")
    try:
        found = list(records(text))
    except BrokenCsv as broken:
        raise FileRejected([broken.problem(file)]) from None
    if (wrong_separator := separator_problem(file, found[0][1])) is not None:
        raise wrong_separator
    return found


def same_width(file: str, found: list[tuple[int, list[str]]], width: int, what: str) -> None:
    """Reject a ragged file: cells would otherwise land in the wrong columns."""
    ragged = [(line, len(row)) for line, row in found if len(row) != width]
    if ragged:
        line, count = ragged[0]
        more = f" ({len(ragged) - 1} more lines like this)" if len(ragged) > 1 else ""
        raise rejected(file, f"expected {width} fields {what}, found {count}{more}", line)


def read_with_header(file: str, data: bytes, wanted: tuple[Wanted, ...]) -> SourceTable:
    """A CSV whose first row names its columns; the wanted ones found by their normalised name."""
    found = csv_records(file, data)
    header_line, header = found[0]
    positions, missing = match_columns(list(header), wanted)
    if missing:
        raise rejected(file, missing_columns_message(missing), header_line)
    body = [(line, fitted(row, len(header))) for line, row in found[1:]]
    if not body:
        raise rejected(file, "expected data rows below the header; found none")
    same_width(file, body, len(header), "as in the header")
    frame = text_frame([row for _, row in body], [line for line, _ in body], positions)
    names = {name: shown_header(header[position]) for name, position in positions.items()}
    return SourceTable(file, frame, names)


def read_without_header(
    file: str, data: bytes, positions: dict[str, int], labels: dict[str, str], min_width: int
) -> SourceTable:
    """A headerless CSV whose columns are known by their position."""
    found = csv_records(file, data)
    width = len(found[0][1])
    if width < min_width:
        raise rejected(file, f"expected at least {min_width} fields, found {width}", found[0][0])
    same_width(file, found, width, "as on the first line")
    frame = text_frame([row for _, row in found], [line for line, _ in found], positions)
    return SourceTable(file, frame, dict(labels))


def first_rows(head: bytes, count: int = 20) -> list[list[str]]:
    """The first non-blank rows of a CSV, forgiving a multi-byte character cut at the end."""
    if is_utf16(head) or is_workbook(head) or b"\x00" in head:
        return []
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace")
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if any(cell.strip() for cell in row):
                rows.append([cell.strip() for cell in row])
            if len(rows) == count:
                break
    except csv.Error:
        pass
    return rows

"""Bytes on disk -> a table of text cells: encodings, header names, ragged rows, file kind.

Two readers give the same table. The bulk reader parses the whole file in C (pyarrow) and is
used whenever it can vouch for the result; the line-by-line reader (Python's csv module) is the
reference: it is used for every file with a problem, because it knows each row's line as a
spreadsheet shows it, blank lines and line breaks inside quoted cells included.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from etl.problems import FileRejected, Problem

TRACKER_KINDS = ("participation", "milestones")
EMPTY = "expected a header row and data rows; the file is empty"
UTF8_BOM = b"\xef\xbb\xbf"
HEADER_CHARS = 65_536
MANY_QUOTES = 100_000  # more than this and the csv module reads the whole file
LINE_END = re.compile(r"\r\n|\r|\n")  # where io.StringIO(newline=""), and so the csv module, ends a line


@dataclass
class TextTable:
    """A CSV as read: normalised header names, text cells, and each row's line in the file."""

    file: str
    frame: pd.DataFrame
    lines: list[int] | None  # None until a problem needs them (see line_of)
    raw_headers: dict[str, str]
    text: str = field(default="", repr=False)  # kept to find the lines of a bulk-read file

    def line_of(self, row: int) -> int:
        """The line a spreadsheet shows for the 0-based data row `row`."""
        if self.lines is None:
            self.lines = check_shape(self.file, self.text)[2]
        return self.lines[row]


def normalise_header(name: str) -> str:
    """'Practice Code' -> 'practice_code': case, spaces and hyphens do not matter.

    >>> normalise_header("  Practice-Code ")
    'practice_code'
    """
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252 text; anything else is rejected."""
    return decode_with_encoding(data, file)[0]


def decode_with_encoding(data: bytes, file: str) -> tuple[str, str]:
    """The text and the encoding it was read with: 'utf-8-sig' or 'cp1252'."""
    if b"\x00" in data:
        raise FileRejected([Problem(file, None, None, None, "expected a CSV text file, not a binary file")])
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise FileRejected(
            [
                Problem(
                    file,
                    None,
                    None,
                    None,
                    f"expected UTF-8 or Windows-1252 text; byte {error.start + 1} is neither",
                )
            ]
        ) from None


def read_text_table(path: Path, data: bytes | None = None) -> TextTable:
    """Read a CSV with a header row into text cells, trimmed, each row knowing its line number."""
    file = path.name
    data = path.read_bytes() if data is None else data
    text, encoding = decode_with_encoding(data, file)
    if not text.strip():
        raise FileRejected([Problem(file, None, None, None, EMPTY)])
    if encoding == "cp1252":
        utf8 = memoryview(text.encode("utf-8"))  # pyarrow reads UTF-8 only
    else:
        utf8 = memoryview(data)[len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0 :]
    return read_in_bulk(file, text, utf8) or read_line_by_line(file, text)


def read_line_by_line(file: str, text: str) -> TextTable:
    """The reference reader: every ragged row and malformed line reported with its line number."""
    header, names, lines = check_shape(file, text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(reader)
    rows = [[cell.strip() for cell in row] for _, row in rows_with_lines(reader)]
    frame = pd.DataFrame(rows, columns=names, dtype="str")
    return TextTable(file, frame, lines, dict(zip(names, header, strict=True)))


def check_shape(file: str, text: str) -> tuple[list[str], list[str], list[int]]:
    """The header, its column names and the line of each data row, or every ragged row and
    malformed line as problems. Rows are not kept: a file with a problem is rejected whole."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    lines: list[int] = []
    try:
        header = [cell.strip() for cell in next(reader)]
        names = [normalise_header(cell) for cell in header]
        for line, row in rows_with_lines(reader):
            if len(row) == len(names):
                lines.append(line)
            else:
                problems.append(
                    Problem(
                        file,
                        line,
                        None,
                        None,
                        f"expected {len(names)} fields as in the header, found {len(row)}",
                    )
                )
    except csv.Error as error:
        problems.append(Problem(file, reader.line_num, None, None, f"expected well-formed CSV ({error})"))
        raise FileRejected(problems) from None
    problems += header_problems(file, header, names)
    if not lines and not problems:
        problems.append(Problem(file, None, None, None, "expected at least one data row below the header"))
    if problems:
        raise FileRejected(problems)
    return header, names, lines


def rows_with_lines(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Each data row below the header with the line it starts on; blank rows are skipped."""
    start = reader.line_num + 1  # type: ignore[attr-defined]
    for row in reader:
        line, start = start, reader.line_num + 1  # type: ignore[attr-defined]
        if any(cell.strip() for cell in row):  # spreadsheets leave blank lines at the end
            yield line, row


def read_in_bulk(file: str, text: str, utf8: memoryview) -> TextTable | None:
    """The whole file at once, in C; None when the file needs the line-by-line reader.

    pyarrow and Python's csv module agree on a well-formed file with no cell longer than the
    csv module's limit; they differ on malformed quoting, so a file with quotes is first
    checked by the csv module itself (without building any rows).
    """
    if '"' in text and not well_formed(text):
        return None
    # The header is read from the first few lines; if it runs on further, pyarrow's first row
    # will not match it and the line-by-line reader takes over.
    header = next(csv.reader(io.StringIO(text[:HEADER_CHARS], newline="")))
    names = [normalise_header(cell) for cell in header]
    if not header or header_problems(file, [cell.strip() for cell in header], names):
        return None
    columns = [f"column_{number}" for number in range(len(header))]
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(utf8),
            read_options=pa_csv.ReadOptions(column_names=columns),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.large_string()),  # as pandas keeps text
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # a ragged row, most often: the line-by-line reader says where
        return None
    if table.num_rows < 2 or table.slice(0, 1).to_pylist()[0] != dict(zip(columns, header, strict=True)):
        return None
    if longest_cell(table) > csv.field_size_limit():
        return None
    cells = table.slice(1)
    cells = pa.table([pc.utf8_trim_whitespace(column) for column in cells.columns], names=names)
    # Spreadsheets leave rows of empty cells at the end; only a row whose first cell is empty can be one.
    if pc.any(pc.equal(cells.column(0), "")).as_py():
        blank = reduce(pc.and_, [pc.equal(column, "") for column in cells.columns])
        cells = cells.filter(pc.invert(blank))
    if cells.num_rows == 0:
        return None
    frame = cells.to_pandas()
    return TextTable(
        file, frame, None, dict(zip(names, (cell.strip() for cell in header), strict=True)), text
    )


def longest_cell(table: pa.Table) -> int:
    """The most characters in any cell (bytes first: they are free, and never fewer)."""
    most_bytes = max(pc.max(pc.binary_length(column)).as_py() or 0 for column in table.columns)
    if most_bytes <= csv.field_size_limit():
        return most_bytes
    return max(pc.max(pc.utf8_length(column)).as_py() or 0 for column in table.columns)


def well_formed(text: str) -> bool:
    """Python's csv module, strict, finds nothing wrong with the quoting (rows are not kept).

    Only a record that holds a quote can be malformed, and a national file has a handful, so
    the csv module is shown just those records; a file that quotes everything is read whole.
    """
    quoted = LinesHoldingQuotes(text)
    lines = io.StringIO(text, newline="") if text.count('"') > MANY_QUOTES else quoted
    try:
        for _ in csv.reader(lines, strict=True):
            quoted.record_ended = True
    except csv.Error:
        return False
    return True


class LinesHoldingQuotes:
    """The lines of a text that hold a quote, each followed by the lines its record runs on to.

    Whoever reads the records sets `record_ended` after each one; until then the next line
    given is the one that follows, with or without a quote.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.record_ended = True

    def __iter__(self) -> Iterator[str]:
        text, start = self.text, 0
        while start < len(text):
            if self.record_ended:  # skip the records without a quote: they cannot be malformed
                quote = text.find('"', start)
                if quote < 0:
                    return
                start = max(text.rfind("\n", start, quote), text.rfind("\r", start, quote), start - 1) + 1
            end = LINE_END.search(text, start)
            stop = end.end() if end else len(text)
            self.record_ended = False
            yield text[start:stop]
            start = stop


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


def detect_kind(path: Path) -> str | None:
    """Tell a participation or milestones file from its header; None when it is neither."""
    with path.open("rb") as file:
        head = file.read(4096)
    if b"\x00" in head:
        return None
    try:
        first_line = next(iter(decode(head, path.name).splitlines()), "")  # a BOM alone has no line
    except FileRejected:
        return None
    names = {normalise_header(cell) for cell in next(csv.reader([first_line]), [])}
    if "milestone" in names:
        return "milestones"
    if names & {"integration_level", "snapshot_date"}:
        return "participation"
    return None

"""Bytes on disk -> a table of text cells: encodings, header names, ragged rows, file kind."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.problems import FileRejected, Problem

TRACKER_KINDS = ("participation", "milestones")
EMPTY = "expected a header row and data rows; the file is empty"


@dataclass
class TextTable:
    """A CSV as read: normalised header names, text cells, and each row's line in the file."""

    file: str
    frame: pd.DataFrame
    lines: list[int]
    raw_headers: dict[str, str]

    def line_of(self, row: int) -> int:
        """The line a spreadsheet shows for the 0-based data row `row`."""
        return self.lines[row]


def normalise_header(name: str) -> str:
    """'Practice Code' -> 'practice_code': case, spaces and hyphens do not matter.

    >>> normalise_header("  Practice-Code ")
    'practice_code'
    """
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252 text; anything else is rejected."""
    if b"\x00" in data:
        raise FileRejected([Problem(file, None, None, None, "expected a CSV text file, not a binary file")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
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
    text = decode(path.read_bytes() if data is None else data, file)
    if not text.strip():
        raise FileRejected([Problem(file, None, None, None, EMPTY)])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = [cell.strip() for cell in next(reader)]
        names = [normalise_header(cell) for cell in header]
        rows: list[list[str]] = []
        lines: list[int] = []
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue  # spreadsheets leave blank lines at the end
            if len(row) != len(names):
                problems.append(
                    Problem(
                        file,
                        line,
                        None,
                        None,
                        f"expected {len(names)} fields as in the header, found {len(row)}",
                    )
                )
                continue
            rows.append([cell.strip() for cell in row])
            lines.append(line)
    except csv.Error as error:
        problems.append(Problem(file, reader.line_num, None, None, f"expected well-formed CSV ({error})"))
        raise FileRejected(problems) from None
    problems += header_problems(file, header, names)
    if not rows and not problems:
        problems.append(Problem(file, None, None, None, "expected at least one data row below the header"))
    if problems:
        raise FileRejected(problems)
    frame = pd.DataFrame(rows, columns=names, dtype="str") if rows else pd.DataFrame(columns=names)
    return TextTable(file, frame, lines, dict(zip(names, header, strict=True)))


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
    head = path.read_bytes()[:4096]
    if b"\x00" in head:
        return None
    try:
        first_line = decode(head, path.name).splitlines()[0] if head.strip() else ""
    except FileRejected:
        return None
    names = {normalise_header(cell) for cell in next(csv.reader([first_line]), [])}
    if "milestone" in names:
        return "milestones"
    if names & {"integration_level", "snapshot_date"}:
        return "participation"
    return None

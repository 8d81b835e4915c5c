"""Official CSV files on disk -> text cells: encodings, ragged rows, headers or fixed positions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from etl.official.columns import (
    SourceTable,
    Wanted,
    match_columns,
    missing_columns_message,
    shown_header,
    text_frame,
)
from etl.problems import FileRejected, Problem
from etl.read import decode


def rejected(file: str, message: str, line: int | None = None) -> FileRejected:
    """A whole file turned away with one sentence."""
    return FileRejected([Problem(file, line, None, None, message)])


def csv_records(path: Path) -> list[tuple[int, list[str]]]:
    """Every non-blank record with its line as a spreadsheet numbers it (blank lines count)."""
    file = path.name
    text = decode(path.read_bytes(), file)
    if not text.strip():
        raise rejected(file, "expected data rows; the file is empty")
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    try:
        for line, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row):
                records.append((line, row))
    except csv.Error as error:
        raise rejected(file, f"expected well-formed CSV ({error})", line + 1) from None
    return records


def same_width(file: str, records: list[tuple[int, list[str]]], width: int, what: str) -> None:
    """Reject a ragged file: cells would otherwise land in the wrong columns."""
    ragged = [(line, len(row)) for line, row in records if len(row) != width]
    if ragged:
        line, found = ragged[0]
        more = f" ({len(ragged) - 1} more lines like this)" if len(ragged) > 1 else ""
        raise rejected(file, f"expected {width} fields {what}, found {found}{more}", line)


def read_with_header(path: Path, wanted: tuple[Wanted, ...]) -> SourceTable:
    """A CSV whose first row names its columns; the wanted ones found by their normalised name."""
    file = path.name
    records = csv_records(path)
    header_line, header = records[0]
    positions, missing = match_columns(header, wanted)
    if missing:
        raise rejected(file, missing_columns_message(missing), header_line)
    body = records[1:]
    if not body:
        raise rejected(file, "expected data rows below the header; found none")
    same_width(file, body, len(header), "as in the header")
    frame = text_frame([row for _, row in body], [line for line, _ in body], positions)
    names = {field: shown_header(header[position]) for field, position in positions.items()}
    return SourceTable(file, frame, names)


def read_without_header(
    path: Path, positions: dict[str, int], labels: dict[str, str], min_width: int
) -> SourceTable:
    """A headerless CSV whose columns are known by their position."""
    file = path.name
    records = csv_records(path)
    width = len(records[0][1])
    if width < min_width:
        raise rejected(file, f"expected at least {min_width} fields, found {width}", records[0][0])
    same_width(file, records, width, "as on the first line")
    frame = text_frame([row for _, row in records], [line for line, _ in records], positions)
    return SourceTable(file, frame, dict(labels))

"""Which official NHS file this is, told from its content: file names are not to be trusted."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from etl.official import epraccur, list_sizes, payments
from etl.official.checks import PRACTICE_CODE
from etl.official.columns import Wanted, match_columns
from etl.official.epcn import DETAILS_SHEET
from etl.official.workbooks import find_sheet, is_xlsx, open_workbook
from etl.problems import FileRejected

HEAD_BYTES = 64 * 1024
HEAD_ROWS = 20
CCG_LIKE = r"[A-Z0-9]{3,5}"


def detect_official_kind(path: Path) -> str | None:
    """'payments', 'epraccur', 'eccg', 'epcn' or 'list_sizes'; None for any other file."""
    try:
        if is_xlsx(path):
            return workbook_kind(path)
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except (OSError, FileRejected):
        return None
    if b"\x00" in head:
        return None
    return csv_kind(first_rows(head))


def workbook_kind(path: Path) -> str | None:
    workbook = open_workbook(path)
    try:
        return "epcn" if find_sheet(workbook, DETAILS_SHEET) else None
    finally:
        workbook.close()


def first_rows(head: bytes) -> list[list[str]]:
    """The first rows of a CSV, forgiving a multi-byte character cut at the end of `head`."""
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))[:HEAD_ROWS]
    except csv.Error:
        return []
    return [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]


def csv_kind(rows: list[list[str]]) -> str | None:
    if not rows:
        return None
    header = rows[0]
    if has_columns(header, payments.HEADER_SIGNS):
        return "payments"
    if has_columns(header, list_sizes.HEADER_SIGNS):
        return "list_sizes"
    # The two ODS registers have no header: tell them by what their first field holds.
    wide = [row for row in rows if len(row) >= epraccur.WIDTH]
    if not wide or len(wide) < len(rows) - 1:  # allow a short last line cut by HEAD_BYTES
        return None
    if most(wide, lambda row: re.fullmatch(PRACTICE_CODE, row[0]) is not None):
        return "epraccur"
    if most(wide, lambda row: re.fullmatch(CCG_LIKE, row[0]) is not None) and any(
        row[1].upper().startswith("NHS ") for row in wide
    ):
        return "eccg"
    return None


def has_columns(header: list[str], signs: tuple[Wanted, ...]) -> bool:
    return not match_columns(header, signs)[1]


def most(rows: list[list[str]], test: Callable[[list[str]], bool]) -> bool:
    """True when more than half the rows pass `test`."""
    return sum(1 for row in rows if test(row)) * 2 > len(rows)

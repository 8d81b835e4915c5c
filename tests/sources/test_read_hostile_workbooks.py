"""Damaged and hostile workbooks: one line each, never a traceback, always within memory, and the
sheet Excel shows is the one read (issue 19 item 3)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.helpers import STATUS_HEADER, STATUS_ROWS, write_epcn
from tests.hostile_workbooks import (
    cells_bomb,
    index_comment_bomb,
    rewritten,
    shared_strings_bomb,
    sheet_rewritten,
)
from tests.memory import read_in_a_process
from tests.sources.helpers import problems_of, tables_of, write_workbook

REPO = Path(__file__).resolve().parents[2]
DAMAGED = (
    "expected an Excel workbook (.xlsx) that can be opened; this one is damaged ({}): "
    "open it in Excel and save it again"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>"
)


@pytest.fixture
def status_workbook(tmp_path: Path) -> Path:
    rows = [STATUS_HEADER.split(","), *(row.split(",") for row in STATUS_ROWS)]
    return write_workbook(tmp_path / "status.xlsx", {"March": rows})


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)], capture_output=True, text=True, cwd=REPO, timeout=600
    )


def test_a_workbook_with_flipped_bytes_is_rejected_in_one_line(status_workbook: Path, tmp_path: Path) -> None:
    data = bytearray(status_workbook.read_bytes())
    with zipfile.ZipFile(status_workbook) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename) + len(sheet.extra)
    for at in range(start + 10, start + 40):
        data[at] ^= 0xFF
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(bytes(data))

    done = run_cli("load", "--db", tmp_path / "tracker.duckdb", corrupt)

    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "corrupt.xlsx: rejected, 1 problem; nothing was stored\n"
        f"  corrupt.xlsx: {DAMAGED.format('its compressed data is corrupt')}\n"
    )


def test_a_sheet_of_garbage_xml_is_rejected_in_one_line(status_workbook: Path, tmp_path: Path) -> None:
    garbage = rewritten(
        status_workbook,
        tmp_path / "garbage.xlsx",
        {"xl/worksheets/sheet1.xml": lambda old: iter([b"<row><c>\x00<<"])},
    )

    assert problems_of(garbage) == [
        "garbage.xlsx: "
        + DAMAGED.format("its XML cannot be read: not well-formed (invalid token): line 1, column 8")
    ]


def test_a_sheet_carrying_an_entity_expansion_dtd_is_rejected_in_one_line(
    status_workbook: Path, tmp_path: Path
) -> None:
    def laughing(old: bytes) -> Iterator[bytes]:
        body = old.split(b"?>", 1)[1] if old.startswith(b"<?xml") else old
        yield LAUGHS + body.replace(b"Askern", b"&lol9;")

    bomb = rewritten(status_workbook, tmp_path / "laughs.xlsx", {"xl/worksheets/sheet1.xml": laughing})

    (problem,) = problems_of(bomb, "participation")
    assert problem.startswith(
        "laughs.xlsx: "
        + DAMAGED.split("{")[0]
        + "its XML cannot be read: limit on input amplification factor"
    )


@pytest.mark.slow
def test_fifteen_million_shared_strings_are_refused_before_they_are_read(tmp_path: Path) -> None:
    bomb = shared_strings_bomb(tmp_path / "ePCN_bomb.xlsx", 15_000_000)
    assert bomb.stat().st_size < 1_000_000  # a megabyte on disk

    found = read_in_a_process(bomb)

    assert found["problems"] == [
        "ePCN_bomb.xlsx: expected a workbook whose parts each unpack to at most 128 MB; its part "
        "xl/sharedStrings.xml unpacks to 187 MB: save its sheet as CSV instead"
    ]
    assert found["peak_mb"] < 400


def test_more_than_a_million_small_shared_strings_are_refused(tmp_path: Path) -> None:
    bomb = shared_strings_bomb(tmp_path / "ePCN_bomb.xlsx", 1_000_001)  # 13 MB unpacked

    assert problems_of(bomb, "epcn") == [
        "ePCN_bomb.xlsx: expected a workbook of at most 1,000,000 distinct texts; this one has more than "
        "1,000,000: save its sheet as CSV instead"
    ]


@pytest.mark.slow
def test_a_600_mb_comment_in_the_workbook_index_is_refused_unread(tmp_path: Path) -> None:
    bomb = index_comment_bomb(tmp_path / "ePCN_comment.xlsx", 600)
    assert bomb.stat().st_size < 1_500_000

    found = read_in_a_process(bomb)

    assert found["problems"] == [
        "ePCN_comment.xlsx: expected a workbook whose parts each unpack to at most 16 MB; its part "
        "xl/workbook.xml unpacks to 600 MB: save its sheet as CSV instead"
    ]
    assert found["peak_mb"] < 400


@pytest.mark.slow
def test_a_sheet_beyond_the_cell_budget_is_refused_within_memory(
    status_workbook: Path, tmp_path: Path
) -> None:
    bomb = cells_bomb(status_workbook, tmp_path / "cells.xlsx", rows=85_000)  # 1,020,000 cells

    found = read_in_a_process(bomb)

    assert found["problems"] == [
        "cells.xlsx: expected a workbook of at most 1,000,000 cells; sheet March goes on beyond row 83,334: "
        "save its sheet as CSV instead"
    ]
    assert found["peak_mb"] < 1024


def test_rows_padded_to_the_last_column_excel_has_count_against_the_budget(
    status_workbook: Path, tmp_path: Path
) -> None:
    def far_right() -> Iterator[bytes]:
        for row in range(2, 200):
            yield b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (row, row)

    wide = sheet_rewritten(status_workbook, tmp_path / "wide.xlsx", far_right)

    assert problems_of(wide, "participation") == [
        "wide.xlsx: expected a workbook of at most 1,000,000 cells; sheet March goes on beyond row 62: "
        "save its sheet as CSV instead"
    ]


def test_a_row_numbered_beyond_excel_is_refused_not_counted_to(status_workbook: Path, tmp_path: Path) -> None:
    far_down = sheet_rewritten(
        status_workbook, tmp_path / "far.xlsx", lambda: iter([b'<row r="2000000000"><c><v>1</v></c></row>'])
    )

    assert problems_of(far_down, "participation") == [
        "far.xlsx: expected a workbook of at most 1,048,576 rows; sheet March goes on beyond row 1,048,576: "
        "save its sheet as CSV instead"
    ]


def test_the_visible_sheet_is_read_never_a_hidden_one_before_it(tmp_path: Path) -> None:
    header = STATUS_HEADER.split(",")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    hidden = workbook.create_sheet("last year")
    hidden.append(header)
    hidden.append(STATUS_ROWS[0].replace("02X", "02N").split(","))
    hidden.sheet_state = "hidden"
    visible = workbook.create_sheet("March")
    visible.append(header)
    for row in STATUS_ROWS:
        visible.append(row.split(","))
    workbook.save(tmp_path / "status.xlsx")

    stored = tables_of(tmp_path / "status.xlsx")["participation"]

    assert sorted(stored["ccg_code"].unique()) == ["02X"]
    assert sorted(stored["practice_code"]) == ["C86001", "C86002", "C86003", "C86004"]


def test_a_workbook_whose_only_fitting_sheet_is_hidden_says_so(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    notes = workbook.worksheets[0]
    assert isinstance(notes, Worksheet)
    notes.title = "Read me"
    notes.append(["Notes"])
    hidden = workbook.create_sheet("March")
    hidden.append(STATUS_HEADER.split(","))
    hidden.append(STATUS_ROWS[0].split(","))
    hidden.sheet_state = "veryHidden"
    workbook.save(tmp_path / "status.xlsx")

    assert problems_of(tmp_path / "status.xlsx", "participation") == [
        'status.xlsx: expected a visible sheet whose header names the columns; the workbook has "Read me", '
        '"March" (hidden)'
    ]


def test_an_epcn_sheet_that_is_hidden_is_not_read_before_the_visible_one(tmp_path: Path) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx", details_sheet="PCNDetails")
    workbook = openpyxl.load_workbook(path)
    stale = workbook.copy_worksheet(workbook["PCNDetails"])
    stale.title = "PCN Details"
    stale["A2"] = "U99999"  # a network that is not in the visible sheet
    stale.sheet_state = "hidden"
    workbook.move_sheet(stale, offset=-2)  # first
    workbook.save(path)

    networks = tables_of(path)["official_networks"]

    assert sorted(networks["network_code"]) == ["U30587", "U54853"]

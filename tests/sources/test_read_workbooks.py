"""Tracker files kept in Excel: .xlsx participation and milestone files, read as Excel shows them,
with the worksheet row as the line of every problem (SPEC 2, issue 11 item 10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from tests.helpers import MILESTONES_HEADER, STATUS_HEADER
from tests.sources.helpers import day, kind_of, problems_of, tables_of, write_workbook

HEADER = STATUS_HEADER.split(",")
MARCH = dt.datetime(2018, 3, 1)


def status_row(code: str, name: str, size: object, level: str = "virtual", **cells: object) -> list[object]:
    row = dict.fromkeys(HEADER, None)
    row.update(
        snapshot_date=MARCH, ccg_code="02X", practice_code=code, practice_name=name, list_size=size,
        contract_type="GMS", integration_level=level, network_code="02X-N01",
        network_name="Doncaster North", contract_status="active", gp_count=3,
    )  # fmt: skip
    row.update(cells)
    return list(row.values())


def test_a_participation_workbook_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [*HEADER, None, ""],  # empty header cells after the last column
        status_row("C86001", "Askern Medical Practice", 12000.0),  # a number cell, as Excel keeps it
        status_row("c86002", "Bawtry Surgery", "12,000", ccg_code="02x", network_code="02x-n01"),
        [None] * len(HEADER),  # a wholly empty row
        status_row("C86003", "Carcroft Surgery", 2100, gp_count=1.0, snapshot_date="2018-03-15"),
    ]
    path = write_workbook(tmp_path / "status_2018-03.xlsx", {"March": rows})
    assert kind_of(path) == "participation"
    stored = tables_of(path)["participation"]
    assert stored[
        ["snapshot_date", "ccg_code", "practice_code", "list_size", "network_code", "gp_count"]
    ].astype(object).values.tolist() == [
        [day("2018-03-01"), "02X", "C86001", 12000, "02X-N01", 3],
        [day("2018-03-01"), "02X", "C86002", 12000, "02X-N01", 3],
        [day("2018-03-01"), "02X", "C86003", 2100, "02X-N01", 1],
    ]


def test_a_problem_in_a_workbook_names_the_excel_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [*HEADER],
        status_row("C86001", "Askern Medical Practice", 9500),
        [None] * len(HEADER),
        [None] * len(HEADER),
        status_row("C8601", "Bawtry Surgery", 9500.5),
    ]
    path = write_workbook(tmp_path / "status.xlsx", {"Sheet1": rows})
    assert problems_of(path) == [
        'status.xlsx line 5, practice_code "C8601": expected a capital letter and 5 digits, such as C86001',
        'status.xlsx line 5, list_size "9500.5": expected a whole number of registered patients from 0 '
        "to 250,000",
    ]


def test_the_one_sheet_whose_header_matches_is_read_when_the_first_does_not(tmp_path: Path) -> None:
    sheets: dict[str, list[list[object]]] = {
        "Read me": [["How to fill in this workbook"], ["One row per practice"]],
        "Milestones": [
            [*MILESTONES_HEADER.split(",")],
            ["02X", None, "ACS designated", dt.datetime(2018, 9, 30), None, "CCG lead", None],
            [
                "02x",
                "02x-n01",
                "Alliance agreement signed",
                "31/12/2017",
                dt.datetime(2018, 1, 15),
                None,
                None,
            ],
        ],
    }
    path = write_workbook(tmp_path / "milestones.xlsx", sheets)
    assert kind_of(path) == "milestones"
    register = tables_of(path)["milestone_register"]
    assert register[["ccg_code", "network_code", "due_date", "achieved_date"]].astype(object).where(
        register[["ccg_code", "network_code", "due_date", "achieved_date"]].notna(), None
    ).values.tolist() == [
        ["02X", None, day("2018-09-30"), None],
        ["02X", "02X-N01", day("2017-12-31"), day("2018-01-15")],
    ]


def test_a_workbook_with_two_matching_sheets_and_a_wrong_first_one_says_which_sheets_it_has(
    tmp_path: Path,
) -> None:
    header = MILESTONES_HEADER.split(",")
    sheets = {"Read me": [["Notes"]], "2018": [header], "2019": [header]}
    path = write_workbook(tmp_path / "milestones.xlsx", sheets)
    assert problems_of(path, "milestones") == [
        'milestones.xlsx: expected a sheet whose header names the columns; the workbook has "Read me", '
        '"2018", "2019"'
    ]


def test_a_value_in_a_column_without_a_header_is_a_problem_on_its_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [[*HEADER], [*status_row("C86001", "Askern", 9500), None, "stray"]]
    path = write_workbook(tmp_path / "status.xlsx", {"Sheet1": rows})
    assert problems_of(path) == [
        "status.xlsx line 2: expected values only in the 12 columns named in the header"
    ]


def test_real_dates_and_date_text_in_one_column_are_both_read(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [*HEADER],
        status_row("C86001", "Askern", 9500, snapshot_date=dt.datetime(2019, 4, 1)),
        status_row("C86002", "Bawtry", 9500, snapshot_date="01/04/2019"),
    ]
    path = write_workbook(tmp_path / "status.xlsx", {"Sheet1": rows})
    months = tables_of(path)["participation"]["snapshot_date"].tolist()
    assert months == [pd.Timestamp("2019-04-01")] * 2

"""What a person reads when a tracker file cannot be read or breaks a rule: one sentence, on one
line, pointing the right way (issue 10 items 6, 10 and 11; issue 11 item 10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from etl.sources import read_input
from tests.helpers import STATUS_HEADER, STATUS_ROWS
from tests.sources.helpers import problems_of, tables_of, write_bytes, write_workbook

UNKNOWN = (
    "expected a participation status file, a milestones file or an official NHS file "
    "(payments, epraccur, eccg, ePCN, list-size mapping, list sizes); its {what} none of them "
    "(name the kind with --kind)"
)
UTF16 = (
    'expected UTF-8 or Windows-1252 text; this file is UTF-16 text: save it as "CSV UTF-8 (Comma delimited)"'
)


def status_text(rows: list[str], header: str = STATUS_HEADER) -> str:
    return "\n".join([header, *rows, ""])


@pytest.mark.parametrize(
    "encoding",
    ["utf-16", "utf-16-le", "utf-16-be"],
    ids=["with-byte-order-mark", "little-endian-without-mark", "big-endian-without-mark"],
)
def test_utf16_text_is_named_and_the_way_to_save_it_given(tmp_path: Path, encoding: str) -> None:
    path = write_bytes(tmp_path / "status.csv", status_text(STATUS_ROWS).encode(encoding))
    assert problems_of(path) == [f"status.csv: {UTF16}"]
    assert problems_of(path, "participation") == [f"status.csv: {UTF16}"]


def test_a_workbook_of_another_kind_is_read_as_a_workbook_not_called_binary(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "budget.xlsx", {"Budget": [["Item", "Cost"], ["Chairs", 120]]})
    assert problems_of(path) == ["budget.xlsx: " + UNKNOWN.format(what="sheets match")]


@pytest.mark.parametrize(("separator", "name"), [("\t", "tabs"), (";", "semicolons")])
def test_a_file_separated_by_tabs_or_semicolons_says_so_and_how_to_save_it_as_csv(
    tmp_path: Path, separator: str, name: str
) -> None:
    text = status_text(STATUS_ROWS).replace(",", separator)
    path = write_bytes(tmp_path / "status.csv", text.encode())
    sentence = (
        f"status.csv: expected comma-separated values; this file's columns are separated by {name}: "
        'save it as "CSV UTF-8 (Comma delimited)"'
    )
    assert problems_of(path) == [sentence]
    assert problems_of(path, "participation") == [sentence]


def test_an_unbalanced_quote_is_reported_on_the_line_where_it_opens(tmp_path: Path) -> None:
    rows = [*STATUS_ROWS]
    rows[1] = rows[1].replace("Bawtry Surgery", '"Bawtry Surgery')  # line 3: the quote never closes
    path = write_bytes(tmp_path / "status.csv", status_text(rows).encode())
    assert problems_of(path) == [
        "status.csv line 3: expected well-formed CSV (a quote opened on this line is never closed)"
    ]


def test_a_value_holding_a_line_break_or_terminal_escape_is_shown_escaped_on_one_line(
    tmp_path: Path,
) -> None:
    rows = [*STATUS_ROWS]
    rows[0] = rows[0].replace("GMS", '"GMS\nPMS"')
    rows[2] = rows[2].replace("GMS", "GMS\x1b[31m")
    path = write_bytes(tmp_path / "status.csv", status_text(rows).encode())
    assert problems_of(path) == [
        'status.csv line 2, contract_type "GMS\\nPMS": expected GMS, PMS or APMS',
        'status.csv line 5, contract_type "GMS\\x1b[31m": expected GMS, PMS or APMS',
    ]


def test_a_network_code_with_two_names_blames_the_odd_one_and_names_both_with_their_lines(
    tmp_path: Path,
) -> None:
    header = STATUS_HEADER
    rows = [
        f"2018-03-01,03E,B82{n:03d},Practice {n},8000,GMS,virtual,03E-N01,{name},active,3,"
        for n, name in enumerate(["Harrogate East", "Harrogate East", "Another Name", "Harrogate East"])
    ]
    path = write_bytes(tmp_path / "status.csv", status_text(rows, header).encode())
    assert problems_of(path) == [
        'status.csv line 4, network_name "Another Name": expected one name for each network code in a '
        'snapshot month; 03E-N01 is "Harrogate East" on lines 2, 3 and 5 and "Another Name" on line 4'
    ]


def next_month(today: dt.date) -> str:
    return (pd.Timestamp(today).to_period("M") + 1).strftime("%B %Y")


@pytest.mark.parametrize("date", ["2009-12-31", "9999-03-01", "01/01/2100"])
def test_a_snapshot_month_before_2010_or_after_next_month_is_refused(
    tmp_path: Path, date: str, today: dt.date
) -> None:
    rows = [*STATUS_ROWS]
    rows[3] = date + rows[3][len("2018-03-01") :]
    path = write_bytes(tmp_path / "status.csv", status_text(rows).encode())
    assert problems_of(path) == [
        f'status.csv line 5, snapshot_date "{date}": expected a month from January 2010 to '
        f"{next_month(today)} (next month)"
    ]


def test_next_month_is_accepted_as_a_snapshot(tmp_path: Path, today: dt.date) -> None:
    month = (pd.Timestamp(today).to_period("M") + 1).start_time.strftime("%Y-%m-%d")
    rows = [month + row[len("2018-03-01") :] for row in STATUS_ROWS]
    path = write_bytes(tmp_path / "status.csv", status_text(rows).encode())
    assert tables_of(path)["participation"]["snapshot_date"].unique().tolist() == [pd.Timestamp(month)]


def test_what_excel_writes_is_read_as_meant(tmp_path: Path) -> None:
    header = STATUS_HEADER + ",,"  # Excel keeps empty header cells after the last column
    rows = [
        '2018-03-01,02x,c86001,Askern Medical Practice,"12,000",GMS,virtual,02x-n01,Doncaster North,'
        "active,5.0,,,",
        "2018-03-01,02X,C86002,Bawtry Surgery,12000.0,PMS,partial,02X-N01,Doncaster North,active,7,,,",
        ",,,,,,,,,,,,,",  # a wholly empty row
        "2018-03-01,02X,C86003,Carcroft Surgery,2100,GMS,none,,,,1,single-handed",
    ]
    path = write_bytes(tmp_path / "status.csv", status_text(rows, header).encode())
    stored = tables_of(path)["participation"]
    assert stored[["ccg_code", "practice_code", "list_size", "network_code", "gp_count"]].astype(
        object
    ).where(stored.notna(), None).values.tolist() == [
        ["02X", "C86001", 12000, "02X-N01", 5],
        ["02X", "C86002", 12000, "02X-N01", 7],
        ["02X", "C86003", 2100, None, 1],
    ]


def test_one_mistake_on_many_rows_is_said_once_and_every_row_is_counted(tmp_path: Path) -> None:
    # (a problem repeated on many rows is one line with its rows and lines: issue 18 §5)
    rows = [
        f"2018-03-01,02X,C{n:07d},Practice {n},9500,GMS,virtual,02X-N01,Doncaster North,active,5,"
        for n in range(1500)
    ]
    path = write_bytes(tmp_path / "status.csv", status_text(rows).encode())
    read = read_input(path)
    assert (len(read.problems), read.problem_count) == (1, 1500)
    assert str(read.problems[0]) == (
        "status.csv lines 2–1501 (1,500 rows), practice_code: expected a capital letter and 5 digits, "
        'such as C86001 (1,500 different values, such as "C0000000")'
    )


def test_a_workbook_named_as_a_csv_kind_is_told_to_be_saved_as_csv(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "payments.xlsx", {"Payments": [["Practice Code"], ["C86001"]]})
    assert problems_of(path, "payments") == [
        'payments.xlsx: expected a CSV text file; this is an Excel workbook: save its sheet as "CSV UTF-8 '
        '(Comma delimited)"'
    ]

"""Every rule of the data contract rejects a file that breaks it, names the cell, and stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from etl.cli import main
from tests.helpers import (
    MILESTONE_ROWS,
    MILESTONES_HEADER,
    STATUS_HEADER,
    STATUS_ROWS,
    rows_of,
    snapshot,
)


def run(*args: str | Path) -> int:
    with pytest.raises(SystemExit) as exit_:
        main([str(arg) for arg in args])
    code = exit_.value.code
    assert isinstance(code, int)
    return code


def with_cell(rows: list[str], header: str, row: int, column: str, value: str) -> list[str]:
    """A copy of rows with one cell replaced (the test rows hold no quoted commas)."""
    cells = rows[row].split(",")
    cells[header.split(",").index(column)] = value
    return [*rows[:row], ",".join(cells), *rows[row + 1 :]]


STATUS_CASES = [
    # row changed, column, bad value -> what is reported after 'bad.csv line N, '
    (0, "snapshot_date", "2018-13-01",
     'snapshot_date "2018-13-01": no such day: a year has 12 months'),
    (0, "snapshot_date", "31/04/2019", 'snapshot_date "31/04/2019": no such day: April has 30 days'),
    (0, "snapshot_date", "2019-02-29",
     'snapshot_date "2019-02-29": no such day: 2019 is not a leap year: February has 28 days'),
    (0, "snapshot_date", "2019-04", 'snapshot_date "2019-04": expected a date as YYYY-MM-DD or DD/MM/YYYY'),
    (0, "snapshot_date", "", 'snapshot_date "": expected a value; this column must not be empty'),
    (1, "ccg_code", "2X", 'ccg_code "2X": expected 3 or 5 capitals and digits, such as 02X or D4U1Y'),
    (1, "practice_code", "C8601",
     'practice_code "C8601": expected a capital letter and 5 digits, such as C86001'),
    (2, "practice_name", "", 'practice_name "": expected a value; this column must not be empty'),
    (0, "list_size", "-5",
     'list_size "-5": expected a whole number of registered patients from 0 to 250,000'),
    (0, "list_size", "250001",
     'list_size "250001": expected a whole number of registered patients from 0 to 250,000'),
    (0, "list_size", "9500.5",
     'list_size "9500.5": expected a whole number of registered patients from 0 to 250,000'),
    (1, "contract_type", "GPS", 'contract_type "GPS": expected GMS, PMS or APMS'),
    (1, "integration_level", "integrated",
     'integration_level "integrated": expected none, virtual, partial or full'),
    (0, "network_code", "north net",
     'network_code "north net": expected up to 20 capitals, digits or hyphens, or blank when not in '
     "a network"),
    (0, "network_name", "", 'network_name "": expected a network name, because network_code is given'),
    (1, "network_name", "Doncaster Nth",
     'network_name "Doncaster Nth": expected one name for each network code in a snapshot month; '
     '02X-N01 is "Doncaster North" on line 2 and "Doncaster Nth" on line 3'),
    (0, "contract_status", "closed",
     'contract_status "closed": expected active, suspended or blank (active)'),
    (3, "contract_status", "active",
     'contract_status "active": expected suspended, because integration_level is full '
     "(a fully integrated practice suspends its contract)"),
    # suspended without full is reported where the fix belongs: on the level
    (1, "contract_status", "suspended",
     'integration_level "partial": expected full, because contract_status is suspended '
     "(only a fully integrated practice suspends its contract)"),
    (2, "gp_count", "0", 'gp_count "0": expected a whole number of GPs, 1 or more, or blank'),
    (1, "practice_code", "C86001",
     'practice_code "C86001": expected each practice once per snapshot month; this practice appears again'),
]  # fmt: skip


MILESTONE_CASES = [
    (0, "ccg_code", "", 'ccg_code "": expected a value; this column must not be empty'),
    (0, "ccg_code", "02-X", 'ccg_code "02-X": expected 3 or 5 capitals and digits, such as 02X or D4U1Y'),
    (1, "network_code", "N 1",
     'network_code "N 1": expected up to 20 capitals, digits or hyphens, or blank when not in a network'),
    (1, "milestone", "", 'milestone "": expected a value; this column must not be empty'),
    (0, "due_date", "31/09/2018", 'due_date "31/09/2018": no such day: September has 30 days'),
    (1, "achieved_date", "soon", 'achieved_date "soon": expected a date as YYYY-MM-DD or DD/MM/YYYY'),
    (2, "milestone", "ACS designated",
     'milestone "ACS designated": expected each milestone once per CCG and network; this one appears again'),
]  # fmt: skip


RULE_CASES = [
    *[pytest.param("bad.csv", STATUS_HEADER, STATUS_ROWS, *case, id=f"participation-{case[1]}-{case[2]}")
      for case in STATUS_CASES],
    *[pytest.param("bad_milestones.csv", MILESTONES_HEADER, MILESTONE_ROWS, *case,
                   id=f"milestones-{case[1]}-{case[2]}")
      for case in MILESTONE_CASES],
]  # fmt: skip


@pytest.mark.parametrize(("name", "header", "rows", "row", "column", "value", "reported"), RULE_CASES)
def test_load_rejects_a_file_that_breaks_a_rule(
    write_csv: Callable[..., Path],
    status_file: Path,
    milestones_file: Path,
    db: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    header: str,
    rows: list[str],
    row: int,
    column: str,
    value: str,
    reported: str,
) -> None:
    assert run("load", "--db", db, status_file, milestones_file) == 0
    before = snapshot(db)
    bad = write_csv(name, header, with_cell(rows, header, row, column, value))
    capsys.readouterr()

    assert run("load", "--db", db, bad) == 1

    assert capsys.readouterr().err.splitlines() == [
        f"{name}: rejected, 1 problem; nothing was stored",
        f"  {name} line {row + 2}, {reported}",
    ]
    assert snapshot(db) == before


def test_load_reports_every_problem_of_a_file_at_once(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = with_cell(STATUS_ROWS, STATUS_HEADER, 0, "practice_code", "C8601")
    rows = with_cell(rows, STATUS_HEADER, 2, "list_size", "lots")
    rows = with_cell(rows, STATUS_HEADER, 3, "contract_type", "")
    bad = write_csv("status_2018-03.csv", STATUS_HEADER, rows)

    assert run("load", "--db", db, bad) == 1

    assert capsys.readouterr().err.splitlines() == [
        "status_2018-03.csv: rejected, 3 problems; nothing was stored",
        '  status_2018-03.csv line 2, practice_code "C8601": expected a capital letter and 5 digits, '
        "such as C86001",
        '  status_2018-03.csv line 4, list_size "lots": expected a whole number of registered patients '
        "from 0 to 250,000",
        '  status_2018-03.csv line 5, contract_type "": expected a value; this column must not be empty',
    ]
    assert rows_of(db, "select outcome, problems from loads") == [("rejected", 3)]
    assert snapshot(db) == []


def test_a_lines_problems_follow_the_files_column_order(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # line 3: a bad practice code and a second name for 02X-N01 (a check across rows); line 4: a
    # bad list size and gp_count. The file's header puts list_size first and gp_count last: each
    # line's problems come in the header's order, not by column name.
    rows = with_cell(STATUS_ROWS, STATUS_HEADER, 1, "practice_code", "C8602X")
    rows = with_cell(rows, STATUS_HEADER, 1, "network_name", "Doncaster Nort")
    rows = with_cell(rows, STATUS_HEADER, 2, "list_size", "lots")
    rows = with_cell(rows, STATUS_HEADER, 2, "gp_count", "none")
    order = [
        "list_size",
        *[c for c in STATUS_HEADER.split(",") if c not in ("gp_count", "list_size")],
        "gp_count",
    ]
    moved = [
        ",".join(dict(zip(STATUS_HEADER.split(","), row.split(","), strict=True))[c] for c in order)
        for row in rows
    ]
    bad = write_csv("status_2018-03.csv", ",".join(order), moved)

    assert run("load", "--db", db, bad) == 1

    assert capsys.readouterr().err.splitlines()[1:] == [
        '  status_2018-03.csv line 3, practice_code "C8602X": expected a capital letter and 5 digits, '
        "such as C86001",
        '  status_2018-03.csv line 3, network_name "Doncaster Nort": expected one name for each network '
        'code in a snapshot month; 02X-N01 is "Doncaster North" on line 2 and "Doncaster Nort" on line 3',
        '  status_2018-03.csv line 4, list_size "lots": expected a whole number of registered patients '
        "from 0 to 250,000",
        '  status_2018-03.csv line 4, gp_count "none": expected a whole number of GPs, 1 or more, or blank',
    ]


def test_load_names_an_unknown_column_and_a_missing_one(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = STATUS_HEADER.replace("practice_code", "Pratice Code")

    assert run("load", "--db", db, write_csv("typo.csv", header, STATUS_ROWS)) == 1

    err = capsys.readouterr().err
    assert '  typo.csv line 1, column "Pratice Code": not a column of a participation file (a typo?); ' in err
    assert (
        '  typo.csv line 1, column "practice_code": missing; a participation file must have this column'
        in err
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bad.csv: expected a header row and data rows; the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bad.csv: expected a CSV text file, not a binary file"),
        (STATUS_HEADER.encode() + b"\n", "bad.csv: expected at least one data row below the header"),
        (
            (STATUS_HEADER + "\n" + STATUS_ROWS[0] + ",extra\n").encode(),
            "bad.csv line 2: expected 12 fields as in the header, found 13",
        ),
        (
            b"name,colour\nalpha,red\n",
            "bad.csv: expected a participation status file, a milestones file or an official NHS file "
            "(payments, epraccur, eccg, ePCN, list-size mapping, list sizes); its content matches none "
            "of them (name the kind with --kind)",
        ),
    ],
    ids=["empty", "binary", "header only", "too many fields", "unknown kind"],
)
def test_load_explains_a_file_it_cannot_read_in_one_sentence(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)

    assert run("load", "--db", db, bad) == 1

    assert f"  {message}" in capsys.readouterr().err.splitlines()


def test_report_writes_the_problems_as_csv(write_csv: Callable[..., Path], db: Path, tmp_path: Path) -> None:
    bad = write_csv("bad.csv", STATUS_HEADER, with_cell(STATUS_ROWS, STATUS_HEADER, 1, "gp_count", "none"))
    report = tmp_path / "problems.csv"

    assert run("check", "--report", report, bad) == 1

    assert report.read_text().splitlines() == [
        "file,line,column,value,problem",
        'bad.csv,3,gp_count,none,"bad.csv line 3, gp_count ""none"": expected a whole number of GPs, '
        '1 or more, or blank"',
    ]


def test_a_missing_file_or_an_unknown_option_is_a_usage_error(
    db: Path, status_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("load", "--db", db, "no_such_file.csv") == 2
    assert capsys.readouterr().err == "error: no such file: no_such_file.csv\n"
    assert run("load", "--frobnicate", status_file) == 2
    assert not db.exists()

"""`etl check` says everything it did and did not check: a return checked without a database says
that its practice codes were not checked against the register, and a return checked against one
is told every problem in one round, each register problem with the lines it was found on."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.api import check_files
from etl.cli import main
from tests.helpers import STATUS_HEADER, STATUS_ROWS, write_register

NOT_CHECKED = "not checked against the practice register, because no database was given"
HOW_TO_CHECK = "(add --db PATH to check it against a tracker database's register)"


def run_etl(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    """`python -m etl ARGS` in this process: exit code, stdout and stderr lines."""
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out.splitlines(), err.splitlines()


def test_a_return_checked_without_a_database_says_the_register_was_not_consulted(
    status_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_etl(capsys, "check", str(status_file))
    assert (code, err) == (0, [])
    assert out == [
        "status_2018-03.csv: OK, 4 rows of participation for March 2018, CCG 02X",
        f"  status_2018-03.csv: {NOT_CHECKED} {HOW_TO_CHECK}",
    ]


def test_a_return_with_problems_checked_without_a_database_says_so_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "status_2018-03.csv"
    bad.write_text("\n".join([STATUS_HEADER, STATUS_ROWS[0].replace("C86001", "C8601")]) + "\n")
    code, out, err = run_etl(capsys, "check", str(bad))
    assert code == 1
    assert err[0] == "status_2018-03.csv: 1 problem"
    assert out == [f"  status_2018-03.csv: {NOT_CHECKED} {HOW_TO_CHECK}"]


def test_the_api_says_what_a_check_without_a_database_left_unchecked(
    status_file: Path, milestones_file: Path, official_db: Path, tmp_path: Path
) -> None:
    register = write_register(tmp_path / "epraccur_copy.csv")
    alone = check_files([status_file, milestones_file, register])
    assert [f.unchecked for f in alone] == [NOT_CHECKED, None, None]
    assert [f.problems for f in alone] == [[], [], []]
    # against a database with a register, the return was checked against it: nothing left unsaid
    [against] = check_files([status_file], official_db)
    assert against.unchecked is None


def test_a_return_checked_against_a_database_says_nothing_of_a_missing_database(
    status_file: Path, official_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, err = run_etl(capsys, "check", "--db", str(official_db), str(status_file))
    assert not any(NOT_CHECKED in line for line in out + err)

"""The two guards of SPEC 2.1: one slip in a participation file never destroys good data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from etl.cli import main
from tests.helpers import STATUS_HEADER, STATUS_ROWS, rows_of, snapshot

JANUARY = [row.replace("2018-03-01", "2018-01-01") for row in STATUS_ROWS]


def not_checked(name: str) -> str:
    """What a load says of a return when no practice register is loaded."""
    return (
        f"  warning: {name}: not checked against the practice register, because none is loaded "
        "(load an epraccur file to check returns against it)\n"
    )


def load(db: Path, capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(["load", "--db", str(db), *map(str, args)])
    said = capsys.readouterr()
    return int(exit_.value.code or 0), said.out, said.err


def test_a_mistyped_date_cannot_replace_a_month_with_fewer_than_half_the_practices(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(db, capsys, write_csv("status_2018-01.csv", STATUS_HEADER, JANUARY))
    before = snapshot(db)
    # a March file in which one row's date was typed as 03/01/2018 (3 January)
    march = [*STATUS_ROWS[:3], STATUS_ROWS[3].replace("2018-03-01", "03/01/2018")]

    said = load(db, capsys, write_csv("status_2018-03.csv", STATUS_HEADER, march))

    assert said == (
        1,
        not_checked("status_2018-03.csv"),
        "status_2018-03.csv: rejected, 1 problem; nothing was stored\n"
        "  status_2018-03.csv: would replace the 4 practices stored for 02X in January 2018 with 1, "
        "fewer than half; the file's name says March 2018 (a mistyped snapshot date?); "
        "if January 2018 is right, load it with --replace\n",
    )
    assert snapshot(db) == before
    assert rows_of(db, "select outcome, problems from loads order by load_id") == [
        ("loaded", 0),
        ("rejected", 1),
    ]


def test_a_file_whose_name_names_no_month_is_refused_without_a_guess(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(db, capsys, write_csv("status_2018-01.csv", STATUS_HEADER, JANUARY))

    said = load(db, capsys, write_csv("doncaster.csv", STATUS_HEADER, JANUARY[:1]))

    assert said[2].splitlines()[1] == (
        "  doncaster.csv: would replace the 4 practices stored for 02X in January 2018 with 1, "
        "fewer than half (a mistyped snapshot date?); if January 2018 is right, load it with --replace"
    )


def test_a_file_named_for_the_month_it_shrinks_says_no_other_month(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(db, capsys, write_csv("status_2018-01.csv", STATUS_HEADER, JANUARY))

    said = load(db, capsys, write_csv("Doncaster January 2018.csv", STATUS_HEADER, JANUARY[:1]))

    assert "fewer than half (a mistyped snapshot date?)" in said[2]
    assert "name says" not in said[2]


def test_replace_lets_a_smaller_month_through(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(db, capsys, write_csv("status_2018-01.csv", STATUS_HEADER, JANUARY))

    said = load(db, capsys, "--replace", write_csv("one.csv", STATUS_HEADER, JANUARY[:1]))

    assert said == (
        0,
        "one.csv: loaded 1 row of participation for January 2018, CCG 02X\n" + not_checked("one.csv"),
        "",
    )
    assert rows_of(db, "select count(*) from practice_status") == [(1,)]


def test_half_as_many_practices_is_not_refused(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(db, capsys, write_csv("status_2018-01.csv", STATUS_HEADER, JANUARY))

    assert load(db, capsys, write_csv("two.csv", STATUS_HEADER, JANUARY[:2]))[0] == 0


def test_a_practice_cannot_be_stored_under_two_ccgs_in_one_month(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(db, capsys, write_csv("status_02x.csv", STATUS_HEADER, STATUS_ROWS))
    before = snapshot(db)
    moved = [row.replace(",02X,", ",08C,") for row in STATUS_ROWS[:2]]

    said = load(db, capsys, write_csv("status_08c.csv", STATUS_HEADER, moved))

    assert said == (
        1,
        not_checked("status_08c.csv"),
        "status_08c.csv: rejected, 1 problem; nothing was stored\n"
        "  status_08c.csv: 2 practices (C86001, C86002) listed under 08C for March 2018 are stored under "
        "02X for that month; a practice belongs to one CCG a month: include 02X's rows for March 2018 in "
        "this file to replace them, or correct the CCG\n",
    )
    assert snapshot(db) == before


def test_a_file_that_also_replaces_the_other_ccg_may_move_a_practice(
    write_csv: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(db, capsys, write_csv("status_02x.csv", STATUS_HEADER, STATUS_ROWS))
    moved = [STATUS_ROWS[0].replace(",02X,", ",08C,"), *STATUS_ROWS[1:]]

    assert load(db, capsys, write_csv("moved.csv", STATUS_HEADER, moved))[0] == 0
    assert rows_of(db, "select ccg_code, count(*) from practice_status group by 1 order by 1") == [
        ("02X", 3),
        ("08C", 1),
    ]

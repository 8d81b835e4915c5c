"""Official files that say what cannot be: a spell that ends before it starts, a date after the day
of the load. Each is a problem naming the cell, and nothing of the file is stored (issue 19 item 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tests.helpers
from etl.api import load_files
from tests.helpers import REGISTER, rows_of, write_epcn, write_register
from tests.sources.helpers import problems_of


def spoken(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_a_spell_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    spells = [
        ["C86001", "GREAT NORTH MEDICAL GROUP", "U30587", "DONCASTER NORTH PCN", "20200401", "20200331"],
        [
            "C86003",
            "HATFIELD HEALTH CENTRE",
            "U54853",
            "DONCASTER EAST PCN",
            "20191001",
            "20191001",
        ],  # one day
    ]
    epcn = write_epcn(tmp_path / "ePCN.xlsx", spells=spells)
    db = tmp_path / "tracker.duckdb"

    assert problems_of(epcn) == [
        'ePCN.xlsx line 2, sheet PCN Core Partner Details, Practice to PCN Relationship End Date "20200331": '
        "expected an end date no earlier than the start date on this line"
    ]
    assert [r.summary() for r in load_files([epcn], db)] == [
        "ePCN.xlsx: rejected, 1 problem; nothing was stored"
    ]
    assert rows_of(db, "select count(*) from network_membership") == [(0,)]


def test_a_practice_opening_in_2099_is_a_problem_not_the_release_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: dt.date
) -> None:
    db = tmp_path / "tracker.duckdb"
    real = write_register(tmp_path / "epraccur_2023.csv")
    monkeypatch.setattr(
        tests.helpers, "REGISTER", [*REGISTER, ("C86009", "LATER SURGERY", "20990101", "", "02X", "4")]
    )
    bogus = write_register(tmp_path / "epraccur_bogus.csv")

    assert problems_of(bogus) == [
        f'epraccur_bogus.csv, open_date "2099-01-01": expected a date no later than today, {spoken(today)}: '
        "a file records the past (practice C86009)"
    ]
    results = load_files([bogus, real], db)

    assert [r.outcome for r in results] == ["rejected", "loaded"]
    assert rows_of(db, "select file_name, outcome, release_date from loads order by file_name") == [
        ("epraccur_2023.csv", "loaded", dt.date(2019, 12, 10)),
        ("epraccur_bogus.csv", "rejected", None),
    ]
    assert rows_of(db, "select count(*) from official_practices where practice_code = 'C86009'") == [(0,)]


def test_a_spell_starting_after_today_is_refused_too(tmp_path: Path, today: dt.date) -> None:
    spells = [["C86001", "GREAT NORTH MEDICAL GROUP", "U30587", "DONCASTER NORTH PCN", "20990101", None]]
    epcn = write_epcn(tmp_path / "ePCN.xlsx", spells=spells)

    assert problems_of(epcn) == [
        f'ePCN.xlsx, start_date "2099-01-01": expected a date no later than today, {spoken(today)}: '
        "a file records the past (practice C86001)"
    ]

"""Loading: what is stored, what is replaced, what is skipped, and what is recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from etl.store import load_files
from tests.helpers import MILESTONE_ROWS, MILESTONES_HEADER, STATUS_HEADER, STATUS_ROWS, rows_of


def outcomes(db: Path, *paths: Path, replace: bool = False) -> list[str]:
    return [result.outcome for result in load_files(list(paths), db, replace=replace)]


def test_load_stores_normalised_rows_in_practice_status(status_file: Path, db: Path) -> None:
    assert outcomes(db, status_file) == ["loaded"]

    assert rows_of(db, "select * exclude (load_id) from practice_status order by practice_code") == [
        (date(2018, 3, 1), "02X", "C86001", "Askern Medical Practice", 9500, "GMS", "virtual",
         "02X-N01", "Doncaster North", "active", 5, None),
        (date(2018, 3, 1), "02X", "C86002", "Bawtry Surgery", 12000, "PMS", "partial",
         "02X-N01", "Doncaster North", "active", 7, None),
        (date(2018, 3, 1), "02X", "C86003", "Carcroft Surgery", 2100, "GMS", "none",
         None, None, "active", 1, "single-handed"),
        (date(2018, 3, 1), "02X", "C86004", "Denaby Health Centre", 8000, "APMS", "full",
         "02X-N02", "Doncaster South", "suspended", 4, None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("encoding", "newline", "header"),
    [
        ("utf-8", "\n", STATUS_HEADER),
        ("utf-8-sig", "\r\n", STATUS_HEADER),
        ("cp1252", "\r\n", STATUS_HEADER),
        ("utf-8", "\n", STATUS_HEADER.upper().replace("_", " ")),
        ("utf-8", "\n", " Snapshot-Date , CCG Code ,Practice code" + STATUS_HEADER[36:]),
    ],
    ids=["utf-8", "utf-8 with BOM and CRLF", "windows-1252", "spaced capitals", "hyphens and spaces"],
)
def test_load_accepts_encodings_line_endings_and_header_variants(
    write_csv: Callable[..., Path], db: Path, encoding: str, newline: str, header: str
) -> None:
    rows = [row.replace("Askern Medical Practice", "Askern Médical Practice") for row in STATUS_ROWS]
    path = write_csv("status.csv", header, rows, encoding=encoding, newline=newline)

    assert outcomes(db, path) == ["loaded"]

    assert rows_of(db, "select practice_name from practice_status order by practice_code")[0] == (
        "Askern Médical Practice",
    )


def test_load_reads_uk_dates_synonyms_and_any_case(write_csv: Callable[..., Path], db: Path) -> None:
    row = "15/03/2018,02X,C86009,Edlington Practice,4000,gms,Partially Integrated,02X-N01,North,,,"
    assert outcomes(db, write_csv("status.csv", STATUS_HEADER, [row])) == ["loaded"]

    stored = "select snapshot_date, contract_type, integration_level, contract_status from practice_status"
    assert rows_of(db, stored) == [(date(2018, 3, 1), "GMS", "partial", "active")]


def test_loading_the_same_content_twice_changes_nothing_and_says_so(
    status_file: Path, db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy_of_status.csv"
    copy.write_bytes(status_file.read_bytes())

    assert outcomes(db, status_file) == ["loaded"]
    before = rows_of(db, "select * from practice_status order by all")
    results = load_files([status_file, copy], db)

    assert [r.summary() for r in results] == [
        "status_2018-03.csv: already loaded, nothing changed",
        "copy_of_status.csv: already loaded, nothing changed",
    ]
    assert rows_of(db, "select * from practice_status order by all") == before
    assert rows_of(db, "select outcome from loads order by load_id") == [
        ("loaded",),
        ("unchanged",),
        ("unchanged",),
    ]


def test_a_corrected_file_replaces_its_month_and_ccg_and_nothing_else(
    write_csv: Callable[..., Path], status_file: Path, db: Path
) -> None:
    other_ccg = "2018-03-01,08C,E85001,Brook Green Medical Centre,11000,GMS,none,,,,,"
    other_month = STATUS_ROWS[0].replace("2018-03-01", "2018-04-01")
    others = write_csv("others.csv", STATUS_HEADER, [other_ccg, other_month])
    corrected = write_csv("status_2018-03_v2.csv", STATUS_HEADER, [STATUS_ROWS[0].replace("9500", "9600")])

    # one row replacing four needs --replace (SPEC 2.1)
    assert outcomes(db, status_file, others, corrected, replace=True) == ["loaded", "loaded", "loaded"]

    stored = "select snapshot_date, ccg_code, practice_code, list_size from practice_status order by all"
    assert rows_of(db, stored) == [
        (date(2018, 3, 1), "02X", "C86001", 9600),
        (date(2018, 3, 1), "08C", "E85001", 11000),
        (date(2018, 4, 1), "02X", "C86001", 9500),
    ]


def test_reloading_a_superseded_file_restores_it(
    write_csv: Callable[..., Path], status_file: Path, db: Path
) -> None:
    corrected = write_csv("v2.csv", STATUS_HEADER, [STATUS_ROWS[0]])

    assert outcomes(db, status_file, corrected, status_file, replace=True) == ["loaded", "loaded", "loaded"]

    assert rows_of(db, "select count(*) from practice_status") == [(4,)]


def test_a_milestones_file_replaces_the_register_of_its_ccgs(
    write_csv: Callable[..., Path], milestones_file: Path, db: Path
) -> None:
    other_ccg = write_csv("m_08c.csv", MILESTONES_HEADER, ["08C,,ACS designated,2019-03-31,,,"])
    update = write_csv(
        "m_02x.csv", MILESTONES_HEADER, [MILESTONE_ROWS[0].replace(",,CCG", ",2018-10-02,CCG")]
    )

    assert outcomes(db, milestones_file, other_ccg, update) == ["loaded", "loaded", "loaded"]

    assert rows_of(db, "select ccg_code, milestone, achieved_date from milestones order by all") == [
        ("02X", "ACS designated", date(2018, 10, 2)),
        ("08C", "ACS designated", None),
    ]


def test_every_attempt_is_recorded_with_its_months_ccgs_and_outcome(
    write_csv: Callable[..., Path], status_file: Path, milestones_file: Path, db: Path
) -> None:
    bad = write_csv("bad.csv", STATUS_HEADER, [STATUS_ROWS[0].replace("C86001", "C8601")])

    load_files([status_file, milestones_file, bad, status_file], db)

    assert rows_of(
        db,
        "select file_name, kind, rows, snapshot_months, ccgs, outcome, problems from loads order by load_id",
    ) == [
        ("status_2018-03.csv", "participation", 4, "2018-03", "02X", "loaded", 0),
        ("milestones.csv", "milestones", 3, None, "02X", "loaded", 0),
        ("bad.csv", "participation", None, None, None, "rejected", 1),
        ("status_2018-03.csv", "participation", 4, "2018-03", "02X", "unchanged", 0),
    ]
    assert rows_of(db, "select line, column_name, value from load_problems") == [
        (2, "practice_code", "C8601")
    ]
    assert len(rows_of(db, "select content_hash from loads")[0][0]) == 64


def test_one_bad_file_does_not_stop_the_good_ones(
    write_csv: Callable[..., Path], status_file: Path, milestones_file: Path, db: Path
) -> None:
    bad = write_csv("bad.csv", STATUS_HEADER, [STATUS_ROWS[0].replace("GMS", "XMS")])

    assert outcomes(db, bad, status_file, milestones_file) == ["rejected", "loaded", "loaded"]
    assert rows_of(db, "select count(*) from practice_status") == [(4,)]

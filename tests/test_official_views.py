"""The official views and the template, on a handful of practices whose spells we know."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from etl.cli import main
from etl.store import load_files
from tests.helpers import SPELLS, rows_of, write_epcn, write_register


def test_official_practices_holds_the_gp_practices_of_the_register(official_db: Path) -> None:
    sql = "select practice_code, ccg_code, close_date, status, source from official_practices order by 1"
    assert rows_of(official_db, sql) == [
        ("C86001", "02X", None, "active", "epraccur.csv"),
        ("C86002", "02X", date(2019, 11, 15), "closed", "epraccur.csv"),
        ("C86003", "02X", None, "active", "epraccur.csv"),
        ("C86004", "02X", None, "active", "epraccur.csv"),
        ("E85001", "08C", None, "active", "epraccur.csv"),
    ]  # fmt: skip


def test_network_membership_has_one_row_per_spell(official_db: Path) -> None:
    sql = "select practice_code, network_code, start_date, end_date from network_membership order by 1"
    assert rows_of(official_db, sql) == [
        ("C86001", "U30587", date(2019, 10, 1), None),
        ("C86002", "U30587", date(2019, 10, 1), None),
        ("C86003", "U54853", date(2019, 12, 20), None),
        ("C86004", "U54853", date(2019, 10, 1), date(2019, 10, 31)),
    ]  # fmt: skip


def test_official_coverage_counts_open_practices_in_a_network_on_each_months_last_day(
    official_db: Path,
) -> None:
    # October: C86004's spell ends on the 31st, which still counts. November: C86002 has closed,
    # C86004 has left. December: C86003 opened on the 10th and joined on the 20th.
    assert rows_of(official_db, "select * from official_coverage") == [
        (date(2019, 10, 31), "02X", 3, 3, "epcn"),
        (date(2019, 10, 31), "08C", 1, 0, "epcn"),
        (date(2019, 11, 30), "02X", 2, 1, "epcn"),
        (date(2019, 11, 30), "08C", 1, 0, "epcn"),
        (date(2019, 12, 31), "02X", 3, 2, "epcn"),
        (date(2019, 12, 31), "08C", 1, 0, "epcn"),
    ]


def test_a_newer_list_size_release_gives_the_list_size_and_the_register_the_rest(
    official_db: Path, tmp_path: Path
) -> None:
    sizes = tmp_path / "gp-reg-pat-prac-all.csv"
    sizes.write_text(
        "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n"
        "GP_PRAC_PAT_LIST,01JAN2020,GP,02X,E38000044,C86001,DN6 8AG,ALL,ALL,12345\n"
    )
    load_files([sizes], official_db)

    sql = "select practice_name, ccg_code, list_size, source from official_practices where practice_code = ?"
    assert rows_of(official_db, sql, ["C86001"]) == [
        ("GREAT NORTH MEDICAL GROUP", "02X", 12345, "epraccur.csv")
    ]  # fmt: skip


def test_reloading_an_official_file_changes_nothing(official_db: Path, tmp_path: Path) -> None:
    results = load_files([tmp_path / "epraccur.csv"], official_db)

    assert results[0].summary() == "epraccur.csv: already loaded, nothing changed"


def test_template_prefills_the_practices_open_that_month_and_leaves_unknowns_blank(
    official_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "status_2019-12.csv"

    with pytest.raises(SystemExit) as exit_:
        main(["template", "--db", str(official_db), "--ccg", "02x", "--month", "2019-12", "--out", str(out)])

    assert exit_.value.code == 0
    assert capsys.readouterr().out == (
        f"{out}: 3 practices of 02X for December 2019; left for the lead to complete: list_size, "
        "contract_type, integration_level, contract_status, gp_count, notes\n"
    )
    assert list(csv.reader(out.open())) == [
        ["snapshot_date", "ccg_code", "practice_code", "practice_name", "list_size", "contract_type",
         "integration_level", "network_code", "network_name", "contract_status", "gp_count", "notes"],
        ["2019-12-01", "02X", "C86001", "GREAT NORTH MEDICAL GROUP", "", "", "",
         "U30587", "DONCASTER NORTH PCN", "", "", ""],
        ["2019-12-01", "02X", "C86003", "HATFIELD HEALTH CENTRE", "", "", "",
         "U54853", "DONCASTER EAST PCN", "", "", ""],
        ["2019-12-01", "02X", "C86004", "DENABY HEALTH CENTRE", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip


def test_a_completed_template_loads(official_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "status_2019-12.csv"
    with pytest.raises(SystemExit):
        main(["template", "--db", str(official_db), "--ccg", "02X", "--month", "2019-12", "--out", str(out)])
    rows = list(csv.reader(out.open()))
    for row in rows[1:]:
        row[4:7] = ["8000", "GMS", "virtual" if row[7] else "none"]
    with out.open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)

    assert [r.outcome for r in load_files([out], official_db)] == ["loaded"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--ccg", "99Z", "--month", "2019-12"], 1,
         "error: the official data list no practice of 99Z open in December 2019; "
         "check the CCG code, or load the register (epraccur or payments) for that time\n"),
        (["--ccg", "02X", "--month", "2019-13"], 2,
         "error: --month '2019-13': expected a month as YYYY-MM from 1900-01 to 2199-12, such as 2019-12\n"),
    ],
)  # fmt: skip
def test_template_explains_what_it_cannot_do(
    official_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["template", "--db", str(official_db), "--out", str(tmp_path / "t.csv"), *args])

    assert exit_.value.code == code
    assert message in capsys.readouterr().err


def test_template_without_official_data_says_what_to_load(
    tmp_path: Path, status_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tracker_only.duckdb"
    load_files([status_file], db)

    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "template",
                "--db",
                str(db),
                "--ccg",
                "02X",
                "--month",
                "2019-12",
                "--out",
                str(tmp_path / "t.csv"),
            ]
        )

    assert exit_.value.code == 1
    assert "the official data list no practice of 02X open in December 2019" in capsys.readouterr().err


def test_loading_official_files_says_what_each_held(tmp_path: Path) -> None:
    register = write_register(tmp_path / "epraccur.csv")
    epcn = write_epcn(tmp_path / "ePCN.xlsx", details_sheet="PCN Details", layout=2019, spells=SPELLS)

    results = load_files([register, epcn], tmp_path / "tracker.duckdb")

    assert [r.summary() for r in results] == [
        "epraccur.csv: loaded epraccur: 5 practices",
        "ePCN.xlsx: loaded epcn: 2 networks, 4 membership spells",
    ]

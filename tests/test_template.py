"""python -m etl template: a participation file for the lead, prefilled, as CSV or Excel."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from etl.cli import main
from etl.store import load_files
from tests.helpers import STATUS_HEADER, rows_of, write_payments

HEADER = STATUS_HEADER.split(",")  # the tracker's columns, in order


@pytest.fixture
def with_payments(official_db: Path, tmp_path: Path) -> Path:
    payments = write_payments(
        tmp_path / "payments.csv",
        [("02X", "C86001", "GREAT NORTH", "01/04/1974", "", "GMS"),
         ("02X", "C86003", "HATFIELD", "10/12/2019", "", "PMS")],
    )  # fmt: skip
    assert [r.outcome for r in load_files([payments], official_db)] == ["loaded"]
    return official_db


def template(db: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(["template", "--db", str(db), "--ccg", "02X", "--month", "2019-12", "--out", str(out)])
    said = capsys.readouterr()
    return int(exit_.value.code or 0), said.out, said.err


def test_template_prefills_list_size_and_contract_type_and_says_what_is_left(
    with_payments: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "status.csv"

    assert template(with_payments, out, capsys) == (
        0,
        f"{out}: 3 practices of 02X for December 2019; left for the lead to complete: "
        "list_size (1 practice), contract_type (1 practice), integration_level, contract_status, "
        "gp_count, notes\n",
        "",
    )
    assert [row[2:6] for row in csv.reader(out.open())][1:] == [
        ["C86001", "GREAT NORTH MEDICAL GROUP", "5000", "GMS"],
        ["C86003", "HATFIELD HEALTH CENTRE", "5000", "PMS"],
        ["C86004", "DENABY HEALTH CENTRE", "", ""],
    ]


def test_template_writes_a_workbook_with_drop_down_lists_real_dates_and_the_columns_explained(
    with_payments: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "status.xlsx"

    assert template(with_payments, out, capsys)[0] == 0

    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["participation", "columns"]
    sheet = workbook["participation"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][:6] == (datetime(2019, 12, 1), "02X", "C86001", "GREAT NORTH MEDICAL GROUP", 5000, "GMS")
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    # the 3 prefilled rows and 1,000 more below them, for practices the lead adds
    assert lists == {
        "F2:F1004": '"GMS,PMS,APMS"',
        "G2:G1004": '"none,virtual,partial,full"',
        "J2:J1004": '"active,suspended"',
    }
    assert sheet.max_row == 4  # the rows below stay empty
    explained = {column: what for column, what in list(workbook["columns"].iter_rows(values_only=True))[1:]}
    assert list(explained) == HEADER
    assert explained["integration_level"] == (
        "Required. none, virtual, partial or full (full: the contract is suspended)."
    )


def test_a_completed_workbook_template_loads(
    with_payments: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "status.xlsx"
    template(with_payments, out, capsys)
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["participation"]
    for row in sheet.iter_rows(min_row=2):
        row[4].value = row[4].value or 8000
        row[5].value = row[5].value or "GMS"
        row[6].value = "virtual" if row[7].value else "none"
    workbook.save(out)

    assert [r.summary() for r in load_files([out], with_payments)] == [
        "status.xlsx: loaded 3 rows of participation for December 2019, CCG 02X"
    ]
    assert rows_of(with_payments, "select count(*) from practice_months where source = 'tracker'") == [(3,)]


def test_template_to_a_missing_folder_says_so_in_one_line(
    official_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "status.xlsx"

    assert template(official_db, out, capsys) == (
        2,
        "",
        f"error: --out {out}: no such folder {out.parent}\n",
    )


def test_template_from_a_file_that_is_not_a_database_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n")

    assert template(notes, tmp_path / "status.csv", capsys) == (
        2,
        "",
        f"error: {notes} is a file of another kind, not a tracker database; choose another --db\n",
    )


NHS_DATA = Path(__file__).resolve().parents[2] / "shared" / "nhs-data"


@pytest.mark.slow
@pytest.mark.skipif(not NHS_DATA.is_dir(), reason="needs ../shared/nhs-data")
def test_a_template_for_an_area_that_had_closed_names_the_area_that_took_its_practices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tracker.duckdb"
    # the register of 2023 gives 03M's practices to 42D; the payments of 2018/19 listed them under 03M
    files = [
        NHS_DATA / "ods" / "epraccur_2023-02.csv",
        NHS_DATA / "ods" / "eccg_2024.csv",
        NHS_DATA / "payments" / "nhs-payments-to-general-practice_2018-19.csv",
    ]
    assert [r.outcome for r in load_files(files, db)] == ["loaded"] * 3
    out = tmp_path / "status.csv"

    with pytest.raises(SystemExit) as exit_:
        main(["template", "--db", str(db), "--ccg", "03M", "--month", "2024-10", "--out", str(out)])

    assert exit_.value.code == 1
    assert capsys.readouterr().err == (
        "error: 03M closed on 31 March 2020 and its practices are now under 42D; "
        "make the template for 42D (--ccg 42D)\n"
    )
    assert not out.exists()

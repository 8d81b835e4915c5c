"""ODS's two ePCN reports (the workbook's sheets as CSVs without a header): read as the epcn kind,
and loaded together they give what the workbook gives."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from etl.sources import read_input
from etl.store import load_files
from tests.helpers import rows_of
from tests.nhs_sites import EPCN_WORKBOOK, NHS_DATA, epcn_reports

pytestmark = pytest.mark.skipif(not EPCN_WORKBOOK.exists(), reason="needs ../shared/nhs-data")

EPCN_2022 = NHS_DATA / "epcn" / "ePCN_2022-02.xlsx"
SHEETS = {"epcn": "PCNDetails", "epcncorepartnerdetails": "PCN Core Partner Details"}


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, Path]:
    """The two reports, as ODS serves them, built from the October 2024 workbook."""
    paths = {}
    for name, data in epcn_reports().items():
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_bytes(data)
    return paths


def sheet_rows(title: str) -> list[tuple]:
    """An independent count: the sheet's rows below its header, as openpyxl reads them."""
    workbook = openpyxl.load_workbook(EPCN_WORKBOOK, read_only=True)
    try:
        return list(workbook[title].iter_rows(values_only=True))[1:]
    finally:
        workbook.close()


def test_the_reports_are_headerless_csvs_of_the_workbooks_sheets(reports: dict[str, Path]) -> None:
    for name, path in reports.items():
        rows = list(csv.reader(io.StringIO(path.read_text())))
        assert len(rows) == len(sheet_rows(SHEETS[name]))
        assert {len(row) for row in rows} == {12 if name == "epcn" else 11}


@pytest.mark.slow
def test_each_report_is_read_as_epcn_with_its_half_of_the_workbook(reports: dict[str, Path]) -> None:
    details, partners = read_input(reports["epcn"]), read_input(reports["epcncorepartnerdetails"])
    assert (details.kind, details.problems, list(details.tables)) == ("epcn", [], ["official_networks"])
    assert (partners.kind, partners.problems, list(partners.tables)) == ("epcn", [], ["official_membership"])
    assert details.rows == len(sheet_rows("PCNDetails")) == 1366
    assert partners.rows == len(sheet_rows("PCN Core Partner Details")) == 7705
    # the release-date rule of the workbook: the newest date the content holds
    assert details.release_date == partners.release_date == dt.date(2024, 10, 1)
    assert read_input(EPCN_WORKBOOK).release_date == dt.date(2024, 10, 1)


def test_a_report_with_a_bad_cell_is_rejected_naming_its_line_and_column(tmp_path: Path) -> None:
    lines = epcn_reports()["epcncorepartnerdetails"].decode().splitlines()
    lines[2] = lines[2].replace('"20191001"', '"2019-10-01"', 1)
    path = tmp_path / "epcncorepartnerdetails.csv"
    path.write_text("\n".join(lines) + "\n")
    checked = read_input(path)
    assert [str(p) for p in checked.problems] == [
        'epcncorepartnerdetails.csv line 3, column 9 (relationship start date) "2019-10-01": '
        "expected a date as YYYYMMDD"
    ]


MEMBERSHIP = "select * exclude (source) from network_membership order by all"
COVERAGE = "select * from official_coverage order by all"
PRACTICE_MONTHS = "select * from practice_months_official order by all"


def views(db: Path) -> dict[str, list[tuple]]:
    return {sql: rows_of(db, sql) for sql in (MEMBERSHIP, COVERAGE, PRACTICE_MONTHS)}


@pytest.mark.slow
def test_both_reports_give_the_views_the_workbook_gives(reports: dict[str, Path], tmp_path: Path) -> None:
    base = [NHS_DATA / "ods" / "epraccur_2026-02.csv", EPCN_2022]
    workbook_db, reports_db, one_by_one_db = (tmp_path / f"{n}.duckdb" for n in ("wb", "rep", "apart"))
    load_files([*base, EPCN_WORKBOOK], workbook_db)
    load_files([*base, reports["epcn"], reports["epcncorepartnerdetails"]], reports_db)
    load_files(base, one_by_one_db)
    for name in ("epcncorepartnerdetails", "epcn"):  # the halves in two loads, the other way round
        load_files([reports[name]], one_by_one_db)
    expected = views(workbook_db)
    assert views(reports_db) == expected
    assert views(one_by_one_db) == expected
    current = [row for row in sheet_rows("PCN Core Partner Details") if not row[9]]
    in_force = rows_of(reports_db, "select count(*) from network_membership where end_date is null")[0][0]
    assert in_force == len(current) == 6224  # README: 7,705 spells, 6,224 current
    sources = rows_of(reports_db, "select distinct source from network_membership where end_date is null")
    assert sources == [("epcncorepartnerdetails.csv",)]


@pytest.mark.slow
def test_the_partner_report_alone_moves_membership_on_and_the_details_alone_do_not(
    reports: dict[str, Path], tmp_path: Path
) -> None:
    older, details_only, partners_only = (tmp_path / f"{n}.duckdb" for n in ("old", "details", "partners"))
    base = [NHS_DATA / "ods" / "epraccur_2023-02.csv", EPCN_2022]
    load_files(base, older)
    load_files([*base, reports["epcn"]], details_only)
    load_files([*base, reports["epcncorepartnerdetails"]], partners_only)
    last_month = "select max(month) from official_coverage"
    assert rows_of(older, last_month) == [(dt.date(2022, 4, 30),)]  # its newest date: 1 April 2022
    # the PCN details list no practice: the months stay where the membership the tracker has ends
    assert views(details_only) == views(older)
    assert rows_of(details_only, "select count(*) from official_networks")[0][0] == 1303 + 1366
    # the core partners alone are the membership: the months run on to their release
    assert rows_of(partners_only, last_month) == [(dt.date(2024, 10, 31),)]
    workbook = tmp_path / "workbook.duckdb"
    load_files([*base, EPCN_WORKBOOK], workbook)
    assert rows_of(partners_only, MEMBERSHIP) == rows_of(workbook, MEMBERSHIP)


def test_a_csv_named_as_epcn_that_is_neither_report_says_which_layouts_are_read(tmp_path: Path) -> None:
    path = tmp_path / "pcns.csv"
    path.write_text("PCN Code,PCN Name\nU30587,DONCASTER NORTH PCN\n")
    assert [str(p) for p in read_input(path, "epcn").problems] == [
        "pcns.csv: expected an ePCN workbook, or an ODS report without a header: epcn (12 fields, "
        "a PCN code first) or epcncorepartnerdetails (11 fields, a practice code first)"
    ]

"""ePCN workbooks: every year's layout, formulas, dates however stored, and their problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.sources.helpers import (
    FIXTURES,
    cache_formula_values,
    day,
    kind_of,
    problems_of,
    row_of,
    tables_of,
    write_epcn,
)


def test_epcn_2019_reads_numbers_as_dates_and_formulas_as_their_values() -> None:
    frames = tables_of(FIXTURES / "ePCN_2019-12.xlsx", "epcn")
    networks, spells = frames["official_networks"], frames["official_membership"]
    assert (len(networks), len(spells)) == (8, 10)
    assert row_of(spells, practice_code="A83005") == {
        "practice_code": "A83005",
        "network_code": "U45102",
        "network_name": "DARLINGTON PCN",
        "start_date": day("2019-10-01"),
        "end_date": pd.NaT,
    }
    assert row_of(networks, network_code="U30587")["ccg_code"] == "02X"


def test_epcn_2022_gives_one_row_per_spell_of_a_practice_that_moved() -> None:
    frames = tables_of(FIXTURES / "ePCN_2022-02.xlsx", "epcn")
    networks, spells = frames["official_networks"], frames["official_membership"]
    assert (len(networks), len(spells), spells["end_date"].notna().sum()) == (11, 14, 5)
    beacon = spells[spells["practice_code"] == "B81003"].sort_values("start_date")
    assert beacon[["network_code", "start_date", "end_date"]].values.tolist() == [
        ["U93462", day("2019-10-01"), day("2020-03-31")],
        ["U93843", day("2020-04-01"), pd.NaT],
    ]
    assert row_of(networks, network_code="U93462")["close_date"] == day("2020-03-31")
    assert row_of(spells, practice_code="C85628")["end_date"] == day("2020-08-31")


def membership(path: Path) -> list[list]:
    spells = tables_of(path, "epcn")["official_membership"]
    return spells.astype(object).where(spells.notna(), None).values.tolist()


EXPECTED_SPELLS = [
    ["C86001", "U30587", "DONCASTER NORTH PCN", day("2019-10-01"), day("2021-03-31")],
    ["C86001", "U54853", "DONCASTER EAST PCN", day("2021-04-01"), None],
    ["C86003", "U54853", "DONCASTER EAST PCN", day("2019-10-01"), None],
]


@pytest.mark.parametrize("sheet", ["PCN Details", "PCNDetails", "pcn details"])
def test_epcn_finds_the_details_sheet_by_any_of_its_names(tmp_path: Path, sheet: str) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx", details_sheet=sheet)
    assert kind_of(path) == "epcn"
    assert len(tables_of(path, "epcn")["official_networks"]) == 2


@pytest.mark.parametrize(
    "date",
    [20191001, 20191001.0, "20191001", " 20191001 ", dt.datetime(2019, 10, 1)],
    ids=["excel-number", "excel-float", "text", "text-with-spaces", "real-date"],
)
def test_epcn_reads_a_yyyymmdd_date_however_the_cell_stores_it(
    tmp_path: Path,
    date: object,
) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx", date=date)
    assert membership(path) == EXPECTED_SPELLS
    networks = tables_of(path, "epcn")["official_networks"]
    assert networks["open_date"].tolist() == [day("2019-10-01")] * 2


@pytest.mark.parametrize("layout", [2019, 2022, 2023])
def test_epcn_matches_headers_with_line_breaks_sub_icb_names_and_trailing_spaces(
    tmp_path: Path, layout: int
) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx", layout=layout, details_sheet="PCN Details")
    assert membership(path) == EXPECTED_SPELLS
    networks = tables_of(path, "epcn")["official_networks"]
    assert networks["ccg_code"].tolist() == ["02X", "02X"]


def test_epcn_reads_formulas_as_the_values_excel_last_showed(tmp_path: Path) -> None:
    lookup = "=VLOOKUP(E{row},'PCN Details'!A:B,2,FALSE)"
    spells = [
        ["C86001", "GREAT NORTH", "U30587", lookup.format(row=2), 20191001, None],
        ["C86003", "HATFIELD", "U54853", lookup.format(row=3), 20191001, None],
    ]
    path = write_epcn(tmp_path / "ePCN.xlsx", "PCN Details", layout=2019, spells=spells)
    cache_formula_values(path, {"F2": "CACHED NORTH NAME", "F3": "CACHED EAST NAME"})
    names = tables_of(path, "epcn")["official_membership"]["network_name"].tolist()
    assert names == ["CACHED NORTH NAME", "CACHED EAST NAME"]


def test_epcn_takes_the_network_name_from_pcn_details_when_a_formula_has_no_cached_value(
    tmp_path: Path,
) -> None:
    spells = [["C86001", "GREAT NORTH", "U30587", "=VLOOKUP(E2,'PCN Details'!A:B,2,FALSE)",
               20191001, None]]  # fmt: skip
    path = write_epcn(tmp_path / "ePCN.xlsx", "PCN Details", layout=2019, spells=spells)
    names = tables_of(path, "epcn")["official_membership"]["network_name"].tolist()
    assert names == ["DONCASTER NORTH PCN"]


def test_epcn_problems_name_the_worksheet_row_sheet_and_header(tmp_path: Path) -> None:
    networks = [
        ["U30587", "DONCASTER NORTH PCN", "02X", "NHS DONCASTER CCG", "20191001", None],
        ["X54853", "DONCASTER EAST PCN", "02X", "NHS DONCASTER CCG", "20191301", None],
    ]
    spells = [
        ["C86001", "GREAT NORTH", "U30587", "DONCASTER NORTH PCN", "2019-10-01", None],
        ["C8600", "HATFIELD", "U30587", "DONCASTER NORTH PCN", "20191001", None],
    ]
    path = write_epcn(tmp_path / "ePCN.xlsx", networks=networks, spells=spells)
    assert problems_of(path, "epcn") == [
        "ePCN.xlsx line 2, sheet PCN Core Partner Details, Practice to PCN Relationship Start Date "
        '"2019-10-01": expected a date as YYYYMMDD',
        'ePCN.xlsx line 3, sheet PCN Core Partner Details, Partner Organisation Code "C8600": '
        "expected a capital letter and 5 digits",
        'ePCN.xlsx line 3, sheet PCNDetails, Open Date "20191301": expected a date as YYYYMMDD',
        'ePCN.xlsx line 3, sheet PCNDetails, PCN Code "X54853": expected U and 5 digits',
    ]


def test_an_epcn_workbook_without_its_sheets_names_what_is_missing(tmp_path: Path) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook["PCN Core Partner Details"]
    workbook.save(path)
    assert problems_of(path, "epcn") == [
        'ePCN.xlsx: expected the sheet "PCN Core Partner Details"; the workbook has "PCNDetails"'
    ]
    workbook["PCNDetails"].title = "Networks"
    workbook.save(path)
    assert problems_of(path, "epcn") == [
        'ePCN.xlsx: expected the sheets "PCN Details" (or "PCNDetails") and '
        '"PCN Core Partner Details"; the workbook has "Networks"'
    ]


def test_an_epcn_sheet_without_a_needed_column_names_it(tmp_path: Path) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["PCN Core Partner Details"].delete_cols(10)  # the end date
    workbook.save(path)
    assert problems_of(path, "epcn") == [
        "ePCN.xlsx line 1: sheet PCN Core Partner Details: expected the column "
        "Practice to PCN Relationship End Date; not found in the header"
    ]

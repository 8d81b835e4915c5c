"""Areas people recognise (the mapping file, payments' CCG names, eccg's region and ICB) and each
official file's release date: the newest date its content mentions (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.sources import read_input
from tests.sources.helpers import FIXTURES, kind_of, problems_of, tables_of, write_bytes

SUB_ICB_MAPPING = (
    "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,"
    "ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,"
    "ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME\n"
    "GP_PRAC_PAT_LIST,2026-04-01,C86001,GREAT NORTH MEDICAL GROUP,DN6 8AG,U30587,DONCASTER NORTH PCN,"
    "E38000044,02X,NHS South Yorkshire ICB - 02X,E54000061,QF7,NHS South Yorkshire Integrated Care Board,"
    "E40000012,Y63,North East and Yorkshire\n"
    "GP_PRAC_PAT_LIST,2026-04-01,C86003,HATFIELD HEALTH CENTRE,DN7 6JH,U54853,DONCASTER EAST PCN,"
    "E38000044,02X,NHS South Yorkshire ICB - 02X,E54000061,QF7,NHS South Yorkshire Integrated Care Board,"
    "E40000012,Y63,North East and Yorkshire\n"
    "GP_PRAC_PAT_LIST,2026-04-01,A81001,THE DENSHAM SURGERY,TS18 1HU,U89141,STOCKTON PCN,"
    "E38000247,16C,NHS North East and North Cumbria ICB - 16C,E54000050,QHM,"
    "NHS North East and North Cumbria Integrated Care Board,E40000012,Y63,North East and Yorkshire\n"
)


def test_the_mapping_file_gives_one_area_per_ccg_with_its_stp_and_region() -> None:
    path = FIXTURES / "gp-reg-pat-prac-map_2022-01.csv"
    assert kind_of(path) == "mapping"
    read = read_input(path)
    assert read.release_date == dt.date(2022, 1, 1)
    assert read.frames["official_areas"].values.tolist() == [
        ["16C", "NHS Tees Valley CCG", "QHM", "Cumbria and North East", "Y63", "North East and Yorkshire"],
        [
            "02X",
            "NHS Doncaster CCG",
            "QF7",
            "South Yorkshire and Bassetlaw",
            "Y63",
            "North East and Yorkshire",
        ],
    ]


def test_the_mapping_file_in_its_sub_icb_layout_gives_the_icb(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "gp-reg-pat-prac-map.csv", SUB_ICB_MAPPING.encode())
    assert kind_of(path) == "mapping"
    read = read_input(path)
    assert read.release_date == dt.date(2026, 4, 1)
    assert read.frames["official_areas"].values.tolist() == [
        ["02X", "NHS South Yorkshire ICB - 02X", "QF7", "NHS South Yorkshire Integrated Care Board", "Y63",
         "North East and Yorkshire"],
        ["16C", "NHS North East and North Cumbria ICB - 16C", "QHM",
         "NHS North East and North Cumbria Integrated Care Board", "Y63", "North East and Yorkshire"],
    ]  # fmt: skip


def test_a_mapping_file_with_a_bad_code_names_the_line_and_column(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "map.csv", SUB_ICB_MAPPING.replace(",02X,", ",2X,", 1).encode())
    assert problems_of(path) == [
        'map.csv line 2, SUB_ICB_LOCATION_CODE "2X": expected 3 or 5 capitals and digits'
    ]


def test_payments_name_each_ccg_they_pay() -> None:
    areas = tables_of(FIXTURES / "payments_2017-18.csv")["official_areas"]
    doncaster = areas[areas["ccg_code"] == "02X"].astype(object).where(areas.notna(), None)
    assert doncaster.to_dict("records") == [
        {"ccg_code": "02X", "ccg_name": "NHS DONCASTER CCG", "icb_code": None, "icb_name": None,
         "region_code": None, "region_name": None}
    ]  # fmt: skip
    assert areas["ccg_code"].is_unique


@pytest.mark.parametrize(
    ("name", "release"),
    [
        ("ePCN_2019-12.xlsx", dt.date(2019, 10, 1)),  # the excerpt's newest spell starts then
        ("ePCN_2022-02.xlsx", dt.date(2021, 4, 1)),
        ("epraccur_2019-09.csv", dt.date(2017, 10, 31)),
        ("eccg_2024.csv", dt.date(2024, 4, 1)),
        ("gp-reg-pat-prac-all_2021-01.csv", dt.date(2021, 1, 1)),
        ("payments_2017-18.csv", dt.date(2018, 1, 31)),
    ],
)
def test_each_official_excerpt_is_released_on_the_newest_date_it_mentions(
    name: str, release: dt.date
) -> None:
    assert read_input(FIXTURES / name).release_date == release


def test_tracker_files_have_no_release_date(tmp_path: Path) -> None:
    from tests.helpers import STATUS_HEADER, STATUS_ROWS

    path = write_bytes(tmp_path / "status.csv", "\n".join([STATUS_HEADER, *STATUS_ROWS, ""]).encode())
    assert read_input(path).release_date is None

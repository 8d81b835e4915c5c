"""epraccur and eccg, the headerless ODS registers."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from etl.sources import read_input
from tests.sources.helpers import (
    FIXTURES,
    NHS_DATA,
    day,
    epraccur_line,
    kind_of,
    problems_of,
    row_of,
    tables_of,
)


def test_epraccur_keeps_english_gp_practices_of_every_status() -> None:
    listed = tables_of(FIXTURES / "epraccur_2019-09.csv", "epraccur")["official_practice_facts"]
    facts = listed[listed["prescribing_setting"] == "4"]
    # of 17 rows: an urgent care centre, a Welsh and an Alderney practice are not GP practices
    assert len(facts) == 14
    assert {"F84743", "W00001", "ALD200"}.isdisjoint(facts["practice_code"])
    assert facts["status"].value_counts().to_dict() == {"active": 12, "closed": 1, "dormant": 1}
    assert row_of(facts, practice_code="A81003") == {
        "practice_code": "A81003",
        "practice_name": "VICTORIA MEDICAL PRACTICE",
        "ccg_code": "00K",
        "open_date": day("1974-04-01"),
        "close_date": day("2017-10-31"),
        "status": "closed",
        "contract_type": None,
        "list_size": None,
        "prescribing_setting": "4",
        "address": "THE HEALTH CENTRE, VICTORIA ROAD, HARTLEPOOL, CLEVELAND",
        "postcode": "TS26 8DB",
        "telephone": "01429 272945",
    }


def test_epraccur_gives_each_practice_its_address_postcode_and_telephone() -> None:
    """Columns 5-9 (the address lines given, joined), 10 and 18, as a plain csv reader finds them."""
    path = NHS_DATA / "ods" / "epraccur_2026-02.csv"
    with path.open(newline="", encoding="utf-8") as opened:
        rows = {row[0]: row for row in csv.reader(opened)}
    facts = tables_of(path, "epraccur")["official_practice_facts"].set_index("practice_code")
    for code in ("B81058", "B81097", "B82622", "Y06247", "Y08516"):
        row = rows[code]
        expected = (", ".join(line for line in row[4:9] if line.strip()), row[9], row[17])
        assert tuple(facts.loc[code, ["address", "postcode", "telephone"]]) == expected
    assert tuple(facts.loc["B82622", ["address", "postcode", "telephone"]]) == (
        "REETH SURGERY, RICHMOND",
        "DL11 6SU",
        "01748 884396",
    )


def test_eccg_keeps_closed_ccgs_and_five_character_codes() -> None:
    ccgs = tables_of(FIXTURES / "eccg_2024.csv", "eccg")["official_ccgs"]
    assert list(ccgs.columns) == [
        "ccg_code", "ccg_name", "open_date", "close_date", "region_code", "icb_code"
    ]  # fmt: skip
    assert len(ccgs) == 10
    assert row_of(ccgs, ccg_code="00C")["close_date"] == day("2020-03-31")
    assert row_of(ccgs, ccg_code="A3A8R")["ccg_name"] == "NHS NORTH EAST LONDON ICB - A3A8R"
    assert [row_of(ccgs, ccg_code="00C")[c] for c in ("region_code", "icb_code")] == ["Y63", "QHM"]


def test_epraccur_lists_english_codes_that_are_not_gp_practices_by_code_and_setting_only() -> None:
    listed = tables_of(FIXTURES / "epraccur_2019-09.csv", "epraccur")["official_practice_facts"]
    others = listed[listed["prescribing_setting"] != "4"]
    shown = others.astype(object).where(others.notna(), None).to_dict("records")
    # the urgent care centre (setting 1) and Alderney's (setting 0); the Welsh one stays out
    assert shown == [
        {"practice_code": code, "practice_name": None, "ccg_code": None, "open_date": None,
         "close_date": None, "status": None, "contract_type": None, "list_size": None,
         "prescribing_setting": setting, "address": None, "postcode": None, "telephone": None}
        for code, setting in (("ALD200", "0"), ("F84743", "1"))
    ]  # fmt: skip


def test_epraccur_is_released_on_the_newest_date_any_row_mentions(tmp_path: Path) -> None:
    line = epraccur_line("C86001", "GREAT NORTH", "Y63", "A", "02X", "4").split(",")
    line[16] = '"20240105"'  # left its commissioner: a date the store keeps nowhere
    walk_in = epraccur_line("Y01234", "WALK-IN", "Y63", "C", "02X", "1")  # closed 2023-03-31
    path = tmp_path / "epraccur.csv"
    path.write_text(",".join(line) + "\n" + walk_in + "\n")
    assert read_input(path).release_date == dt.date(2024, 1, 5)


def test_epraccur_reads_status_words_ro76_and_lf_line_ends(tmp_path: Path) -> None:
    lines = [
        epraccur_line("C86001", "GREAT NORTH MEDICAL GROUP", "Y63", "ACTIVE", "02X", "RO76"),
        epraccur_line("C86002", "CLOSED SURGERY", "Y63", "INACTIVE", "02X", "RO76"),
        epraccur_line("C86003", "QUIET SURGERY", "Y63", "DORMANT", "02X", "RO76"),
        epraccur_line("Y09999", "NEW SURGERY", "Y63", "PROPOSED", "02X", "RO76"),
        epraccur_line("Y01234", "DONCASTER WALK-IN", "Y63", "ACTIVE", "02X", "RO87"),
        epraccur_line("W91042", "CANOLFAN IECHYD", "W00", "ACTIVE", "7A1", "RO76"),
    ]
    path = tmp_path / "epraccur.csv"
    path.write_text("\n".join(lines) + "\n")
    assert kind_of(path) == "epraccur"
    facts = tables_of(path, "epraccur")["official_practice_facts"]
    assert facts[["practice_code", "status", "prescribing_setting"]].fillna("").values.tolist() == [
        ["C86001", "active", "4"],
        ["C86002", "closed", "4"],
        ["C86003", "dormant", "4"],
        ["Y09999", "proposed", "4"],
        ["Y01234", "", "RO87"],
    ]
    assert facts["close_date"].tolist()[:2] == [pd.NaT, day("2023-03-31")]


@pytest.mark.parametrize(
    "welsh",
    [
        ("W91042", "W00", "7A1"),  # all three signs
        ("W91042", "Y63", "02X"),  # a Welsh practice code
        ("N81001", "W00", "02X"),  # Wales's national grouping
        ("N81001", "Y63", "7A4"),  # a Welsh health board as commissioner
    ],
)
def test_epraccur_leaves_welsh_practices_out(tmp_path: Path, welsh: tuple[str, str, str]) -> None:
    code, grouping, ccg = welsh
    path = tmp_path / "epraccur.csv"
    path.write_text(
        epraccur_line("C86001", "GREAT NORTH", "Y63", "A", "02X", "4")
        + "\r\n"
        + epraccur_line(code, "CROSS BORDER", grouping, "A", ccg, "4")
        + "\r\n"
    )
    facts = tables_of(path, "epraccur")["official_practice_facts"]
    assert facts["practice_code"].tolist() == ["C86001"]


def test_epraccur_problems_count_lines_from_the_first_because_it_has_no_header(
    tmp_path: Path,
) -> None:
    path = tmp_path / "epraccur.csv"
    path.write_text(
        epraccur_line("C86001", "GREAT NORTH", "Y63", "A", "02X", "4")
        + "\n"
        + epraccur_line("C86001", "GREAT NORTH AGAIN", "Y63", "X", "02X", "4")
        + "\n"
    )
    assert problems_of(path, "epraccur") == [
        'epraccur.csv line 1, column 1 (organisation code) "C86001": expected each practice once; '
        "this practice code is on another line too",
        'epraccur.csv line 2, column 1 (organisation code) "C86001": expected each practice once; '
        "this practice code is on another line too",
        'epraccur.csv line 2, column 13 (status code) "X": expected a status A, C, D or P '
        "(or ACTIVE, INACTIVE, DORMANT, PROPOSED)",
    ]

"""The full national files read quickly, with the published counts and their release dates.

Every expected figure was counted independently with Python's csv module over the raw files.
"""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd
import pytest

from etl.sources import read_input
from tests.sources.helpers import NHS_DATA, kind_of, tables_of

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not NHS_DATA.is_dir(), reason="the real NHS files are not next to the project"),
]

FACTS = "official_practice_facts"
AREAS = "official_areas"
FULL_FILES = [
    ("payments/nhs-payments-to-general-practice_2017-18.csv", "payments", {FACTS: 7543, AREAS: 207}),
    ("payments/nhs-payments-to-general-practice_2018-19.csv", "payments", {FACTS: 7279, AREAS: 195}),
    # 8,201 GP practices in England and 5,381 other English codes (walk-in centres, prisons ...)
    ("ods/epraccur_2019-09.csv", "epraccur", {FACTS: 8201 + 5381}),
    ("ods/epraccur_2023-02.csv", "epraccur", {FACTS: 8224 + 6691}),
    ("ods/eccg_2024.csv", "eccg", {"official_ccgs": 320}),
    ("list-sizes/gp-reg-pat-prac-all_2021-01.csv", "list_sizes", {FACTS: 6658}),
    # the newest layout: roles (RO76, also "RO76|RO268") for settings, words for status, Wales left out
    ("ods/epraccur_2026-02.csv", "epraccur", {FACTS: 7766 + 6983}),
    # each mapping file is also a membership snapshot: one row per practice listed
    ("list-sizes/gp-reg-pat-prac-map_2022-01.csv", "mapping", {AREAS: 106, "official_registrations": 6527}),
    ("list-sizes/gp-reg-pat-prac-map_2026-01.csv", "mapping", {AREAS: 106, "official_registrations": 6171}),
    ("epcn/ePCN_2019-12.xlsx", "epcn", {"official_networks": 1250, "official_membership": 6757}),
    ("epcn/ePCN_2022-02.xlsx", "epcn", {"official_networks": 1303, "official_membership": 7232}),
    ("epcn/ePCN_2024-10.xlsx", "epcn", {"official_networks": 1366, "official_membership": 7705}),
]


@pytest.mark.parametrize(("relative", "kind", "rows"), FULL_FILES, ids=[f[0] for f in FULL_FILES])
def test_full_national_files_read_quickly_with_the_published_counts(
    relative: str, kind: str, rows: dict[str, int]
) -> None:
    path = NHS_DATA / relative
    started = time.perf_counter()
    assert kind_of(path) == kind
    frames = tables_of(path, kind)
    seconds = time.perf_counter() - started
    print(f"{path.name}: {seconds:.2f}s { ({key: len(frame) for key, frame in frames.items()}) }")
    assert {key: len(frame) for key, frame in frames.items()} == rows
    assert seconds < 6  # two cores shared with other work; alone it is under 2
    if kind == "epraccur" and "2019" in relative:
        facts = frames[FACTS]
        active = (facts["status"] == "active") & (facts["prescribing_setting"] == "4")
        assert active.sum() == 6872
    if kind == "payments" and "2017-18" in relative:
        facts = frames[FACTS]
        assert facts["contract_type"].value_counts(dropna=False).to_dict() == {
            "GMS": 5169, "PMS": 2052, "APMS": 234, pd.NA: 88
        }  # fmt: skip
        assert (facts["ccg_code"] == "02X").sum() == 43  # Doncaster, as the seed documents say
    if kind == "epraccur" and "2026" in relative:  # six GP practices also hold a second role
        facts = frames[FACTS]
        assert (facts["prescribing_setting"] == "4").sum() == 7766
        assert facts.loc[facts["practice_code"] == "B81042", "prescribing_setting"].tolist() == ["4"]
    if kind == "mapping" and "2026" in relative:  # U: in no PCN; U00000 is West Norwich PCN
        listed = frames["official_registrations"]["network_code"]
        assert (listed == "U").sum() == 59
        assert (listed == "U00000").sum() > 0
    if relative.endswith("ePCN_2022-02.xlsx"):
        assert frames["official_membership"]["end_date"].notna().sum() == 725


@pytest.mark.parametrize(
    ("relative", "release"),
    [
        ("epcn/ePCN_2019-12.xlsx", dt.date(2019, 12, 1)),
        ("epcn/ePCN_2022-02.xlsx", dt.date(2022, 4, 1)),
        ("ods/epraccur_2019-09.csv", dt.date(2019, 10, 1)),
        ("ods/epraccur_2023-02.csv", dt.date(2023, 4, 1)),
        ("list-sizes/gp-reg-pat-prac-all_2021-01.csv", dt.date(2021, 1, 1)),
        ("list-sizes/gp-reg-pat-prac-map_2022-01.csv", dt.date(2022, 1, 1)),
        ("epcn/ePCN_2024-10.xlsx", dt.date(2024, 10, 1)),
        ("ods/epraccur_2026-02.csv", dt.date(2026, 2, 3)),
        ("list-sizes/gp-reg-pat-prac-map_2026-01.csv", dt.date(2026, 1, 1)),
    ],
)
def test_an_official_file_is_released_on_the_newest_date_it_mentions(relative: str, release: dt.date) -> None:
    assert read_input(NHS_DATA / relative).release_date == release


def test_the_mapping_file_names_each_area_its_system_and_region() -> None:
    areas = tables_of(NHS_DATA / "list-sizes/gp-reg-pat-prac-map_2022-01.csv")[AREAS]
    tees = areas[areas["ccg_code"] == "16C"].to_dict("records")
    assert tees == [
        {
            "ccg_code": "16C",
            "ccg_name": "NHS Tees Valley CCG",
            "icb_code": "QHM",
            "icb_name": "Cumbria and North East",
            "region_code": "Y63",
            "region_name": "North East and Yorkshire",
        }
    ]

"""A network's size (the view network_populations) on England's real files for October 2024, checked
against a plain count of the raw files: the register and ePCN's spells, read with csv and openpyxl."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.dashboard.helpers import SHARED_DATA
from tests.helpers import rows_of

pytestmark = pytest.mark.slow


def independent_members(day: date) -> Counter[str]:
    """PCN code -> how many GP practices open in England on `day` ePCN 2024-10 puts in it that day."""
    stamp = day.strftime("%Y%m%d")
    register: dict[str, list[str]] = {}
    for name in ("epraccur_2023-02.csv", "epraccur_2026-02.csv"):  # the newer register wins
        with open(SHARED_DATA / "ods" / name, newline="", encoding="utf-8", errors="replace") as f:
            register.update({row[0]: row for row in csv.reader(f)})
    open_practices = {
        code
        for code, row in register.items()
        if not (row[0].startswith("W") or row[2].startswith("W") or row[14] in {f"7A{n}" for n in range(10)})
        and {"4", "RO76"} & set(row[25].upper().split("|"))
        and row[10]
        and row[10] <= stamp
        and (not row[11] or row[11] > stamp)
    }
    book = openpyxl.load_workbook(SHARED_DATA / "epcn" / "ePCN_2024-10.xlsx", read_only=True)
    sheet = next(name for name in book.sheetnames if "partner" in name.lower())
    spells: dict[str, list[tuple[str, str]]] = {}  # practice -> (start, PCN) of each spell that day
    for row in book[sheet].iter_rows(min_row=2, values_only=True):
        practice, network, start, end = str(row[0]), str(row[4]), str(row[8] or "")[:8], row[9]
        if (
            practice in open_practices
            and start
            and start <= stamp
            and (end in (None, "") or str(end)[:8] >= stamp)
        ):
            spells.setdefault(practice, []).append((start, network))
    # two spells on one day: the one that started later
    return Counter(max(found)[1] for found in spells.values())


def test_each_networks_member_count_in_october_2024_is_a_plain_count_of_the_files(october_2024: Path) -> None:
    expected = independent_members(date(2024, 10, 31))
    found = dict(
        rows_of(
            october_2024, "select network_code, practices from network_populations where month = '2024-10-01'"
        )
    )

    assert sum(expected.values()) == 6210  # England: 6,210 of 6,363 open practices in a network
    assert found == dict(expected)

"""The LMC's call list on England's real files for October 2024, checked against a plain count of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import queries
from tests.dashboard.helpers import (
    APP,
    OCTOBER_2024_FILES,
    independent_left_out,
    october_2024_database,
    run_page,
)

OCTOBER = date(2024, 10, 1)
HUMBER = ["B81058", "B81097", "B82622", "Y06247", "Y08516"]  # Humber and North Yorkshire's left out


def _open(db: Path, monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db))
    return run_page(AppTest.from_file(str(APP), default_timeout=60), "needing_support", query)


def _table(at: AppTest) -> pd.DataFrame:
    (table,) = [t.value for t in at.dataframe if "reasons" in t.value.columns]
    return table


@pytest.mark.slow
def test_humber_and_north_yorkshire_opens_on_its_five_practices_left_out_with_their_telephones(
    october_2024: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(october_2024, monkeypatch, month="2024-10", icb="QOQ")
    table = _table(at)
    expected = {
        code: found for code, found in independent_left_out(date(2024, 10, 31)).items() if found[0] == "QOQ"
    }
    assert sorted(expected) == HUMBER
    opening = table.head(5)
    assert sorted(opening["practice_code"]) == HUMBER
    assert dict(zip(opening["practice_code"], opening["telephone"], strict=True)) == {
        code: telephone for code, (_, _, telephone) in expected.items()
    }
    assert set(opening["reasons"]) <= {"Not in a network", "Left a network since the previous month"}
    reeth = opening.loc[opening["practice_code"] == "B82622"].iloc[0]
    assert (reeth["address"], reeth["postcode"]) == ("REETH SURGERY, RICHMOND", "DL11 6SU")
    assert {m.label: m.value for m in at.metric}["Of them left out of a network"] == "5"


@pytest.mark.slow
def test_england_lists_every_practice_left_out_first_as_a_plain_count_finds_them(
    october_2024: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(october_2024, monkeypatch, month="2024-10")
    table = _table(at)
    left_out = independent_left_out(date(2024, 10, 31))
    assert len(left_out) == 153  # England read 6,210 of 6,363 practices in a network
    assert {m.label: m.value for m in at.metric}["Of them left out of a network"] == "153"
    assert set(table.head(153)["practice_code"]) == set(left_out)
    # a network's size is never a reason: Priory Medical Group (58,357 patients, alone in its PCN) is no call
    assert not table["reasons"].str.contains("30,000|single-practice", regex=True).any()


@pytest.mark.slow
def test_the_call_list_does_not_depend_on_the_order_files_were_loaded(
    october_2024: Path, tmp_path: Path
) -> None:
    reversed_db = october_2024_database(tmp_path, list(reversed(OCTOBER_2024_FILES)))
    areas = tuple(queries.areas(october_2024)["ccg_code"])
    assert areas == tuple(queries.areas(reversed_db)["ccg_code"])
    first = queries.practices_needing_support(october_2024, areas, OCTOBER)
    again = queries.practices_needing_support(reversed_db, areas, OCTOBER)
    assert first.astype(str).equals(again.astype(str))


@pytest.mark.slow
def test_a_pace_that_rounds_to_nothing_is_zero_never_minus_zero(october_2024: Path) -> None:
    """England, October 2024: four areas' pace rounded to -0.0 before; a reader saw "-0"."""
    areas = tuple(queries.areas(october_2024)["ccg_code"])
    pace = queries.coverage_projection(october_2024, areas, OCTOBER)["points_per_month"].dropna()
    assert (pace == 0).sum() > 0
    assert [f"{value:g}" for value in pace if value == 0] == ["0"] * int((pace == 0).sum())


def independent_snapshot(day: date) -> tuple[set[str], set[str]]:
    """Open practices on `day` in no PCN by the January 2026 registration snapshot (PCN_CODE U), and
    open practices it does not list; read with csv from the raw files alone."""
    import csv

    from tests.dashboard.helpers import SHARED_DATA

    stamp = day.strftime("%Y%m%d")
    register: dict[str, list[str]] = {}
    for name in ("epraccur_2023-02.csv", "epraccur_2026-02.csv"):  # the newer register wins
        with open(SHARED_DATA / "ods" / name, newline="", encoding="utf-8", errors="replace") as f:
            register.update({row[0]: row for row in csv.reader(f)})
    welsh = {f"7A{n}" for n in range(10)}
    opened = {
        code
        for code, row in register.items()
        if not (code.startswith("W") or row[2].startswith("W") or row[14] in welsh)
        and {"4", "RO76"} & set(row[25].upper().split("|"))
        and row[10]
        and row[10] <= stamp
        and (not row[11] or row[11] > stamp)
    }
    with open(
        SHARED_DATA / "list-sizes" / "gp-reg-pat-prac-map_2026-01.csv", newline="", encoding="utf-8-sig"
    ) as f:
        pcn = {row["PRACTICE_CODE"]: row["PCN_CODE"] for row in csv.DictReader(f)}
    return {c for c in opened if pcn.get(c) == "U"}, {c for c in opened if c not in pcn}


@pytest.mark.slow
def test_a_snapshot_month_says_why_each_practice_is_left_out(
    october_2024: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """December 2025, measured by the January 2026 mapping file: unallocated and unlisted practices."""
    unallocated, unlisted = independent_snapshot(date(2025, 12, 31))
    assert (len(unallocated), len(unlisted)) == (59, 88)
    at = _open(october_2024, monkeypatch, month="2025-12")
    table = _table(at)
    said = dict(zip(table["practice_code"], table["reasons"], strict=True))
    assert {c for c, r in said.items() if r == "No PCN in the registration snapshot"} == unallocated
    assert {c for c, r in said.items() if r == "Not in the registration snapshot"} == unlisted
    assert {m.label: m.value for m in at.metric}["Of them left out of a network"] == "147"
    options = at.multiselect(key="reason_filter").options
    assert {"No PCN in the registration snapshot", "Not in the registration snapshot"} <= set(options)

"""Every real release of ../shared/nhs-data loaded (issue 18): England to its newest month, December
2025, as counted independently with plain csv/openpyxl over the raw files; and the same views whatever
order the files are loaded in.

Slow, and skipped where ../shared/nhs-data is not present.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from etl.store import load_files
from tests.helpers import rows_of

NHS_DATA = Path(__file__).resolve().parents[2] / "shared" / "nhs-data"
EVERY_FILE = sorted([*NHS_DATA.glob("*/*.csv"), *NHS_DATA.glob("*/*.xlsx")])
REGISTERS = ["epraccur_2019-09.csv", "epraccur_2023-02.csv", "epraccur_2026-02.csv"]  # oldest first
EPCN = ["ePCN_2019-12.xlsx", "ePCN_2022-02.xlsx", "ePCN_2024-10.xlsx"]
VIEWS = [
    "official_practices",
    "network_membership",
    "official_coverage",
    "areas",
    "practice_months",
    "registration_snapshots",
    "membership_disagreements",
    "closed_areas",
    "names_given",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not NHS_DATA.is_dir(), reason="needs ../shared/nhs-data"),
]


# --- the independent count: plain csv and openpyxl over the raw files -------------------------


def a_date(cell: object) -> date | None:
    if cell is None or str(cell).strip() == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    return datetime.strptime(str(int(cell)) if isinstance(cell, float) else str(cell), "%Y%m%d").date()


def english_gp_practices() -> dict[str, tuple[date | None, date | None]]:
    """Each practice from the newest register that lists it, if that lists it as an English GP practice."""
    newest: dict[str, list[str]] = {}
    for name in REGISTERS:
        with (NHS_DATA / "ods" / name).open(newline="", encoding="latin-1") as f:
            for row in csv.reader(f):
                welsh = row[0].startswith("W") or row[2].startswith("W") or re.fullmatch(r"7A\d", row[14])
                if not welsh:
                    newest[row[0]] = row
    return {
        code: (a_date(row[10]), a_date(row[11]))
        for code, row in newest.items()
        if {"4", "RO76"} & set(row[25].upper().split("|"))
    }


def epcn_spells() -> dict[str, list[tuple[date, date | None]]]:
    """Each practice's spells, from the newest ePCN workbook that lists it."""
    spells: dict[str, list[tuple[date, date | None]]] = {}
    for name in EPCN:
        workbook = openpyxl.load_workbook(NHS_DATA / "epcn" / name, read_only=True, data_only=True)
        rows = workbook["PCN Core Partner Details"].iter_rows(values_only=True)
        header = [" ".join(str(cell or "").split()).lower() for cell in next(rows)]
        practice = header.index("partner organisation code")
        start = next(i for i, h in enumerate(header) if h.endswith("relationship start date"))
        end = next(i for i, h in enumerate(header) if h.endswith("relationship end date"))
        listed: dict[str, list[tuple[date, date | None]]] = {}
        for row in rows:
            if row[practice]:
                listed.setdefault(str(row[practice]), []).append((a_date(row[start]), a_date(row[end])))  # type: ignore[arg-type]
        workbook.close()
        spells.update(listed)  # a newer workbook replaces an older one's spells of the practice
    return spells


def snapshot_pcns() -> dict[str, str]:
    with (NHS_DATA / "list-sizes" / "gp-reg-pat-prac-map_2026-01.csv").open(encoding="utf-8-sig") as f:
        return {row["PRACTICE_CODE"]: row["PCN_CODE"] for row in csv.DictReader(f)}


def open_on(dates: tuple[date | None, date | None], day: date) -> bool:
    opened, closed = dates
    return opened is not None and opened <= day and (closed is None or closed > day)


@pytest.fixture(scope="module")
def england(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("england") / "tracker.duckdb"
    results = load_files(EVERY_FILE, db)
    assert [r.outcome for r in results] == ["loaded"] * len(EVERY_FILE)
    return db


def england_on(db: Path, day: date) -> tuple[int, int, str]:
    sql = """select sum(practices_in_network)::int, sum(practices_open)::int, any_value(membership_source)
             from official_coverage where month = ?"""
    return rows_of(db, sql, [day])[0]


def test_december_2025_is_measured_from_the_registration_snapshot(england: Path) -> None:
    day = date(2025, 12, 31)
    practices = english_gp_practices()
    snapshot = snapshot_pcns()
    open_ = [code for code, dates in practices.items() if open_on(dates, day)]
    in_pcn = sum(re.fullmatch(r"U[0-9]{5}", snapshot.get(code, "")) is not None for code in open_)
    assert (in_pcn, len(open_)) == (6112, 6259)  # the figures, counted here again
    assert england_on(england, day) == (6112, 6259, "snapshot")
    sql = """select snapshot_status, count(*) from practice_months
             where month = '2025-12-01' and network_code is null group by 1 order by 1"""
    unallocated = sum(snapshot.get(code) == "U" for code in open_)
    not_listed = sum(code not in snapshot for code in open_)
    assert rows_of(england, sql) == [("not_listed", not_listed), ("unallocated", unallocated)]


def test_october_2024_is_measured_from_epcn_with_the_role_lists(england: Path) -> None:
    day = date(2024, 10, 31)
    practices = english_gp_practices()
    spells = epcn_spells()
    open_ = [code for code, dates in practices.items() if open_on(dates, day)]
    in_pcn = sum(
        any(start <= day and (end is None or end >= day) for start, end in spells.get(code, []))
        for code in open_
    )
    assert (in_pcn, len(open_)) == (6210, 6363)
    assert england_on(england, day) == (6210, 6363, "epcn")
    # Manor Road Surgery is a GP practice with a second role (RO76|RO268)
    assert rows_of(
        england, "select practice_name from official_practices where practice_code = 'B81042'"
    ) == [("MANOR ROAD SURGERY",)]


def test_a_month_with_neither_source_is_not_measured(england: Path) -> None:
    sql = "select count(*) from practice_months where month between '2024-11-01' and '2025-11-01'"
    assert rows_of(england, sql) == [(0,)]


def test_the_views_do_not_depend_on_the_order_files_are_loaded(england: Path, tmp_path: Path) -> None:
    reverse = tmp_path / "reverse.duckdb"
    load_files(list(reversed(EVERY_FILE)), reverse)
    for view in VIEWS:
        sql = (
            f"select * exclude (load_id) from {view}"
            if view == "practice_months"
            else f"select * from {view}"
        )
        forward_rows = sorted(map(repr, rows_of(england, sql)))
        assert sorted(map(repr, rows_of(reverse, sql))) == forward_rows, view

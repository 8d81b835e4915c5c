"""England's PCN coverage from the real NHS files, checked against a count in plain csv/openpyxl.

Slow, and skipped where ../shared/nhs-data is not present. Run one at a time.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from etl.api import load_files
from tests.helpers import rows_of

NHS_DATA = Path(__file__).resolve().parents[2] / "shared" / "nhs-data"
REGISTER = NHS_DATA / "ods" / "epraccur_2023-02.csv"
EPCN = [NHS_DATA / "epcn" / "ePCN_2019-12.xlsx", NHS_DATA / "epcn" / "ePCN_2022-02.xlsx"]
EVERY_FILE = [
    NHS_DATA / "ods" / "epraccur_2023-02.csv",
    NHS_DATA / "ods" / "eccg_2024.csv",
    *EPCN,
    NHS_DATA / "payments" / "nhs-payments-to-general-practice_2017-18.csv",
    NHS_DATA / "payments" / "nhs-payments-to-general-practice_2018-19.csv",
    NHS_DATA / "list-sizes" / "gp-reg-pat-prac-all_2021-01.csv",
    NHS_DATA / "list-sizes" / "gp-reg-pat-prac-map_2022-01.csv",
]
MONTH_ENDS = [date(2019, 12, 31), date(2021, 3, 31), date(2022, 1, 31)]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not NHS_DATA.is_dir(), reason="needs ../shared/nhs-data"),
]


# --- the independent count: plain csv and openpyxl over the raw files -------------------------


def a_date(cell: object) -> date | None:
    """20191001 (a number), '20191001' (text) or a datetime -> a date; blank -> None."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    return datetime.strptime(str(int(cell)) if isinstance(cell, float) else str(cell), "%Y%m%d").date()


def english_practices() -> dict[str, tuple[str, date | None, date | None]]:
    """epraccur: code -> (commissioner, open date, close date) of GP practices in England."""
    practices = {}
    with REGISTER.open(newline="", encoding="latin-1") as f:
        for row in csv.reader(f):
            if row[25] == "4" and not row[0].startswith("W"):
                practices[row[0]] = (row[14], a_date(row[10]), a_date(row[11]))
    return practices


def spells_of(workbook: Path) -> dict[str, list[tuple[date | None, date | None]]]:
    """ePCN: practice -> its (start, end) spells, from the core partner sheet."""
    sheet = openpyxl.load_workbook(workbook, read_only=True, data_only=True)["PCN Core Partner Details"]
    spells: dict[str, list[tuple[date | None, date | None]]] = {}
    for row in list(sheet.iter_rows(values_only=True))[1:]:
        if row[0]:
            spells.setdefault(str(row[0]), []).append((a_date(row[8]), a_date(row[9])))
    return spells


def independent_left_out(day: date) -> set[str]:
    """The practices open on `day` and in no PCN that day."""
    older, newer = (spells_of(workbook) for workbook in EPCN)
    spells = {**older, **newer}
    return {
        code
        for code, (_, opened, closed) in english_practices().items()
        if opened is not None
        and opened <= day
        and (closed is None or closed > day)
        and not any(s and s <= day and (e is None or e >= day) for s, e in spells.get(code, []))
    }


def listed_under() -> list[tuple[str, str]]:
    """(area, practice) of every practice the register, payments and list-size files list, any kind."""
    pairs = []
    with REGISTER.open(newline="", encoding="latin-1") as f:
        pairs += [(row[14], row[0]) for row in csv.reader(f)]
    for path in EVERY_FILE:
        if "payments" in path.name or "pat-prac-all" in path.name:
            with path.open(newline="", encoding="utf-8-sig", errors="replace") as f:
                for row in csv.DictReader(f):
                    pairs.append(
                        (row.get("CCG Code") or row["CCG_CODE"], row.get("Practice Code") or row["CODE"])
                    )
    return pairs


def counted_under() -> dict[str, str]:
    """A closed area (eccg: a close date) -> the area its practices are counted under: where most of
    the practices any file listed under it are in the register today (ties: the first code)."""
    with (NHS_DATA / "ods" / "eccg_2024.csv").open(newline="", encoding="latin-1") as f:
        closed = {row[0] for row in csv.reader(f) if row[11]}
    today = {code: ccg for code, (ccg, _, _) in english_practices().items()}
    moved: dict[str, Counter[str]] = {}
    for area, practice in set(listed_under()):
        if area in closed and practice in today and today[practice] != area:
            moved.setdefault(area, Counter())[today[practice]] += 1
    return {area: min(counts, key=lambda code: (-counts[code], code)) for area, counts in moved.items()}


def independent_coverage() -> dict[tuple[date, str], tuple[int, int]]:
    """(month end, commissioner) -> (practices open, practices in a PCN); the newest ePCN listing a
    practice gives its spells. A practice the register still lists under an area that closed (it
    closed first) is counted under the area that took the closed area's practices."""
    older, newer = (spells_of(workbook) for workbook in EPCN)
    spells = {**older, **newer}
    taken = counted_under()
    open_: Counter[tuple[date, str]] = Counter()
    in_pcn: Counter[tuple[date, str]] = Counter()
    for code, (listed, opened, closed) in english_practices().items():
        ccg = taken.get(listed, listed)
        for day in MONTH_ENDS:
            if opened is not None and opened <= day and (closed is None or closed > day):
                open_[day, ccg] += 1
                if any(s and s <= day and (e is None or e >= day) for s, e in spells.get(code, [])):
                    in_pcn[day, ccg] += 1
    return {key: (count, in_pcn[key]) for key, count in open_.items()}


def england(counts: dict[tuple[date, str], tuple[int, int]], day: date) -> tuple[int, int]:
    return (
        sum(o for (d, _), (o, _) in counts.items() if d == day),
        sum(n for (d, _), (_, n) in counts.items() if d == day),
    )


def test_the_independent_count_gives_the_figures_of_the_issue() -> None:
    counts = independent_coverage()

    assert [england(counts, day) for day in MONTH_ENDS] == [(7025, 6756), (6806, 6549), (6709, 6503)]
    assert counts[date(2022, 1, 31), "02X"] == (39, 38)


# --- the loader agrees with it --------------------------------------------------------------


@pytest.fixture(scope="module")
def england_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    db = tmp_path_factory.mktemp("england") / "tracker.duckdb"
    started, cpu = time.perf_counter(), time.process_time()
    results = load_files([path for path in EVERY_FILE if path.exists()], db)
    print(f"official_load_s={time.perf_counter() - started:.2f} (wall)", end=" ")
    seconds = time.process_time() - cpu  # CPU seconds: the machine may be shared with other work
    assert [r.outcome for r in results] == ["loaded"] * len(results), [r.summary() for r in results]
    return db, seconds


def test_every_official_file_loads_in_well_under_ten_seconds(england_db: tuple[Path, float]) -> None:
    _, seconds = england_db
    print(f"official_load_cpu_s={seconds:.2f}")
    assert seconds < 8  # about 4.5 CPU s (3.5 s wall on an idle machine): reading 3.2, storing 1.1


def test_practice_months_give_englands_coverage_as_counted_independently(
    england_db: tuple[Path, float],
) -> None:
    db, _ = england_db
    sql = (
        "select month, ccg_code, count(*), count(network_code) from practice_months "
        "where source = 'official' and last_day(month) = ? group by all"
    )
    counts = independent_coverage()
    for day in MONTH_ENDS:
        stored = {(day, ccg): (open_, in_pcn) for _, ccg, open_, in_pcn in rows_of(db, sql, [day])}
        assert stored == {key: value for key, value in counts.items() if key[0] == day}
    assert rows_of(db, "select * from official_coverage where month = '2022-01-31' and ccg_code = '02X'") == [
        (date(2022, 1, 31), "02X", 39, 38, "epcn")  # ePCN measures January 2022 (its newest month: April)
    ]


def test_the_practices_left_out_in_january_2022_are_those_counted_independently(
    england_db: tuple[Path, float],
) -> None:
    db, _ = england_db
    sql = "select practice_code from practice_months where month = '2022-01-01' and network_code is null"
    left_out = {code for (code,) in rows_of(db, sql)}

    assert len(left_out) == 206
    assert left_out == independent_left_out(date(2022, 1, 31))


def test_practice_months_has_one_row_per_practice_per_month(england_db: tuple[Path, float]) -> None:
    db, _ = england_db
    assert rows_of(db, "select count(*) - count(distinct (month, practice_code)) from practice_months") == [
        (0,)
    ]


def test_loads_record_each_files_release_date(england_db: tuple[Path, float]) -> None:
    db, _ = england_db
    release = dict(rows_of(db, "select file_name, release_date from loads"))

    assert release["ePCN_2019-12.xlsx"] == date(2019, 12, 1)
    assert release["ePCN_2022-02.xlsx"] == date(2022, 4, 1)
    assert release["epraccur_2023-02.csv"] == date(2023, 4, 1)
    assert release["gp-reg-pat-prac-all_2021-01.csv"] == date(2021, 1, 1)


def test_a_practice_that_closed_before_its_area_did_is_counted_under_the_area_that_took_it(
    england_db: tuple[Path, float],
) -> None:
    """Belgrave Surgery (B82092) closed in November 2019 under Scarborough and Ryedale (03M), which
    became part of North Yorkshire (42D) in April 2020: the register still lists it under 03M, yet 03M
    has no month of its own, as no closed area does whose practices another area took."""
    db, _ = england_db
    assert counted_under()["03M"] == "42D"
    assert rows_of(db, "select month, ccg_code from practice_months where practice_code = 'B82092'") == [
        (date(2019, 10, 1), "42D")
    ]
    assert rows_of(db, "select ccg_code, today_code from closed_areas where ccg_code = '03M'") == [
        ("03M", "42D")
    ]
    taken = "select count(*) from practice_months where list_contains(?, ccg_code)"
    assert rows_of(db, taken, [sorted(counted_under())]) == [(0,)]

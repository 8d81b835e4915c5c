"""Official facts are chosen by release date, never by load order (SPEC 4)."""

from __future__ import annotations

import itertools
import random
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.store import load_files
from tests.helpers import rows_of, write_payments, write_register

FIXTURES = Path(__file__).parent / "fixtures" / "official"
OFFICIAL_FIXTURES = sorted(path for path in FIXTURES.iterdir() if path.suffix in (".csv", ".xlsx"))
NHS_DATA = Path(__file__).resolve().parents[2] / "shared" / "nhs-data"
ORDER_FREE = ("load_id", "loaded_at")  # the only columns allowed to depend on the order of loading


def every_view(db: Path) -> dict[str, list[tuple]]:
    """Every view (practice_months among them), as sorted rows without load ids or load times."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [
            name
            for (name,) in con.execute("select view_name from duckdb_views() where not internal").fetchall()
        ]
        seen = {}
        for name in sorted(names):
            described = con.execute(f"describe {name}").fetchall()
            columns = [column[0] for column in described if column[0] not in ORDER_FREE]
            seen[name] = con.execute(f"select {', '.join(columns)} from {name} order by all").fetchall()
        return seen
    finally:
        con.close()


def load_one_by_one(paths: list[Path], db: Path) -> list[str]:
    return [load_files([path], db)[0].outcome for path in paths]


@pytest.mark.slow
def test_every_order_of_the_official_files_gives_identical_views(tmp_path: Path) -> None:
    files = [FIXTURES / name for name in ("ePCN_2019-12.xlsx", "ePCN_2022-02.xlsx", "payments_2017-18.csv")]
    files.append(FIXTURES / "epraccur_2019-09.csv")
    first = None
    for number, order in enumerate(itertools.permutations(files)):
        db = tmp_path / f"order_{number}.duckdb"
        assert [r.outcome for r in load_files(list(order), db)] == ["loaded"] * 4
        seen = every_view(db)
        first = first or seen
        assert seen == first, [path.name for path in order]
    assert first is not None
    assert first["network_membership"] and first["official_practices"] and first["practice_months"]


@pytest.mark.slow
def test_every_fixture_file_loaded_one_by_one_in_random_orders_gives_identical_views(tmp_path: Path) -> None:
    orders = random.Random(20191201)
    first = None
    for number in range(6):
        order = orders.sample(OFFICIAL_FIXTURES, len(OFFICIAL_FIXTURES))
        db = tmp_path / f"order_{number}.duckdb"
        assert set(load_one_by_one(order, db)) == {"loaded"}
        first = first or every_view(db)
        assert every_view(db) == first, [path.name for path in order]


def test_loading_the_same_files_again_alone_or_in_a_batch_changes_nothing_and_says_so(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tracker.duckdb"
    epcn = [FIXTURES / "ePCN_2019-12.xlsx", FIXTURES / "ePCN_2022-02.xlsx"]
    assert [r.outcome for r in load_files([*epcn, *epcn], db)] == [
        "loaded",
        "loaded",
        "unchanged",
        "unchanged",
    ]
    before = every_view(db)

    again = load_files(epcn, db) + load_files(epcn[:1], db)

    assert [r.summary() for r in again] == [
        "ePCN_2019-12.xlsx: already loaded, nothing changed",
        "ePCN_2022-02.xlsx: already loaded, nothing changed",
        "ePCN_2019-12.xlsx: already loaded, nothing changed",
    ]
    after = every_view(db)
    assert {k: v for k, v in after.items() if k != "loads"} == {
        k: v for k, v in before.items() if k != "loads"
    }
    assert rows_of(db, "select count(*) from official_membership") == [(24,)]  # 10 + 14 spells, once


def test_an_older_epcn_loaded_last_leaves_the_newer_spells_in_force(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files([FIXTURES / "ePCN_2022-02.xlsx"], db)
    newer = rows_of(db, "select * from network_membership order by all")

    load_files([FIXTURES / "ePCN_2019-12.xlsx"], db)

    assert rows_of(db, "select * from network_membership order by all") == newer
    assert rows_of(db, "select distinct source from network_membership") == [("ePCN_2022-02.xlsx",)]


# --- register facts: the newest epraccur listing a practice; payments never open, close or move


def test_an_old_payments_file_loaded_last_never_reopens_or_moves_a_practice(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    register = write_register(tmp_path / "epraccur.csv")  # C86002 closed on 15 November 2019, in 02X
    old_payments = write_payments(
        tmp_path / "payments_2017-18.csv",
        [("01X", "C86002", "BAWTRY OLD NAME", "01/04/1974", "", "PMS")],
    )

    load_files([register], db)
    load_files([old_payments], db)

    sql = (
        "select practice_name, ccg_code, close_date, status, contract_type "
        "from official_practices where practice_code = ?"
    )
    assert rows_of(db, sql, ["C86002"]) == [("BAWTRY SURGERY", "02X", date(2019, 11, 15), "closed", "PMS")]


def test_the_newest_register_listing_a_practice_gives_its_facts_whatever_the_order(tmp_path: Path) -> None:
    old = write_register(tmp_path / "epraccur_old.csv")
    new = tmp_path / "epraccur_new.csv"
    # the newer register moves C86001 to 01X, renames it, and no longer lists C86004
    lines = old.read_text().splitlines()
    moved = next(line for line in lines if "C86001" in line)
    opened = next(line for line in lines if "C86003" in line)  # a practice that opened in January 2020
    new.write_text(
        moved.replace('"02X"', '"01X"').replace("GREAT NORTH", "NEW NORTH")
        + "\r\n"
        + opened.replace("C86003", "C86009").replace("20191210", "20200115")
        + "\r\n"
    )
    sql = "select practice_code, practice_name, ccg_code, source from official_practices order by 1"
    seen = []
    for name, order in (("a", [old, new]), ("b", [new, old])):
        db = tmp_path / f"{name}.duckdb"
        for path in order:
            load_files([path], db)
        seen.append(rows_of(db, sql))

    assert seen[0] == seen[1]
    assert seen[0][:2] == [
        ("C86001", "NEW NORTH MEDICAL GROUP", "01X", "epraccur_new.csv"),
        ("C86002", "BAWTRY SURGERY", "02X", "epraccur_old.csv"),
    ]


def test_a_list_size_release_is_recorded_with_its_extract_date(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files([FIXTURES / "gp-reg-pat-prac-all_2021-01.csv"], db)

    assert rows_of(db, "select file_name, release_date from loads") == [
        ("gp-reg-pat-prac-all_2021-01.csv", date(2021, 1, 1))
    ]


@pytest.mark.slow
@pytest.mark.skipif(not NHS_DATA.is_dir(), reason="needs ../shared/nhs-data")
def test_the_real_files_in_two_orders_give_identical_views(tmp_path: Path) -> None:
    files = sorted(p for p in NHS_DATA.rglob("*") if p.suffix in (".csv", ".xlsx"))
    forward, backward = tmp_path / "forward.duckdb", tmp_path / "backward.duckdb"

    load_files(files, forward)
    load_one_by_one(list(reversed(files)), backward)

    assert every_view(forward) == every_view(backward)
    shutil.rmtree(tmp_path, ignore_errors=True)

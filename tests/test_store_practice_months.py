"""practice_months: the tracker's rows where an area has a snapshot, the official files' elsewhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.store import load_files
from tests.helpers import STATUS_HEADER, rows_of

SIZES_HEADER = "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS"


def write_sizes(path: Path, extract: str, rows: list[tuple[str, int]]) -> Path:
    lines = [SIZES_HEADER]
    lines += [
        f"GP_PRAC_PAT_LIST,{extract},GP,02X,E38000044,{code},DN6 8AG,ALL,ALL,{size}" for code, size in rows
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_official_rows_cover_every_open_practice_each_month_with_its_pcn(official_db: Path) -> None:
    sql = (
        "select month, practice_code, ccg_code, source, network_code, open_date, close_date "
        "from practice_months where month = '2019-11-01' order by practice_code"
    )
    assert rows_of(official_db, sql) == [
        (date(2019, 11, 1), "C86001", "02X", "official", "U30587", date(1974, 4, 1), None),
        (date(2019, 11, 1), "C86004", "02X", "official", None, date(1974, 4, 1), None),
        (date(2019, 11, 1), "E85001", "08C", "official", None, date(1974, 4, 1), None),
    ]  # C86002 closed on 15 November, C86003 opens in December, C86004 left its PCN in October


def test_a_tracker_snapshot_replaces_the_official_rows_of_its_area_and_month_only(
    official_db: Path, write_csv
) -> None:
    row = "2019-11-01,02X,C86001,Great North,9500,GMS,virtual,02X-N01,Doncaster North,active,5,keep going"
    load_files([write_csv("status_2019-11.csv", STATUS_HEADER, [row])], official_db)

    sql = "select month, ccg_code, source, count(*) from practice_months group by all order by all"
    assert rows_of(official_db, sql) == [
        (date(2019, 10, 1), "02X", "official", 3),
        (date(2019, 10, 1), "08C", "official", 1),
        (date(2019, 11, 1), "02X", "tracker", 1),
        (date(2019, 11, 1), "08C", "official", 1),
        (date(2019, 12, 1), "02X", "official", 3),
        (date(2019, 12, 1), "08C", "official", 1),
    ]
    tracker = "select * exclude (load_id) from practice_months where source = 'tracker'"
    assert rows_of(official_db, tracker) == [
        (date(2019, 11, 1), "C86001", "Great North", "02X", "tracker", "02X-N01", "Doncaster North", 9500,
         "GMS", "virtual", "active", 5, "keep going", None, None, "tracker", None, date(2019, 11, 1)),
    ]  # fmt: skip


def test_list_size_at_a_month_is_the_figure_on_or_before_it_else_the_nearest_after(
    official_db: Path, tmp_path: Path
) -> None:
    load_files(
        [
            write_sizes(tmp_path / "sizes_nov.csv", "01NOV2019", [("C86001", 1100)]),
            write_sizes(tmp_path / "sizes_dec.csv", "31DEC2019", [("C86001", 1200), ("C86004", 4000)]),
        ],
        official_db,
    )

    sql = "select month, practice_code, list_size from practice_months where practice_code <> 'E85001'"
    assert rows_of(official_db, sql + " and practice_code in ('C86001', 'C86004') order by all") == [
        (date(2019, 10, 1), "C86001", 1100),  # none before: the nearest after
        (date(2019, 10, 1), "C86004", 4000),
        (date(2019, 11, 1), "C86001", 1100),
        (date(2019, 11, 1), "C86004", 4000),
        (date(2019, 12, 1), "C86001", 1200),
        (date(2019, 12, 1), "C86004", 4000),
    ]
    # each figure says which date it holds for
    dated = "select month, list_size_date from practice_months where practice_code = 'C86001' order by 1"
    assert rows_of(official_db, dated) == [
        (date(2019, 10, 1), date(2019, 11, 1)),
        (date(2019, 11, 1), date(2019, 11, 1)),
        (date(2019, 12, 1), date(2019, 12, 31)),
    ]


def test_practice_months_is_rebuilt_by_a_load_that_changes_data(official_db: Path, tmp_path: Path) -> None:
    unchanged = load_files([tmp_path / "epraccur.csv"], official_db)
    assert rows_of(official_db, "select count(*) from practice_months") == [(11,)]
    newer = tmp_path / "epraccur_2020.csv"  # E85001 closed on 20 November 2019; C86009 opened in 2020
    line = next(line for line in (tmp_path / "epraccur.csv").read_text().splitlines() if "E85001" in line)
    closed = line.replace('"19740401","","A"', '"19740401","20191120","C"')
    newer.write_text(
        closed + "\r\n" + line.replace("E85001", "C86009").replace("19740401", "20200115") + "\r\n"
    )

    changed = load_files([newer], official_db)

    assert [r.outcome for r in unchanged + changed] == ["unchanged", "loaded"]
    assert rows_of(official_db, "select month from practice_months where practice_code = 'E85001'") == [
        (date(2019, 10, 1),)
    ]


@pytest.mark.parametrize("view", ["practice_months", "official_practice_months"])
def test_practice_months_has_one_row_per_practice_per_month(official_db: Path, view: str) -> None:
    assert rows_of(official_db, f"select count(*) - count(distinct (month, practice_code)) from {view}") == [
        (0,)
    ]

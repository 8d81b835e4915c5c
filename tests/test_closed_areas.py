"""A practice the newest register still lists under an area that closed (it closed first) is counted,
in every month, under the area that took the closed area's practices, or what that area became in
turn (closed_areas.today_code); areas that "took" each other's practices in a loop keep their own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from etl.api import load_files
from tests.helpers import rows_of, write_epcn

# area, closed on (eccg): 01A closed in 2018 into 01B, which closed in 2020 into 01C; 01D and 01E each
# "took" the other's practices (a loop no real file has, which must still end)
AREAS = [("01A", "20180331"), ("01B", "20200331"), ("01C", ""), ("01D", "20200331"), ("01E", "20200331")]
# practice, area, opened, closed: an older register, then the newest (which wins)
OLDER = [
    ("C10001", "01A", "20000401", ""),
    ("C10002", "01B", "20000401", ""),
    ("C10004", "01D", "20000401", ""),
    ("C10005", "01E", "20000401", ""),
]
NEWEST = [
    ("C10001", "01B", "20000401", "20191115"),  # closed in November 2019, when 01B had it
    ("C10002", "01C", "20000401", ""),
    ("C10003", "01A", "20000401", "20191115"),  # the register still lists it under 01A
    ("C10004", "01E", "20000401", "20191115"),
    ("C10005", "01D", "20000401", "20191115"),
]


def _register(path: Path, practices: list[tuple[str, str, str, str]]) -> Path:
    lines = []
    for code, area, opened, closed in practices:
        fields = [""] * 27
        fields[0], fields[1], fields[2], fields[3] = code, f"PRACTICE {code}", "Y63", "QOQ"
        fields[10], fields[11], fields[12], fields[14], fields[25] = (
            opened,
            closed,
            "C" if closed else "A",
            area,
            "4",
        )
        lines.append(",".join(f'"{field}"' for field in fields))
    path.write_text("\r\n".join(lines) + "\r\n")
    return path


def _eccg(path: Path) -> Path:
    lines = []
    for code, closed in AREAS:
        fields = [""] * 27
        fields[0], fields[1], fields[2], fields[3] = code, f"NHS AREA {code} CCG", "Y63", "QOQ"
        fields[10], fields[11], fields[21] = "20130401", closed, "1"
        lines.append(",".join(f'"{field}"' for field in fields))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_closed_areas_last_practice_is_counted_where_its_area_ended_up(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    files = [
        _eccg(tmp_path / "eccg.csv"),
        _register(tmp_path / "epraccur_2017.csv", OLDER),
        _register(tmp_path / "epraccur_2020.csv", NEWEST),
        write_epcn(
            tmp_path / "epcn.xlsx",
            spells=[["C10002", "PRACTICE C10002", "U30587", "DONCASTER NORTH PCN", "20191001", None]],
        ),
    ]
    assert [r.outcome for r in load_files(files, db)] == ["loaded"] * len(files)

    assert rows_of(db, "select ccg_code, successor_code, today_code from closed_areas order by all") == [
        ("01A", "01B", "01C"),  # 01A's practices went to 01B, which became 01C
        ("01B", "01C", "01C"),
        ("01D", "01E", None),  # a loop: no area to end in
        ("01E", "01D", None),
    ]
    october = "select practice_code, ccg_code from practice_months where month = ? order by all"
    assert rows_of(db, october, [date(2019, 10, 1)]) == [
        ("C10001", "01C"),
        ("C10002", "01C"),
        ("C10003", "01C"),
        ("C10004", "01E"),  # the loop keeps the register's area
        ("C10005", "01D"),
    ]
    assert rows_of(
        db, "select month, ccg_code, practices_open, practices_in_network from official_coverage"
    ) == [
        (date(2019, 10, 31), "01C", 3, 1),
        (date(2019, 10, 31), "01D", 1, 0),
        (date(2019, 10, 31), "01E", 1, 0),
    ]

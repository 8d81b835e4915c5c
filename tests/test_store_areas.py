"""areas: each CCG / sub-ICB location with the names people know, its ICB and its region."""

from __future__ import annotations

from pathlib import Path

from etl.store import load_files
from tests.helpers import STATUS_HEADER, STATUS_ROWS, rows_of

FIXTURES = Path(__file__).parent / "fixtures" / "official"
AREA_FILES = ["eccg_2024.csv", "gp-reg-pat-prac-map_2022-01.csv", "payments_2017-18.csv"]


def test_areas_name_each_code_from_eccg_the_mapping_file_and_payments(tmp_path: Path, write_csv) -> None:
    db = tmp_path / "tracker.duckdb"
    tracker = write_csv("status.csv", STATUS_HEADER, [STATUS_ROWS[0].replace(",02X,", ",99Z,")])
    assert {r.outcome for r in load_files([*(FIXTURES / name for name in AREA_FILES), tracker], db)} == {
        "loaded"
    }

    sql = "select * from areas where ccg_code in ('02X', '00K', '03H', '16C', '99Z') order by ccg_code"
    assert rows_of(db, sql) == [
        # only a payments file names it
        ("00K", "NHS HARTLEPOOL AND STOCKTON-ON-TEES CCG", "NHS HARTLEPOOL AND STOCKTON-ON-TEES CCG",
         None, None, None, None),
        # eccg and the mapping file: the ICB and region come from both, the ICB's name from the mapping file
        ("02X", "NHS SOUTH YORKSHIRE ICB - 02X", "NHS Doncaster CCG",
         "QF7", "South Yorkshire and Bassetlaw", "Y63", "North East and Yorkshire"),
        # eccg (ICB code) and payments (CCG name); the region named by another area of the mapping file
        ("03H", "NHS HUMBER AND NORTH YORKSHIRE ICB - 03H", "NHS NORTH EAST LINCOLNSHIRE CCG",
         "QOQ", None, "Y63", "North East and Yorkshire"),
        # the mapping file only
        ("16C", "NHS Tees Valley CCG", "NHS Tees Valley CCG",
         "QHM", "Cumbria and North East", "Y63", "North East and Yorkshire"),
        ("99Z", None, None, None, None, None, None),  # a tracker file's code that no official file knows
    ]  # fmt: skip


def test_areas_has_one_row_per_code(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files(sorted(FIXTURES.glob("*.csv")) + sorted(FIXTURES.glob("*.xlsx")), db)

    assert rows_of(db, "select count(*), count(distinct ccg_code) from areas") == [(14, 14)]

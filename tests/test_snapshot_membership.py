"""The mapping file as a monthly membership snapshot (issue 18 §2), on practices whose spells we know:
official_db's register and ePCN (October to December 2019), then a mapping file after them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from etl.store import load_files
from tests.helpers import rows_of

MAPPING_HEADER = (
    "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,"
    "ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,"
    "ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME"
)


def write_mapping(path: Path, extract: str, rows: list[tuple[str, str, str]]) -> Path:
    """A mapping file in its post-2022 layout: practice, PCN code, PCN name."""
    lines = [MAPPING_HEADER]
    for practice, pcn, pcn_name in rows:
        area = "08C" if practice.startswith("E") else "02X"
        lines.append(
            f"GP_PRAC_PAT_LIST,{extract},{practice},A PRACTICE,DN1 1AA,{pcn},{pcn_name},E38000044,{area},"
            f"NHS South Yorkshire ICB - {area},E54000061,QF7,NHS South Yorkshire Integrated Care Board,"
            "E40000012,Y63,North East and Yorkshire,EMIS"
        )
    path.write_text("\n".join(lines) + "\n")
    return path


# extract 1 March 2020: the end of February 2020. C86004 is open but not listed.
FEBRUARY = [
    ("C86001", "U30587", "DONCASTER NORTH PCN"),
    ("C86003", "U", "Unallocated"),
    ("E85001", "U00000", "WEST NORWICH PCN"),  # U00000 is a real PCN
]


def test_a_snapshot_measures_the_month_before_its_extract(official_db: Path, tmp_path: Path) -> None:
    load_files([write_mapping(tmp_path / "map.csv", "01Mar2020", FEBRUARY)], official_db)

    sql = """select practice_code, network_code, membership_source, snapshot_status
             from practice_months where month = '2020-02-01' order by 1"""
    assert rows_of(official_db, sql) == [
        ("C86001", "U30587", "snapshot", "in_pcn"),
        ("C86003", None, "snapshot", "unallocated"),
        ("C86004", None, "snapshot", "not_listed"),
        ("E85001", "U00000", "snapshot", "in_pcn"),
    ]


def test_a_month_with_neither_source_is_not_measured(official_db: Path, tmp_path: Path) -> None:
    load_files([write_mapping(tmp_path / "map.csv", "01Mar2020", FEBRUARY)], official_db)

    # January 2020: after the newest ePCN release, before the snapshot: a gap, nothing carried forward
    sql = """select month, ccg_code, practices_open, practices_in_network, membership_source
             from official_coverage"""
    assert rows_of(official_db, sql) == [
        (date(2019, 10, 31), "02X", 3, 3, "epcn"),
        (date(2019, 10, 31), "08C", 1, 0, "epcn"),
        (date(2019, 11, 30), "02X", 2, 1, "epcn"),
        (date(2019, 11, 30), "08C", 1, 0, "epcn"),
        (date(2019, 12, 31), "02X", 3, 2, "epcn"),
        (date(2019, 12, 31), "08C", 1, 0, "epcn"),
        (date(2020, 2, 29), "02X", 3, 1, "snapshot"),
        (date(2020, 2, 29), "08C", 1, 1, "snapshot"),
    ]
    assert rows_of(official_db, "select count(*) from practice_months where month = '2020-01-01'") == [(0,)]


def test_epcn_keeps_its_months_and_the_disagreements_are_counted(official_db: Path, tmp_path: Path) -> None:
    # extract 1 December 2019: November, which ePCN measures (C86001 and C86002 in U30587, C86004 out)
    november = [("C86001", "U30587", "DONCASTER NORTH PCN"), ("C86004", "U54853", "DONCASTER EAST PCN")]
    load_files([write_mapping(tmp_path / "map.csv", "01Dec2019", november)], official_db)

    sql = """select practice_code, network_code, membership_source
             from practice_months where month = '2019-11-01'"""
    assert sorted(rows_of(official_db, sql)) == [
        ("C86001", "U30587", "epcn"),
        ("C86004", None, "epcn"),
        ("E85001", None, "epcn"),
    ]
    sql = """select practice_code, epcn_network_code, snapshot_network_code, snapshot_status
             from membership_disagreements"""
    assert rows_of(official_db, sql) == [("C86004", None, "U54853", "in_pcn")]


def test_tracker_rows_say_the_tracker_measured_them(official_db: Path, tmp_path: Path) -> None:
    status = tmp_path / "status_2019-11.csv"
    status.write_text(
        "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level\n"
        "2019-11-01,02X,C86001,GREAT NORTH MEDICAL GROUP,9000,GMS,none\n"
    )
    load_files([status], official_db)

    sql = """select source, membership_source, snapshot_status, list_size_date
             from practice_months where month = '2019-11-01' and ccg_code = '02X'"""
    assert rows_of(official_db, sql) == [("tracker", "tracker", None, date(2019, 11, 1))]


def test_the_template_of_a_snapshot_month_takes_its_networks_from_the_snapshot(
    official_db: Path, tmp_path: Path
) -> None:
    from etl.template import write_template

    load_files([write_mapping(tmp_path / "map.csv", "01Mar2020", FEBRUARY)], official_db)
    out = tmp_path / "status_2020-02.csv"
    write_template(official_db, "02X", "2020-02", out)

    rows = [line.split(",") for line in out.read_text().splitlines()[1:]]
    # C86004 is open but not in the snapshot: no network, never ePCN's October spell carried forward
    assert [(row[2], row[7]) for row in rows] == [("C86001", "U30587"), ("C86003", ""), ("C86004", "")]

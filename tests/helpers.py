"""Tiny inputs written to tmp_path, and a way to read back what the database holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

STATUS_HEADER = (
    "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,"
    "integration_level,network_code,network_name,contract_status,gp_count,notes"
)


STATUS_ROWS = [
    "2018-03-01,02X,C86001,Askern Medical Practice,9500,GMS,virtual,02X-N01,Doncaster North,active,5,",
    "2018-03-01,02X,C86002,Bawtry Surgery,12000,PMS,partial,02X-N01,Doncaster North,active,7,",
    "2018-03-01,02X,C86003,Carcroft Surgery,2100,GMS,none,,,,1,single-handed",
    "2018-03-01,02X,C86004,Denaby Health Centre,8000,APMS,full,02X-N02,Doncaster South,suspended,4,",
]


MILESTONES_HEADER = "ccg_code,network_code,milestone,due_date,achieved_date,owner,notes"


MILESTONE_ROWS = [
    "02X,,ACS designated,2018-09-30,,CCG primary care lead,",
    "02X,02X-N01,Alliance agreement signed,2017-12-31,2018-01-15,Network clinical director,",
    "02X,,Data sharing agreement signed,2018-06-30,2018-06-20,,",
]


def rows_of(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """What a reader sees: a short-lived read-only connection."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> list[tuple]:
    """Every stored participation and milestone row: the data a rejected file must not change."""
    if not db.exists():
        return []
    return rows_of(db, "select * from practice_status order by all") + rows_of(
        db, "select * from milestones order by all"
    )


def write_big_status(path: Path, month: str, practices: int) -> Path:
    """A valid participation file with many practices, for loads that take a moment."""
    lines = [STATUS_HEADER]
    for i in range(practices):
        network = f"02X-N{i // 6:03d}" if i % 10 else ""
        name = f"Network {i // 6}" if network else ""
        lines.append(
            f"{month}-01,02X,C{i:05d},Practice {i},{5000 + i},GMS,virtual"
            if network
            else f"{month}-01,02X,C{i:05d},Practice {i},{5000 + i},GMS,none"
        )
        lines[-1] += f",{network},{name},active,3,"
    path.write_text("\n".join(lines) + "\n")
    return path


def write_epcn(path: Path, **layout: Any) -> Path:
    """A small ePCN workbook (tests/sources/helpers.py writes it)."""
    from tests.sources.helpers import write_epcn as write

    return write(path, **layout)


# code, name, open, close, commissioner, prescribing setting (4 = GP practice)
REGISTER = [
    ("C86001", "GREAT NORTH MEDICAL GROUP", "19740401", "", "02X", "4"),
    ("C86002", "BAWTRY SURGERY", "19740401", "20191115", "02X", "4"),  # closes mid-November
    ("C86003", "HATFIELD HEALTH CENTRE", "20191210", "", "02X", "4"),  # opens in December
    ("C86004", "DENABY HEALTH CENTRE", "19740401", "", "02X", "4"),
    ("Y02625", "DONCASTER WALK-IN CENTRE", "20100401", "", "02X", "1"),  # not a GP practice
    ("E85001", "BROOK GREEN MEDICAL CENTRE", "19740401", "", "08C", "4"),
]


SPELLS = [  # practice, practice name, PCN, PCN name, start, end
    ["C86001", "GREAT NORTH MEDICAL GROUP", "U30587", "DONCASTER NORTH PCN", 20191001, None],
    ["C86002", "BAWTRY SURGERY", "U30587", "DONCASTER NORTH PCN", 20191001, None],
    ["C86004", "DENABY HEALTH CENTRE", "U54853", "DONCASTER EAST PCN", 20191001, 20191031],
    ["C86003", "HATFIELD HEALTH CENTRE", "U54853", "DONCASTER EAST PCN", 20191220, None],
]


def write_register(path: Path) -> Path:
    lines = []
    for code, name, opened, closed, ccg, setting in REGISTER:
        fields = [""] * 27
        fields[0], fields[1], fields[2], fields[3] = code, name, "Y63", "Q72"
        fields[10], fields[11], fields[12], fields[14], fields[25] = (
            opened,
            closed,
            "C" if closed else "A",
            ccg,
            setting,
        )
        lines.append(",".join(f'"{field}"' for field in fields))
    path.write_text("\r\n".join(lines) + "\r\n")
    return path


def write_payments(path: Path, rows: list[tuple[str, str, str, str, str, str]]) -> Path:
    """A payments file: CCG, practice code, name, open date, close date, contract type (UK dates)."""
    lines = ["CCG Code,Practice Code,Practice Name,Practice Open Date,Practice Close Date,"
             "Contract Type,Number of Registered Patients (Last Known Figure)"]  # fmt: skip
    lines += [",".join([*row, "5000"]) for row in rows]
    path.write_text("\n".join(lines) + "\n")
    return path

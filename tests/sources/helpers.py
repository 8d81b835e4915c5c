"""Helpers for the readers' tests: the official excerpts, small files of every layout, and the
readers asked the way the loader asks them (etl.sources.read_input)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from etl.problems import FileRejected
from etl.sources import read_input, recognise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "official"


NHS_DATA = Path(__file__).resolve().parents[3] / "shared" / "nhs-data"


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def kind_of(path: Path) -> str | None:
    """The kind recognised from the file's content, or None when it is none of them."""
    try:
        return recognise(path.name, path.read_bytes()).name
    except FileRejected:
        return None


def tables_of(path: Path, kind: str | None = None) -> dict[str, pd.DataFrame]:
    """The frames a clean file gives."""
    read = read_input(path, kind)
    assert [str(p) for p in read.problems] == []
    return read.frames


def problems_of(path: Path, kind: str | None = None) -> list[str]:
    """Each problem as the user reads it."""
    read = read_input(path, kind)
    assert read.problems, "expected the file to be rejected"
    return [str(problem) for problem in read.problems]


def row_of(frame: pd.DataFrame, **where: str) -> dict:
    """The one row whose columns hold the given values, as a dict."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    (found,) = frame[mask].to_dict("records")
    return found


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


ADDRESS_HEADERS = [f"Address Line {n}" for n in range(1, 6)] + ["Postcode"]


DETAILS_HEADERS = {
    2019: ["PCN Code", "PCN Name", "Current Clinical Commissioning Group Code",
           "Clinical Commissioning Group Name", "Open Date (YYYYMMDD)", "Close Date"],
    2022: ["PCN Code", "PCN Name", "Current Clinical \nCommissioning \nGroup Code",
           "Clinical\nCommissioning\nGroup Name", "Open Date", "Close Date"],
    2023: ["PCN Code", "PCN Name", "Current Sub ICB Loc Code", "Sub ICB Loc Name", "Open Date",
           "Close Date"],
}  # fmt: skip


PARTNER_HEADERS = {
    2019: ["Partner Organisation Code", "Partner Name", "Practice Parent CCG Code",
           "Practice Parent CCG Name", "PCN Code", "PCN Name", "PCN Parent CCG Code",
           "PCN Parent CCG Name", "Practice to PCN Relationship Start Date",
           "Practice to PCN Relationship End Date", "Practice CCG and PCN CCG match?"],
    2022: ["Partner\nOrganisation\nCode", "Partner\nName", "Practice\nParent\nCCG Code",
           "Practice\nParent\nCCG Name", "PCN Code", "PCN Name", "PCN Parent\nCCG Code",
           "PCN Parent\nCCG Name", "Practice to PCN\nRelationship\nStart Date",
           "Practice to PCN\nRelationship\nEnd Date", "Practice CCG and PCN\nCCG Match "],
    2023: ["Partner\nOrganisation\nCode", "Partner\nName", "Practice\nParent\nSub ICB Loc Code",
           "Practice\nParent\nSub ICB Loc Name", "PCN Code", "PCN Name",
           "PCN Parent\nSub ICB Loc Code", "PCN Parent\nSub ICB Loc Name",
           "Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date",
           "Practice Sub ICB Loc and PCN Sub ICB Loc Match "],
}  # fmt: skip


ADDRESS = ["THE HEALTH CENTRE", "CHESTNUT AVENUE", None, "DONCASTER", None, "DN6 8AG"]


def write_epcn(
    path: Path,
    details_sheet: str = "PCNDetails",
    layout: int = 2022,
    date: object = "20191001",
    networks: list[list] | None = None,
    spells: list[list] | None = None,
) -> Path:
    """A small ePCN workbook in the layout of a given year: two networks, three spells."""
    ccg = "NHS DONCASTER CCG" if layout < 2023 else "NHS SOUTH YORKSHIRE ICB - 02X"
    networks = networks or [
        ["U30587", "DONCASTER NORTH PCN", "02X", ccg, date, None],
        ["U54853", "DONCASTER EAST PCN", "02X", ccg, date, None],
    ]
    spells = spells or [
        ["C86001", "GREAT NORTH MEDICAL GROUP", "U30587", "DONCASTER NORTH PCN", date, "20210331"],
        ["C86001", "GREAT NORTH MEDICAL GROUP", "U54853", "DONCASTER EAST PCN", "20210401", None],
        ["C86003", "HATFIELD HEALTH CENTRE", "U54853", "DONCASTER EAST PCN", date, None],
    ]
    workbook = openpyxl.Workbook()
    details = workbook.active
    assert isinstance(details, Worksheet)
    details.title = details_sheet
    details.append(DETAILS_HEADERS[layout] + ADDRESS_HEADERS)
    for network in networks:
        details.append(network + ADDRESS)
    partners = workbook.create_sheet("PCN Core Partner Details")
    partners.append(PARTNER_HEADERS[layout])
    for code, name, pcn, pcn_name, start, end in spells:
        partners.append([code, name, "02X", ccg, pcn, pcn_name, "02X", ccg, start, end, True])
    workbook.save(path)
    return path


def cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the cached values Excel would have saved (openpyxl writes none)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, xml in parts.items():
        if name.startswith("xl/worksheets/"):
            text = xml.decode()
            for cell, value in values.items():
                text = re.sub(
                    rf'<c r="{cell}">(<f>.*?</f>)<v\s*/>',
                    rf'<c r="{cell}" t="str">\1<v>{value}</v>',
                    text,
                )
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def epraccur_line(code: str, name: str, grouping: str, status: str, ccg: str, setting: str) -> str:
    """One epraccur record: 27 quoted fields, of which the reader uses ten."""
    fields = [""] * 27
    fields[0], fields[1], fields[2], fields[3] = code, name, grouping, "QHM"
    fields[10], fields[12], fields[14], fields[25] = "20200401", status, ccg, setting
    if status in {"C", "INACTIVE"}:
        fields[11] = "20230331"
    return ",".join(f'"{field}"' for field in fields)


def write_workbook(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    """An .xlsx with the given sheets (title -> rows, the first row the header)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path

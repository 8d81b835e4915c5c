"""ePCN, the ODS Primary Care Network workbook: networks and practices' membership spells."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.official.checks import (
    CCG_CODE,
    PCN_CODE,
    PRACTICE_CODE,
    are_dates,
    matches,
    once_each,
    parse_dates,
    problems_in,
)
from etl.official.columns import Wanted
from etl.official.csv_files import rejected
from etl.official.frames import shaped
from etl.official.workbooks import find_sheet, open_workbook, read_sheet
from etl.problems import FileRejected

# "PCN Details" in 2019, "PCNDetails" from 2022; found ignoring case and spaces.
DETAILS_SHEET = "PCN Details"
PARTNERS_SHEET = "PCN Core Partner Details"
ODS_DATE = "%Y%m%d"

# Headers carry line breaks from 2022 and say "Sub ICB Loc" instead of "CCG" from 2023.
COMMISSIONER = r"(ccg|clinical commissioning group|sub icb loc|sub icb location)"
NETWORK_COLUMNS = (
    Wanted("network_code", "PCN Code", r"^pcn code$"),
    Wanted("network_name", "PCN Name", r"^pcn name$"),
    Wanted("ccg_code", "Current CCG Code", rf"^(current )?{COMMISSIONER} code$"),
    Wanted("open_date", "Open Date", r"^open date\b"),
    Wanted("close_date", "Close Date", r"^close date\b", required=False),
)
MEMBERSHIP_COLUMNS = (
    Wanted("practice_code", "Partner Organisation Code", r"^partner organisation code$"),
    Wanted("network_code", "PCN Code", r"^pcn code$"),
    # a VLOOKUP in 2019 workbooks; without a cached value the name comes from PCN details
    Wanted("network_name", "PCN Name", r"^pcn name$", required=False),
    Wanted("start_date", "Practice to PCN Relationship Start Date", r"relationship start date$"),
    Wanted("end_date", "Practice to PCN Relationship End Date", r"relationship end date$"),
)


class Network(pa.DataFrameModel):
    """One PCN of the details sheet, as text cells."""

    network_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    network_name: Series[pd.StringDtype] = pa.Field(nullable=False)
    ccg_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    open_date: Series[pd.StringDtype] = pa.Field(nullable=False)
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)

    @pa.check("network_code", name="pcn_code")
    def pcn_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, PCN_CODE)

    @pa.check("network_code", name="one_row_per_network")
    def network_once(cls, cells: pd.Series) -> pd.Series:
        return once_each(cells)

    @pa.check("ccg_code", name="ccg_code_format")
    def ccg_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, CCG_CODE)

    @pa.check("open_date", "close_date", name="date_yyyymmdd")
    def ods_dates(cls, cells: pd.Series) -> pd.Series:
        return are_dates(cells, ODS_DATE)


class MembershipSpell(pa.DataFrameModel):
    """One practice-to-PCN relationship of the core partner sheet, as text cells."""

    practice_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    network_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    start_date: Series[pd.StringDtype] = pa.Field(nullable=False)
    end_date: Series[pd.StringDtype] = pa.Field(nullable=True)

    @pa.check("practice_code", name="practice_code_format")
    def practice_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, PRACTICE_CODE)

    @pa.check("network_code", name="pcn_code")
    def pcn_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, PCN_CODE)

    @pa.check("start_date", "end_date", name="date_yyyymmdd")
    def ods_dates(cls, cells: pd.Series) -> pd.Series:
        return are_dates(cells, ODS_DATE)


def missing_sheets(sheet_names: list[str], details: str | None, partners: str | None) -> str:
    """One sentence naming the sheets not found, and the sheets the workbook does have."""
    wanted = ((f'"{DETAILS_SHEET}" (or "PCNDetails")', details), (f'"{PARTNERS_SHEET}"', partners))
    absent = [name for name, found in wanted if found is None]
    noun = "sheet" if len(absent) == 1 else "sheets"
    shown = ", ".join(f'"{name}"' for name in sheet_names)
    return f"expected the {noun} {' and '.join(absent)}; the workbook has {shown}"


def read_epcn(path: Path) -> dict[str, pd.DataFrame]:
    """An ePCN workbook -> the networks, and one membership row per practice-to-PCN spell."""
    workbook = open_workbook(path)
    try:
        details = find_sheet(workbook, DETAILS_SHEET)
        partners = find_sheet(workbook, PARTNERS_SHEET)
        if details is None or partners is None:
            raise rejected(path.name, missing_sheets(workbook.sheetnames, details, partners))
        network_table = read_sheet(workbook, path.name, details, NETWORK_COLUMNS)
        membership_table = read_sheet(workbook, path.name, partners, MEMBERSHIP_COLUMNS)
    finally:
        workbook.close()  # a read-only workbook holds its archive open until closed

    if "close_date" not in network_table.frame:
        network_table.frame["close_date"] = pd.Series(
            pd.NA,
            index=network_table.frame.index,
            dtype="string",
        )
    # both sheets are checked before rejecting, so the report names every problem at once
    problems = problems_in(Network, network_table) + problems_in(MembershipSpell, membership_table)
    if problems:
        raise FileRejected(problems)

    networks = network_table.frame
    spells = membership_table.frame
    names = networks.set_index("network_code")["network_name"]
    looked_up = spells["network_code"].map(names).astype("string")
    given = spells.get("network_name", looked_up)
    return {
        "official_networks": shaped(
            "official_networks",
            {
                "network_code": networks["network_code"],
                "network_name": networks["network_name"],
                "ccg_code": networks["ccg_code"],
                "open_date": parse_dates(networks["open_date"], ODS_DATE),
                "close_date": parse_dates(networks["close_date"], ODS_DATE),
            },
            networks.index,
        ),
        "official_membership": shaped(
            "official_membership",
            {
                "practice_code": spells["practice_code"],
                "network_code": spells["network_code"],
                "network_name": given.fillna(looked_up),
                "start_date": parse_dates(spells["start_date"], ODS_DATE),
                "end_date": parse_dates(spells["end_date"], ODS_DATE),
            },
            spells.index,
        ),
    }

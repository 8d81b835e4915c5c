"""ePCN, the ODS Primary Care Network workbook: networks and practices' membership spells.

Recognised as a workbook with a "PCN Details" (or "PCNDetails") sheet. Its release date is the
newest date of either sheet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import once_each
from etl.dates import ODS_DATE, newest_date
from etl.headers import Wanted, normalise_header
from etl.problems import FileRejected, rejected
from etl.sources.kind import Head, Kind, Reading
from etl.sources.official import (
    CcgCodes,
    NetworkCodes,
    PracticeCodes,
    ods_dates,
    optional_column,
    parsed_dates,
    problems_in,
    shaped_from,
    spell_dates_in_order,
)
from etl.workbooks import find_sheet, open_workbook, read_sheet

# "PCN Details" in 2019, "PCNDetails" from 2022; found ignoring case and spaces.
DETAILS_SHEET = "PCN Details"
PARTNERS_SHEET = "PCN Core Partner Details"

# Headers carry line breaks from 2022 and say "Sub ICB Loc" instead of "CCG" from 2023.
COMMISSIONER = r"(ccg|clinical_commissioning_group|sub_icb_loc|sub_icb_location)"
NETWORK_COLUMNS = (
    Wanted.exactly("network_code", "PCN Code"),
    Wanted.exactly("network_name", "PCN Name"),
    Wanted("ccg_code", "Current CCG Code", rf"^(current_)?{COMMISSIONER}_code$"),
    Wanted("open_date", "Open Date", r"^open_date(_|$)"),
    Wanted("close_date", "Close Date", r"^close_date(_|$)", required=False),
)
MEMBERSHIP_COLUMNS = (
    Wanted.exactly("practice_code", "Partner Organisation Code"),
    Wanted.exactly("network_code", "PCN Code"),
    # a VLOOKUP in 2019 workbooks; without a cached value the name comes from PCN details
    Wanted.exactly("network_name", "PCN Name", required=False),
    Wanted("start_date", "Practice to PCN Relationship Start Date", r"relationship_start_date$"),
    Wanted("end_date", "Practice to PCN Relationship End Date", r"relationship_end_date$"),
)


def recognise(head: Head) -> bool:
    wanted = normalise_header(DETAILS_SHEET).replace("_", "")
    return head.sheets is not None and any(
        normalise_header(title).replace("_", "") == wanted for title in head.sheets
    )


class OneRowPerNetwork(pa.DataFrameModel):
    """Each PCN code on one line only (after NetworkCodes' format check, as a base listed after it)."""

    @pa.check("network_code")
    def one_row_per_network(cls, cells: pd.Series) -> pd.Series:
        return once_each(cells)


class Network(NetworkCodes, OneRowPerNetwork, CcgCodes):
    """One PCN of the details sheet, as text cells; its codes as NetworkCodes and CcgCodes check them."""

    network_name: Series[pd.StringDtype]
    open_date: Series[pd.StringDtype]
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)

    dates_as_ods = ods_dates("open_date", "close_date")


class MembershipSpell(PracticeCodes, NetworkCodes):
    """One practice-to-PCN relationship of the core partner sheet, as text cells."""

    start_date: Series[pd.StringDtype]
    end_date: Series[pd.StringDtype] = pa.Field(nullable=True)

    dates_as_ods = ods_dates("start_date", "end_date")
    dates_in_order = spell_dates_in_order()


EXPECTED = {"one_row_per_network": "each PCN once; this PCN code is on another line too"}


def missing_sheets(sheet_names: list[str], details: str | None, partners: str | None) -> str:
    """One sentence naming the sheets not found, and the sheets the workbook does have."""
    wanted = ((f'"{DETAILS_SHEET}" (or "PCNDetails")', details), (f'"{PARTNERS_SHEET}"', partners))
    absent = [name for name, found in wanted if found is None]
    noun = "sheet" if len(absent) == 1 else "sheets"
    shown = ", ".join(f'"{name}"' for name in sheet_names)
    return f"expected the {noun} {' and '.join(absent)}; the workbook has {shown}"


def read(path: Path) -> Reading:
    """An ePCN workbook -> the networks, and one membership row per practice-to-PCN spell."""
    file, data = path.name, path.read_bytes()
    workbook = open_workbook(file, data)
    try:
        details = find_sheet(workbook, DETAILS_SHEET)
        partners = find_sheet(workbook, PARTNERS_SHEET)
        if details is None or partners is None:
            raise rejected(file, missing_sheets(workbook.sheetnames, details, partners))
        network_table = read_sheet(workbook, file, details, NETWORK_COLUMNS)
        membership_table = read_sheet(workbook, file, partners, MEMBERSHIP_COLUMNS)
    finally:
        workbook.close()  # a read-only workbook holds its archive open until closed

    optional_column(network_table.frame, "close_date")
    # both sheets are checked before rejecting, so the report names every problem at once
    found = [problems_in(Network, network_table, EXPECTED), problems_in(MembershipSpell, membership_table)]
    if any(found):
        problems = [problem for each in found if each for problem in each.problems]
        raise FileRejected(problems, sum(each.total for each in found if each))

    networks = network_table.frame
    spells = membership_table.frame
    names = networks.set_index("network_code")["network_name"]
    looked_up = spells["network_code"].map(names).astype("string")
    given = spells.get("network_name", looked_up)
    network_dates = parsed_dates(networks, ("open_date", "close_date"), ODS_DATE)
    spell_dates = parsed_dates(spells, ("start_date", "end_date"), ODS_DATE)
    tables = {
        "official_networks": shaped_from("official_networks", networks, **network_dates),
        "official_membership": shaped_from(
            "official_membership", spells, network_name=given.fillna(looked_up), **spell_dates
        ),
    }
    return Reading(tables, newest_date(*network_dates.values(), *spell_dates.values()))


KIND = Kind("epcn", "ePCN", recognise, read)

"""ePCN, the ODS Primary Care Network file: networks and practices' membership spells.

Three layouts. The workbook: recognised by its "PCN Details" (or "PCNDetails") sheet; its release
date is the newest date of either sheet. And ODS Data Search and Export's two reports, each one of
the workbook's sheets as a CSV without a header: `epcn` (12 fields, the PCN details: each row's
first field a PCN code, its fifth the open date) and `epcncorepartnerdetails` (11 fields, the core
partners: a practice code, then at the fifth field its PCN code). A report's release date is the
newest date it holds, as the workbook's is.

The two reports are two halves of one release, loaded as two files of this kind. Only the core
partner half lists practices, so it alone decides practices' networks (network_membership takes,
for each practice, the newest release that lists it); the details half adds the networks and
their dates. Loaded together they give the views the workbook gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import once_each
from etl.dates import ODS_DATE, newest_date
from etl.formats import PCN_CODE, PRACTICE_CODE
from etl.headers import Wanted, normalise_header
from etl.problems import FileRejected, rejected
from etl.sources.kind import Head, Kind, Reading
from etl.sources.official import (
    MEMBERSHIP,
    NETWORKS,
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
from etl.text import SourceTable, first_rows, is_workbook, read_without_header
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


# The reports: the sheets' columns by position (0-based); labels number them from 1.
DETAILS_WIDTH = 12
DETAILS_POSITIONS = {"network_code": 0, "network_name": 1, "ccg_code": 2, "open_date": 4, "close_date": 5}
DETAILS_LABELS = {
    "network_code": "column 1 (PCN code)",
    "network_name": "column 2 (PCN name)",
    "ccg_code": "column 3 (sub-ICB location code)",
    "open_date": "column 5 (open date)",
    "close_date": "column 6 (close date)",
}
PARTNERS_WIDTH = 11
PARTNERS_POSITIONS = {
    "practice_code": 0,
    "network_code": 4,
    "network_name": 5,
    "start_date": 8,
    "end_date": 9,
}
PARTNERS_LABELS = {
    "practice_code": "column 1 (partner organisation code)",
    "network_code": "column 5 (PCN code)",
    "network_name": "column 6 (PCN name)",
    "start_date": "column 9 (relationship start date)",
    "end_date": "column 10 (relationship end date)",
}
ODS_DAY = r"[0-9]{8}"
HEAD_BYTES = 64 * 1024  # as much as the registry recognises a file by


def recognise(head: Head) -> bool:
    if head.sheets is None:
        return report_layout(head.rows) is not None
    wanted = normalise_header(DETAILS_SHEET).replace("_", "")
    return any(normalise_header(title).replace("_", "") == wanted for title in head.sheets)


def report_layout(rows: list[list[str]]) -> str | None:
    """'details' or 'partners' when most of a headerless CSV's first rows look like that report."""
    signs = {
        "details": (DETAILS_WIDTH, ((0, PCN_CODE), (4, ODS_DAY))),
        "partners": (PARTNERS_WIDTH, ((0, PRACTICE_CODE), (4, PCN_CODE))),
    }
    for layout, (width, fields) in signs.items():
        shaped = [row for row in rows if len(row) == width]
        if not shaped or len(shaped) < len(rows) - 1:  # allow a short last line cut off
            continue
        alike = sum(all(re.fullmatch(sign, row[at].strip()) for at, sign in fields) for row in shaped)
        if alike * 2 > len(shaped):
            return layout
    return None


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
    """An ePCN workbook or report -> its networks, and one membership row per practice-to-PCN spell."""
    file, data = path.name, path.read_bytes()
    if is_workbook(data) or path.suffix.lower() in (".xlsx", ".xlsm"):  # a broken one is told as such
        return from_sheets(*read_workbook(file, data))
    layout = report_layout(first_rows(data[:HEAD_BYTES]))
    if layout == "details":
        return from_sheets(read_without_header(file, data, DETAILS_POSITIONS, DETAILS_LABELS, DETAILS_WIDTH))
    if layout == "partners":
        table = read_without_header(file, data, PARTNERS_POSITIONS, PARTNERS_LABELS, PARTNERS_WIDTH)
        return from_sheets(None, table)
    raise rejected(
        file,
        f"expected an ePCN workbook, or an ODS report without a header: epcn ({DETAILS_WIDTH} fields, "
        f"a PCN code first) or epcncorepartnerdetails ({PARTNERS_WIDTH} fields, a practice code first)",
    )


def read_workbook(file: str, data: bytes) -> tuple[SourceTable, SourceTable]:
    """The workbook's two sheets, as text cells."""
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
    return network_table, membership_table


def from_sheets(network_table: SourceTable | None, membership_table: SourceTable | None = None) -> Reading:
    """The tables of the sheets a file holds (a report holds one), checked; the release date is the
    newest date of either."""
    # both sheets are checked before rejecting, so the report names every problem at once
    found = [
        problems_in(Network, network_table, EXPECTED) if network_table else None,
        problems_in(MembershipSpell, membership_table) if membership_table else None,
    ]
    if any(found):
        problems = [problem for each in found if each for problem in each.problems]
        raise FileRejected(problems, sum(each.total for each in found if each))

    tables = {}
    dates: list[pd.Series] = []
    names = pd.Series(dtype="string")
    if network_table is not None:
        networks = network_table.frame
        names = networks.set_index("network_code")["network_name"]
        network_dates = parsed_dates(networks, ("open_date", "close_date"), ODS_DATE)
        tables["official_networks"] = shaped_from("official_networks", networks, **network_dates)
        dates += network_dates.values()
    if membership_table is not None:
        spells = membership_table.frame
        looked_up = spells["network_code"].map(names).astype("string")
        given = spells.get("network_name", looked_up)
        spell_dates = parsed_dates(spells, ("start_date", "end_date"), ODS_DATE)
        tables["official_membership"] = shaped_from(
            "official_membership", spells, network_name=given.fillna(looked_up), **spell_dates
        )
        dates += spell_dates.values()
    return Reading(tables, newest_date(*dates))


KIND = Kind("epcn", "ePCN", recognise, read, stores=(NETWORKS, MEMBERSHIP))

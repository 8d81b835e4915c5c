"""NHS Payments to General Practice: each practice's CCG, contract type and registered patients.

Recognised by a header with a practice code, a contract type and registered patients.
Also gives the CCG names it writes (official_areas).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import are_list_sizes, list_sizes
from etl.dates import UK_DATE, are_dates, newest_date
from etl.headers import Wanted
from etl.sources.kind import Kind, Reading
from etl.sources.official import (
    AREAS,
    PRACTICE_FACTS,
    PracticeRows,
    optional_column,
    parsed_dates,
    recognised_by_header,
    shaped,
    shaped_from,
    validate,
)
from etl.text import read_with_header

CONTRACT_TYPES = ("GMS", "PMS", "APMS")
UNKNOWN_CONTRACT = "UNKNOWN"
COMMISSIONER = r"(ccg|sub_icb_location|sub_icb_loc)"

# Column names shift between financial years ("CCG Code" became "Sub ICB Location Code").
COLUMNS = (
    Wanted("ccg_code", "CCG Code", rf"^{COMMISSIONER}_code$"),
    Wanted("ccg_name", "CCG Name", rf"^{COMMISSIONER}_name$", required=False),
    Wanted.exactly("practice_code", "Practice Code"),
    Wanted.exactly("practice_name", "Practice Name"),
    Wanted("open_date", "Practice Open Date", r"^(practice_)?open_date$", required=False),
    Wanted("close_date", "Practice Close Date", r"^(practice_)?close_date$", required=False),
    Wanted("contract_type", "Contract Type", r"^(practice_)?contract_type$"),
    Wanted("list_size", "Number of Registered Patients", r"^(number_of_)?registered_patients(_|$)"),
)
# A payments file is known by these three columns together.
SIGNS = tuple(column for column in COLUMNS if column.field in {"practice_code", "contract_type", "list_size"})
recognise = recognised_by_header(SIGNS)


class PaymentsPractice(PracticeRows):
    """One practice of the payments file, as text cells."""

    ccg_code: Series[pd.StringDtype]
    practice_name: Series[pd.StringDtype]
    open_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    contract_type: Series[pd.StringDtype]
    list_size: Series[pd.StringDtype] = pa.Field(nullable=True)

    @pa.check("open_date", "close_date", name="date_dd_mm_yyyy")
    def uk_dates(cls, cells: pd.Series) -> pd.Series:
        return are_dates(cells, UK_DATE)

    @pa.check("contract_type", name="contract_type")
    def known_contract(cls, cells: pd.Series) -> pd.Series:
        return cells.str.upper().isin((*CONTRACT_TYPES, UNKNOWN_CONTRACT))

    @pa.check("list_size", name="list_size")
    def patients(cls, cells: pd.Series) -> pd.Series:
        return are_list_sizes(cells, whole=False)


EXPECTED = {"contract_type": "GMS, PMS, APMS or UNKNOWN"}


def areas(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per CCG code with the name this file gives it."""
    named = frame[["ccg_code", "ccg_name"]].drop_duplicates("ccg_code")
    return shaped(
        "official_areas", {"ccg_code": named["ccg_code"], "ccg_name": named["ccg_name"]}, named.index
    )


def read(path: Path) -> Reading:
    """A payments CSV -> one fact row per practice: CCG, name, dates, contract, list size."""
    file, data = path.name, path.read_bytes()
    table = read_with_header(file, data, COLUMNS)
    frame = table.frame
    optional_column(frame, "open_date", "close_date", "ccg_name")
    validate(PaymentsPractice, table, EXPECTED)
    contract = frame["contract_type"].str.upper()
    dates = parsed_dates(frame, ("open_date", "close_date"), UK_DATE)
    facts = shaped_from(
        "official_practice_facts",
        frame,
        **dates,
        contract_type=contract.where(contract.isin(CONTRACT_TYPES)),
        list_size=list_sizes(frame["list_size"]),
    )
    tables = {"official_practice_facts": facts, "official_areas": areas(frame)}
    return Reading(tables, newest_date(*dates.values()))


KIND = Kind("payments", "payments", recognise, read, stores=(PRACTICE_FACTS, AREAS))

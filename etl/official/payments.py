"""NHS Payments to General Practice: contract type and registered patients of each practice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.official.checks import (
    PracticeRows,
    are_dates,
    are_list_sizes,
    list_sizes,
    parse_dates,
    validate,
)
from etl.official.columns import Wanted
from etl.official.csv_files import read_with_header
from etl.official.frames import shaped

CONTRACT_TYPES = ("GMS", "PMS", "APMS")
UNKNOWN_CONTRACT = "UNKNOWN"
UK_DATE = "%d/%m/%Y"

# Column names shift between financial years ("CCG Code" became "Sub ICB Location Code").
COLUMNS = (
    Wanted("ccg_code", "CCG Code", r"^(ccg|sub icb location|sub icb loc) code$"),
    Wanted("practice_code", "Practice Code", r"^practice code$"),
    Wanted("practice_name", "Practice Name", r"^practice name$"),
    Wanted("open_date", "Practice Open Date", r"^(practice )?open date$", required=False),
    Wanted("close_date", "Practice Close Date", r"^(practice )?close date$", required=False),
    Wanted("contract_type", "Contract Type", r"^(practice )?contract type$"),
    Wanted("list_size", "Number of Registered Patients", r"^(number of )?registered patients\b"),
)
# A payments file is known by these three columns together.
SIGNS = {"practice_code", "contract_type", "list_size"}
HEADER_SIGNS = tuple(column for column in COLUMNS if column.field in SIGNS)


class PaymentsPractice(PracticeRows):
    """One practice of the payments file, as text cells."""

    ccg_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    practice_name: Series[pd.StringDtype] = pa.Field(nullable=False)
    open_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    contract_type: Series[pd.StringDtype] = pa.Field(nullable=False)
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


def read_payments(path: Path) -> dict[str, pd.DataFrame]:
    """A payments CSV -> one fact row per practice: CCG, name, dates, contract, list size."""
    table = read_with_header(path, COLUMNS)
    frame = table.frame
    for optional in ("open_date", "close_date"):
        if optional not in frame:
            frame[optional] = pd.Series(pd.NA, index=frame.index, dtype="string")
    validate(PaymentsPractice, table)
    contract = frame["contract_type"].str.upper()
    facts = shaped(
        "official_practice_facts",
        {
            "practice_code": frame["practice_code"],
            "practice_name": frame["practice_name"],
            "ccg_code": frame["ccg_code"],
            "open_date": parse_dates(frame["open_date"], UK_DATE),
            "close_date": parse_dates(frame["close_date"], UK_DATE),
            "contract_type": contract.where(contract.isin(CONTRACT_TYPES)),
            "list_size": list_sizes(frame["list_size"]),
        },
        frame.index,
    )
    return {"official_practice_facts": facts}

"""Patients Registered at a GP Practice: the list size of each practice on the extract date."""

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
from etl.official.columns import SourceTable, Wanted
from etl.official.csv_files import read_with_header, rejected
from etl.official.frames import shaped

# 01JAN2021 until 2022, 2026-04-01 in newer releases.
EXTRACT_DATE_FORMATS = ("%d%b%Y", "%Y-%m-%d")

# The CCG columns became SUB_ICB_LOCATION_CODE in releases after 2022.
COLUMNS = (
    Wanted("extract_date", "EXTRACT_DATE", r"^extract date$"),
    Wanted("row_type", "TYPE", r"^type$", required=False),
    Wanted("ccg_code", "CCG_CODE or SUB_ICB_LOCATION_CODE", r"^(ccg|sub icb location) code$"),
    Wanted("practice_code", "CODE", r"^(code|practice code)$"),
    Wanted("sex", "SEX", r"^sex$", required=False),
    Wanted("age", "AGE", r"^age$", required=False),
    Wanted("list_size", "NUMBER_OF_PATIENTS", r"^number of patients$"),
)
HEADER_SIGNS = tuple(c for c in COLUMNS if c.field in {"extract_date", "list_size"})


class RegisteredPatients(PracticeRows):
    """The all-ages, all-sexes total of one GP practice, as text cells."""

    extract_date: Series[pd.StringDtype] = pa.Field(nullable=False)
    ccg_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    list_size: Series[pd.StringDtype] = pa.Field(nullable=False)

    @pa.check("extract_date", name="extract_date")
    def extract_date_format(cls, cells: pd.Series) -> pd.Series:
        return are_dates(cells, *EXTRACT_DATE_FORMATS)

    @pa.check("list_size", name="whole_list_size")
    def patients(cls, cells: pd.Series) -> pd.Series:
        return are_list_sizes(cells, whole=True)


def practice_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Only the GP practice totals: the same file layout also carries breakdowns by sex and age."""
    keep = pd.Series(True, index=frame.index)
    for field, total in (("row_type", "GP"), ("sex", "ALL"), ("age", "ALL")):
        if field in frame:
            keep &= (frame[field].str.upper() == total).fillna(False)
    return frame[keep]


def read_list_sizes(path: Path) -> dict[str, pd.DataFrame]:
    """A list-size CSV -> one fact row per practice: commissioner and registered patients.

    The extract date is not a fact column; it is kept in the frame's attrs["extract_date"].
    """
    table = read_with_header(path, COLUMNS)
    frame = practice_totals(table.frame)
    if frame.empty:
        message = "expected practice totals (TYPE GP, SEX ALL, AGE ALL); found none"
        raise rejected(table.file, message)
    validate(RegisteredPatients, SourceTable(table.file, frame, table.source_names))
    facts = shaped(
        "official_practice_facts",
        {
            "practice_code": frame["practice_code"],
            "ccg_code": frame["ccg_code"],
            "list_size": list_sizes(frame["list_size"]),
        },
        frame.index,
    )
    extract_dates = parse_dates(frame["extract_date"], *EXTRACT_DATE_FORMATS)
    facts.attrs["extract_date"] = extract_dates.max() if len(extract_dates) else pd.NaT
    return {"official_practice_facts": facts}

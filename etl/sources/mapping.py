"""The list-size publication's mapping file (gp-reg-pat-prac-map): each practice's CCG, STP and
NHS region with their names, on the extract date. Read for the areas: one row per CCG code.

Recognised by a header with PRACTICE_CODE, a CCG (or, from July 2022, SUB_ICB_LOCATION) name,
an STP (or ICB) code and COMM_REGION_CODE; unlike the list sizes, it has no NUMBER_OF_PATIENTS.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import CCG_CODE, PRACTICE_CODE, matches
from etl.dates import are_dates, newest_date, parse_dates
from etl.headers import Wanted, has_columns
from etl.sources.kind import Head, Kind, Reading
from etl.sources.official import shaped, validate
from etl.text import read_with_header

# 01Jan2022 in the CCG/STP layout; later releases may write 2026-04-01.
EXTRACT_DATE_FORMATS = ("%d%b%Y", "%Y-%m-%d")
AREA = r"(ccg|sub_icb_location)"
SYSTEM = r"(stp|icb)"

COLUMNS = (
    Wanted("extract_date", "EXTRACT_DATE", r"^extract_date$"),
    Wanted("practice_code", "PRACTICE_CODE", r"^practice_code$"),
    Wanted("ccg_code", "CCG_CODE or SUB_ICB_LOCATION_CODE", rf"^{AREA}_code$"),
    Wanted("ccg_name", "CCG_NAME or SUB_ICB_LOCATION_NAME", rf"^{AREA}_name$"),
    Wanted("icb_code", "STP_CODE or ICB_CODE", rf"^{SYSTEM}_code$"),
    Wanted("icb_name", "STP_NAME or ICB_NAME", rf"^{SYSTEM}_name$"),
    Wanted("region_code", "COMM_REGION_CODE", r"^comm_region_code$"),
    Wanted("region_name", "COMM_REGION_NAME", r"^comm_region_name$"),
)
NOT_MAPPING = (Wanted("list_size", "NUMBER_OF_PATIENTS", r"^number_of_patients$"),)


def recognise(head: Head) -> bool:
    if not head.rows:
        return False
    header = list(head.rows[0])
    return has_columns(header, COLUMNS) and not has_columns(header, NOT_MAPPING)


class PracticeArea(pa.DataFrameModel):
    """One practice of the mapping file with its area, system and region, as text cells."""

    extract_date: Series[pd.StringDtype] = pa.Field(nullable=False)
    practice_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    ccg_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    ccg_name: Series[pd.StringDtype] = pa.Field(nullable=False)
    icb_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    icb_name: Series[pd.StringDtype] = pa.Field(nullable=True)
    region_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    region_name: Series[pd.StringDtype] = pa.Field(nullable=True)

    @pa.check("practice_code", name="practice_code_format")
    def practice_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, PRACTICE_CODE)

    @pa.check("ccg_code", name="ccg_code_format")
    def ccg_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, CCG_CODE)

    @pa.check("extract_date", name="extract_date")
    def extract_date_format(cls, cells: pd.Series) -> pd.Series:
        return are_dates(cells, *EXTRACT_DATE_FORMATS)


def read(path: Path) -> Reading:
    """A mapping CSV -> official_areas: each CCG or sub-ICB location with its ICB and region."""
    file, data = path.name, path.read_bytes()
    table = read_with_header(file, data, COLUMNS)
    validate(PracticeArea, table)
    frame = table.frame.drop_duplicates("ccg_code")
    areas = shaped(
        "official_areas",
        {name: frame[name] for name in frame.columns if name not in ("extract_date", "practice_code")},
        frame.index,
    )
    release = newest_date(parse_dates(table.frame["extract_date"], *EXTRACT_DATE_FORMATS))
    return Reading({"official_areas": areas}, release)


KIND = Kind("mapping", "list-size mapping", recognise, read)

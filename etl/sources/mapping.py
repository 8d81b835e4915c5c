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

from etl.dates import EXTRACT_DATES, newest_date, parse_dates
from etl.headers import Wanted
from etl.sources.kind import Kind, Reading
from etl.sources.official import (
    CcgCodes,
    PracticeCodes,
    extract_dates,
    recognised_by_header,
    shaped_from,
    validate,
)
from etl.text import read_with_header

AREA = r"(ccg|sub_icb_location)"
SYSTEM = r"(stp|icb)"

COLUMNS = (
    Wanted.exactly("extract_date", "EXTRACT_DATE"),
    Wanted.exactly("practice_code", "PRACTICE_CODE"),
    Wanted("ccg_code", "CCG_CODE or SUB_ICB_LOCATION_CODE", rf"^{AREA}_code$"),
    Wanted("ccg_name", "CCG_NAME or SUB_ICB_LOCATION_NAME", rf"^{AREA}_name$"),
    Wanted("icb_code", "STP_CODE or ICB_CODE", rf"^{SYSTEM}_code$"),
    Wanted("icb_name", "STP_NAME or ICB_NAME", rf"^{SYSTEM}_name$"),
    Wanted.exactly("region_code", "COMM_REGION_CODE"),
    Wanted.exactly("region_name", "COMM_REGION_NAME"),
)
NOT_MAPPING = (Wanted.exactly("list_size", "NUMBER_OF_PATIENTS"),)
recognise = recognised_by_header(COLUMNS, unless=NOT_MAPPING)


class PracticeArea(PracticeCodes, CcgCodes):
    """One practice of the mapping file with its area, system and region, as text cells."""

    extract_date: Series[pd.StringDtype]
    ccg_name: Series[pd.StringDtype]
    icb_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    icb_name: Series[pd.StringDtype] = pa.Field(nullable=True)
    region_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    region_name: Series[pd.StringDtype] = pa.Field(nullable=True)

    extract_date_format = extract_dates()


def read(path: Path) -> Reading:
    """A mapping CSV -> official_areas: each CCG or sub-ICB location with its ICB and region."""
    file, data = path.name, path.read_bytes()
    table = read_with_header(file, data, COLUMNS)
    validate(PracticeArea, table)
    frame = table.frame.drop_duplicates("ccg_code")
    areas = shaped_from("official_areas", frame)
    release = newest_date(parse_dates(table.frame["extract_date"], *EXTRACT_DATES))
    return Reading({"official_areas": areas}, release)


KIND = Kind("mapping", "list-size mapping", recognise, read)

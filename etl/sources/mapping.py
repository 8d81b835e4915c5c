"""The list-size publication's mapping file (gp-reg-pat-prac-map): each practice's PCN, CCG, STP
and NHS region with their names, on the extract date. Read for the areas (one row per CCG code)
and, where it has PCN_CODE, as a monthly snapshot of membership: one row per practice listed
(official_registrations). An extract dated the 1st of a month describes the end of the month before.

Recognised by a header with PRACTICE_CODE, a CCG (or, from July 2022, SUB_ICB_LOCATION) name,
an STP (or ICB) code and COMM_REGION_CODE; unlike the list sizes, it has no NUMBER_OF_PATIENTS.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import blank_or
from etl.dates import newest_date, parse_dates
from etl.formats import PCN_CODE
from etl.headers import Wanted
from etl.sources.kind import Kind, Reading
from etl.sources.official import (
    AREAS,
    EXTRACT_DATE_STYLES,
    REGISTRATIONS,
    CcgCodes,
    PracticeCodes,
    extract_dates,
    optional_column,
    recognised_by_header,
    shaped,
    shaped_from,
    validate,
)
from etl.text import read_with_header

AREA = r"(ccg|sub_icb_location|sub_icb_loc)"
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
    # PCNs began in July 2019: a mapping file from before has no PCN columns
    Wanted.exactly("network_code", "PCN_CODE", required=False),
    Wanted.exactly("network_name", "PCN_NAME", required=False),
)
# PCN_CODE: a PCN ("U" and 5 digits; U00000 is a real PCN), or "U" for a practice in none
UNALLOCATED = "U"
SNAPSHOT_PCN = rf"{PCN_CODE}|{UNALLOCATED}"
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

    network_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    network_name: Series[pd.StringDtype] = pa.Field(nullable=True)

    extract_date_format = extract_dates()

    @pa.check("network_code", name="snapshot_pcn_code")
    def snapshot_pcn_code(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, cells.str.fullmatch(SNAPSHOT_PCN))


EXPECTED = {"snapshot_pcn_code": "U and 5 digits (a PCN), or U for a practice in no PCN"}


def registrations(frame: pd.DataFrame, extract: pd.Series) -> pd.DataFrame:
    """One row per practice listed with its PCN code as written (U: in none) on the extract date."""
    return shaped(
        "official_registrations",
        {
            "practice_code": frame["practice_code"],
            "network_code": frame["network_code"],
            "network_name": frame["network_name"],
            "extract_date": extract,
        },
        frame.index,
    )


def read(path: Path) -> Reading:
    """A mapping CSV -> official_areas: each CCG or sub-ICB location with its ICB and region."""
    file, data = path.name, path.read_bytes()
    table = read_with_header(file, data, COLUMNS)
    optional_column(table.frame, "network_code", "network_name")
    validate(PracticeArea, table, EXPECTED)
    frame = table.frame.drop_duplicates("ccg_code")
    areas = shaped_from("official_areas", frame)
    extract = parse_dates(table.frame["extract_date"], *EXTRACT_DATE_STYLES)
    tables = {"official_areas": areas}
    if table.source_names.get("network_code"):  # a file with PCN_CODE: a membership snapshot
        tables["official_registrations"] = registrations(table.frame, extract)
    return Reading(tables, newest_date(extract))


KIND = Kind("mapping", "list-size mapping", recognise, read, stores=(AREAS, REGISTRATIONS))

"""Patients Registered at a GP Practice: the list size of each practice on the extract date.

Recognised by a header with EXTRACT_DATE and NUMBER_OF_PATIENTS. Its release date is the
extract date.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import are_list_sizes, list_sizes
from etl.dates import newest_date, parse_dates
from etl.headers import Wanted
from etl.problems import rejected
from etl.sources.kind import Kind, Reading
from etl.sources.official import (
    EXTRACT_DATE_STYLES,
    PRACTICE_FACTS,
    PracticeRows,
    extract_dates,
    recognised_by_header,
    shaped,
    validate,
)
from etl.text import SourceTable, read_with_header

# The CCG columns became SUB_ICB_LOCATION_CODE in releases after 2022.
COLUMNS = (
    Wanted.exactly("extract_date", "EXTRACT_DATE"),
    Wanted.exactly("row_type", "TYPE", required=False),
    Wanted("ccg_code", "CCG_CODE or SUB_ICB_LOCATION_CODE", r"^(ccg|sub_icb_location|sub_icb_loc)_code$"),
    Wanted("practice_code", "CODE", r"^(code|practice_code)$"),
    Wanted.exactly("sex", "SEX", required=False),
    Wanted.exactly("age", "AGE", required=False),
    Wanted.exactly("list_size", "NUMBER_OF_PATIENTS"),
)
SIGNS = tuple(c for c in COLUMNS if c.field in {"extract_date", "list_size"})
recognise = recognised_by_header(SIGNS)


class RegisteredPatients(PracticeRows):
    """The all-ages, all-sexes total of one GP practice, as text cells."""

    extract_date: Series[pd.StringDtype]
    ccg_code: Series[pd.StringDtype]
    list_size: Series[pd.StringDtype]

    extract_date_format = extract_dates()

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


def read(path: Path) -> Reading:
    """A list-size CSV -> one fact row per practice: commissioner and registered patients."""
    file, data = path.name, path.read_bytes()
    table = read_with_header(file, data, COLUMNS)
    frame = practice_totals(table.frame)
    if frame.empty:
        raise rejected(table.file, "expected practice totals (TYPE GP, SEX ALL, AGE ALL); found none")
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
    release = newest_date(parse_dates(frame["extract_date"], *EXTRACT_DATE_STYLES))
    facts.attrs["extract_date"] = pd.Timestamp(release) if release else pd.NaT
    return Reading({"official_practice_facts": facts}, release)


KIND = Kind("list_sizes", "list sizes", recognise, read, stores=(PRACTICE_FACTS,))

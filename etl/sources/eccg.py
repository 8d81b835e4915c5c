"""eccg, the ODS register of CCGs (later sub-ICB locations), their region, ICB, open and close dates.

Recognised by having no header and at least 12 fields, first fields CCG-like codes and some
names starting "NHS ".
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import once_each
from etl.dates import ODS_DATE, newest_date
from etl.sources.kind import Head, Kind, Reading
from etl.sources.official import CCGS, CcgCodes, ods_dates, parsed_dates, shaped_from, validate
from etl.text import read_without_header

WIDTH = 12  # the columns read; the register has 27, as epraccur
RECOGNISED_WIDTH = 27
CCG_LIKE = r"[A-Z0-9]{3,5}"
POSITIONS = {"ccg_code": 0, "ccg_name": 1, "region_code": 2, "icb_code": 3, "open_date": 10, "close_date": 11}
LABELS = {
    "ccg_code": "column 1 (organisation code)",
    "ccg_name": "column 2 (name)",
    "region_code": "column 3 (national grouping)",
    "icb_code": "column 4 (high level health geography)",
    "open_date": "column 11 (open date)",
    "close_date": "column 12 (close date)",
}


def recognise(head: Head) -> bool:
    wide = [row for row in head.rows if len(row) >= RECOGNISED_WIDTH]
    if not wide or len(wide) < len(head.rows) - 1:
        return False
    ccg_like = sum(re.fullmatch(CCG_LIKE, row[0]) is not None for row in wide) * 2 > len(wide)
    return ccg_like and any(row[1].upper().startswith("NHS ") for row in wide)


class OneRowPerCcg(pa.DataFrameModel):
    """Each CCG code on one line only (after CcgCodes' format check, as a base listed after it)."""

    @pa.check("ccg_code")
    def one_row_per_ccg(cls, cells: pd.Series) -> pd.Series:
        return once_each(cells)


class Commissioner(CcgCodes, OneRowPerCcg):
    """One CCG or sub-ICB location of eccg, as text cells; its code as CcgCodes checks it."""

    ccg_name: Series[pd.StringDtype]
    region_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    icb_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    open_date: Series[pd.StringDtype]
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)

    dates_as_ods = ods_dates("open_date", "close_date")


EXPECTED = {"one_row_per_ccg": "each CCG once; this code is on another line too"}


def read(path: Path) -> Reading:
    """A headerless eccg CSV -> one row per commissioner; closed ones stay (they show mergers)."""
    file, data = path.name, path.read_bytes()
    table = read_without_header(file, data, POSITIONS, LABELS, min_width=WIDTH)
    validate(Commissioner, table, EXPECTED)
    frame = table.frame
    dates = parsed_dates(frame, ("open_date", "close_date"), ODS_DATE)
    ccgs = shaped_from("official_ccgs", frame, **dates)
    return Reading({"official_ccgs": ccgs}, newest_date(*dates.values()))


KIND = Kind("eccg", "eccg", recognise, read, stores=(CCGS,))

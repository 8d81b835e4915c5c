"""eccg, the ODS register of CCGs (later sub-ICB locations) and when they opened and closed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.official.checks import CCG_CODE, are_dates, matches, once_each, parse_dates, validate
from etl.official.csv_files import read_without_header
from etl.official.frames import shaped

ODS_DATE = "%Y%m%d"
POSITIONS = {"ccg_code": 0, "ccg_name": 1, "open_date": 10, "close_date": 11}
LABELS = {
    "ccg_code": "column 1 (organisation code)",
    "ccg_name": "column 2 (name)",
    "open_date": "column 11 (open date)",
    "close_date": "column 12 (close date)",
}


class Commissioner(pa.DataFrameModel):
    """One CCG or sub-ICB location of eccg, as text cells."""

    ccg_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    ccg_name: Series[pd.StringDtype] = pa.Field(nullable=False)
    open_date: Series[pd.StringDtype] = pa.Field(nullable=False)
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)

    @pa.check("ccg_code", name="ccg_code_format")
    def ccg_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, CCG_CODE)

    @pa.check("ccg_code", name="one_row_per_ccg")
    def ccg_once(cls, cells: pd.Series) -> pd.Series:
        return once_each(cells)

    @pa.check("open_date", "close_date", name="date_yyyymmdd")
    def ods_dates(cls, cells: pd.Series) -> pd.Series:
        return are_dates(cells, ODS_DATE)


def read_eccg(path: Path) -> dict[str, pd.DataFrame]:
    """A headerless eccg CSV -> one row per commissioner; closed ones stay (they show mergers)."""
    table = read_without_header(path, POSITIONS, LABELS, min_width=12)
    validate(Commissioner, table)
    frame = table.frame
    ccgs = shaped(
        "official_ccgs",
        {
            "ccg_code": frame["ccg_code"],
            "ccg_name": frame["ccg_name"],
            "open_date": parse_dates(frame["open_date"], ODS_DATE),
            "close_date": parse_dates(frame["close_date"], ODS_DATE),
        },
        frame.index,
    )
    return {"official_ccgs": ccgs}

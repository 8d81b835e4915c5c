"""epraccur, the ODS register of prescribing cost centres: the GP practices of England."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.official.checks import (
    PracticeRows,
    are_dates,
    parse_dates,
    validate,
)
from etl.official.columns import SourceTable
from etl.official.csv_files import read_without_header, rejected
from etl.official.frames import shaped

WIDTH = 27
ODS_DATE = "%Y%m%d"

# 0-based positions of the columns we use; labels number them from 1, as the specification does.
POSITIONS = {
    "practice_code": 0,
    "practice_name": 1,
    "national_grouping": 2,
    "open_date": 10,
    "close_date": 11,
    "status": 12,
    "ccg_code": 14,
    "prescribing_setting": 25,
}
LABELS = {
    "practice_code": "column 1 (organisation code)",
    "practice_name": "column 2 (name)",
    "national_grouping": "column 3 (national grouping)",
    "open_date": "column 11 (open date)",
    "close_date": "column 12 (close date)",
    "status": "column 13 (status code)",
    "ccg_code": "column 15 (commissioner)",
    "prescribing_setting": "column 26 (prescribing setting)",
}

# Older releases use letters, the newest use words; INACTIVE is what ODS now calls closed.
STATUSES = {
    "A": "active",
    "ACTIVE": "active",
    "C": "closed",
    "CLOSED": "closed",
    "INACTIVE": "closed",
    "D": "dormant",
    "DORMANT": "dormant",
    "P": "proposed",
    "PROPOSED": "proposed",
}
# Prescribing setting 4 is a GP practice; the newest releases give the ODS role RO76 instead.
GP_PRACTICE_SETTINGS = {"4": "4", "RO76": "4"}
# Welsh local health boards commission Welsh practices (7A1..7A7); Wales is national grouping W00.
WELSH_COMMISSIONER = r"7A\d"


class EpraccurPractice(PracticeRows):
    """One GP practice of epraccur, as text cells."""

    practice_name: Series[pd.StringDtype] = pa.Field(nullable=False)
    open_date: Series[pd.StringDtype] = pa.Field(nullable=False)
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    status: Series[pd.StringDtype] = pa.Field(nullable=False)

    @pa.check("open_date", "close_date", name="date_yyyymmdd")
    def ods_dates(cls, cells: pd.Series) -> pd.Series:
        return are_dates(cells, ODS_DATE)

    @pa.check("status", name="status")
    def known_status(cls, cells: pd.Series) -> pd.Series:
        return cells.str.upper().isin(STATUSES)


def english_gp_practices(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows for GP practices in England: not walk-in centres, prisons or Welsh practices."""
    setting = frame["prescribing_setting"].str.upper()
    welsh = (
        frame["national_grouping"].str.startswith("W").fillna(False)
        | frame["practice_code"].str.startswith("W").fillna(False)
        | frame["ccg_code"].str.fullmatch(WELSH_COMMISSIONER).fillna(False)
    )
    return frame[setting.isin(GP_PRACTICE_SETTINGS).fillna(False) & ~welsh]


def read_epraccur(path: Path) -> dict[str, pd.DataFrame]:
    """A headerless epraccur CSV -> one fact row per English GP practice, any status."""
    table = read_without_header(path, POSITIONS, LABELS, min_width=WIDTH)
    frame = english_gp_practices(table.frame)
    if frame.empty:  # most likely another kind of file read as epraccur
        message = "expected GP practices (prescribing setting 4 or RO76); found none"
        raise rejected(table.file, message)
    validate(EpraccurPractice, SourceTable(table.file, frame, table.source_names))
    setting = frame["prescribing_setting"].str.upper()
    facts = shaped(
        "official_practice_facts",
        {
            "practice_code": frame["practice_code"],
            "practice_name": frame["practice_name"],
            "ccg_code": frame["ccg_code"],
            "open_date": parse_dates(frame["open_date"], ODS_DATE),
            "close_date": parse_dates(frame["close_date"], ODS_DATE),
            "status": frame["status"].str.upper().map(STATUSES),
            "prescribing_setting": setting.map(GP_PRACTICE_SETTINGS),
        },
        frame.index,
    )
    return {"official_practice_facts": facts}

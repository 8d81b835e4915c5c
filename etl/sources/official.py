"""What the official kinds share: the stored shape of their tables, the practice-row model,
the expectations they word alike, and one way to validate their cells."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import (
    CCG_CODE,
    EXPECT_CCG_CODE,
    EXPECT_PRACTICE_CODE,
    EXPECT_VALUE,
    MAX_LIST_SIZE,
    NO_KNOWN_PATIENTS,
    PRACTICE_CODE,
    matches,
    once_each,
)
from etl.problems import FileRejected, Messages, Where, problems_from
from etl.text import SourceTable

TEXT = "string"
DATE = "datetime64[ns]"
WHOLE_NUMBER = "Int64"

TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "official_practice_facts": {
        "practice_code": TEXT,
        "practice_name": TEXT,
        "ccg_code": TEXT,
        "open_date": DATE,
        "close_date": DATE,
        "status": TEXT,
        "contract_type": TEXT,
        "list_size": WHOLE_NUMBER,
        "prescribing_setting": TEXT,
    },
    "official_ccgs": {
        "ccg_code": TEXT,
        "ccg_name": TEXT,
        "open_date": DATE,
        "close_date": DATE,
        "region_code": TEXT,
        "icb_code": TEXT,
    },
    "official_networks": {
        "network_code": TEXT,
        "network_name": TEXT,
        "ccg_code": TEXT,
        "open_date": DATE,
        "close_date": DATE,
    },
    "official_membership": {
        "practice_code": TEXT,
        "network_code": TEXT,
        "network_name": TEXT,
        "start_date": DATE,
        "end_date": DATE,
    },
    "official_areas": {
        "ccg_code": TEXT,
        "ccg_name": TEXT,
        "icb_code": TEXT,
        "icb_name": TEXT,
        "region_code": TEXT,
        "region_name": TEXT,
    },
}

EXPECTED = {
    "not_nullable": EXPECT_VALUE,
    "practice_code_format": EXPECT_PRACTICE_CODE,
    "pcn_code": "U and 5 digits",
    "ccg_code_format": EXPECT_CCG_CODE,
    "date_yyyymmdd": "a date as YYYYMMDD",
    "date_dd_mm_yyyy": "a date as DD/MM/YYYY",
    "extract_date": "a date like 01JAN2021 or 2021-01-01",
    "whole_list_size": f"a whole number of patients from 0 to {MAX_LIST_SIZE:,}",
    "list_size": f"a number of patients from 0 to {MAX_LIST_SIZE:,}, or {NO_KNOWN_PATIENTS}",
    "one_row_per_practice": "each practice once; this practice code is on another line too",
}


def shaped(name: str, known: dict[str, pd.Series], index: pd.Index) -> pd.DataFrame:
    """Every column of table `name`, in order and typed; what the source does not know is null."""
    columns = {}
    for column, dtype in TABLE_COLUMNS[name].items():
        if column in known:
            columns[column] = known[column].astype(dtype)
        else:
            unknown = pd.NaT if dtype == DATE else pd.NA
            columns[column] = pd.Series(unknown, index=index, dtype=dtype)
    return pd.DataFrame(columns, index=index).reset_index(drop=True)


def problems_in(
    model: type[pa.DataFrameModel], table: SourceTable, expected: dict[str, str] | None = None
) -> FileRejected | None:
    """Every problem `model` finds in the table (its frame is indexed by line), or None."""
    try:
        model.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        where = Where(table.file, int, lambda name: table.source_names.get(name, name))
        messages = Messages("official", {**EXPECTED, **(expected or {})})
        return problems_from(errors.failure_cases, where, messages)
    return None


def validate(
    model: type[pa.DataFrameModel], table: SourceTable, expected: dict[str, str] | None = None
) -> None:
    """Check every cell at once (lazy); any failure rejects the whole file with every problem."""
    if (found := problems_in(model, table, expected)) is not None:
        raise found


def optional_column(frame: pd.DataFrame, *names: str) -> None:
    """Give the frame each column its file may leave out, empty."""
    for name in names:
        if name not in frame:
            frame[name] = pd.Series(pd.NA, index=frame.index, dtype="string")


class PracticeRows(pa.DataFrameModel):
    """What every official list of practices shares: a valid practice code, once each, and its CCG.

    Each check's method is named as the check, because pandera names an inherited check after
    its method whatever `name=` says.
    """

    practice_code: Series[pd.StringDtype] = pa.Field(nullable=False)
    ccg_code: Series[pd.StringDtype] = pa.Field(nullable=True)

    @pa.check("practice_code")
    def practice_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, PRACTICE_CODE)

    @pa.check("practice_code")
    def one_row_per_practice(cls, cells: pd.Series) -> pd.Series:
        return once_each(cells)

    @pa.check("ccg_code")
    def ccg_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, CCG_CODE)

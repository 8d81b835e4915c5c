"""Rules shared by the official readers, and pandera's failures turned into sentences.

Readers validate text cells (indexed by the line a spreadsheet shows), so a problem quotes the
value exactly as it is in the file. Each check is named; EXPECTED turns a check's name into the
plain-English expectation shown to the user.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.official.columns import SourceTable
from etl.problems import FileRejected, Problem

PRACTICE_CODE = r"[A-Z]\d{5}"
PCN_CODE = r"U\d{5}"
CCG_CODE = r"[A-Z0-9]{3}|[A-Z0-9]{5}"
MAX_LIST_SIZE = 250_000
NO_KNOWN_PATIENTS = "NO KNOWN PATIENTS"

# Dates outside these years are typing slips, and would not fit a datetime64[ns] column anyway.
EARLIEST_DATE = pd.Timestamp("1900-01-01")
LATEST_DATE = pd.Timestamp("2199-12-31")

EXPECTED = {
    "not_nullable": "a value; this column must not be empty",
    "practice_code_format": "a capital letter and 5 digits",
    "pcn_code": "U and 5 digits",
    "ccg_code_format": "3 or 5 capitals and digits",
    "date_yyyymmdd": "a date as YYYYMMDD",
    "date_dd_mm_yyyy": "a date as DD/MM/YYYY",
    "extract_date": "a date like 01JAN2021 or 2021-01-01",
    "whole_list_size": f"a whole number of patients from 0 to {MAX_LIST_SIZE:,}",
    "list_size": f"a number of patients from 0 to {MAX_LIST_SIZE:,}, or {NO_KNOWN_PATIENTS}",
    "contract_type": "GMS, PMS, APMS or UNKNOWN",
    "status": "a status A, C, D or P (or ACTIVE, INACTIVE, DORMANT, PROPOSED)",
    "one_row_per_practice": "each practice once; this practice code is on another line too",
    "one_row_per_network": "each PCN once; this PCN code is on another line too",
    "one_row_per_ccg": "each CCG once; this code is on another line too",
}


def matches(cells: pd.Series, pattern: str) -> pd.Series:
    """Whole-cell match; blank cells are the `not_nullable` check's business."""
    return cells.str.fullmatch(pattern).fillna(False).astype(bool)


def parse_dates(cells: pd.Series, *formats: str) -> pd.Series:
    """Text in any of `formats` -> midnight timestamps (datetime64[ns]); anything else -> NaT."""
    parsed = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    for date_format in formats:
        attempt = pd.to_datetime(cells, format=date_format, errors="coerce")
        attempt = attempt.where(attempt.between(EARLIEST_DATE, LATEST_DATE))
        parsed = parsed.fillna(attempt.astype("datetime64[ns]"))
    return parsed


def are_dates(cells: pd.Series, *formats: str) -> pd.Series:
    return cells.isna() | parse_dates(cells, *formats).notna()


def patient_counts(cells: pd.Series) -> pd.Series:
    """Registered patients as numbers; NO KNOWN PATIENTS and anything unreadable -> NaN."""
    return pd.to_numeric(cells.where(cells.str.upper() != NO_KNOWN_PATIENTS), errors="coerce")


def are_list_sizes(cells: pd.Series, whole: bool) -> pd.Series:
    """0..250,000 patients; payments average four quarters, so they may hold fractions."""
    written = matches(cells, r"\d+" if whole else r"\d+(\.\d+)?")  # not 1e3, not -5
    fits = written & patient_counts(cells).between(0, MAX_LIST_SIZE).fillna(False).astype(bool)
    if not whole:
        fits |= matches(cells.str.upper(), NO_KNOWN_PATIENTS)
    return fits


def list_sizes(cells: pd.Series) -> pd.Series:
    """Whole numbers of patients (a quarterly average rounds half up); unknown -> <NA>."""
    return np.floor(patient_counts(cells) + 0.5).astype("Int64")


def once_each(cells: pd.Series) -> pd.Series:
    return ~cells.duplicated(keep=False) | cells.isna()


def validate(model: type[pa.DataFrameModel], table: SourceTable) -> None:
    """Check every cell at once (lazy); any failure rejects the whole file with every problem."""
    problems = problems_in(model, table)
    if problems:
        raise FileRejected(problems)


def problems_in(model: type[pa.DataFrameModel], table: SourceTable) -> list[Problem]:
    """Every problem `model` finds in the table, none if it is clean."""
    try:
        model.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return problems_from(errors.failure_cases, table)
    return []


def problems_from(failures: pd.DataFrame, table: SourceTable) -> list[Problem]:
    """One Problem per failing cell, naming the column as the file's header writes it."""
    problems: dict[tuple[int | None, str, str], Problem] = {}
    for failure in failures.itertuples(index=False):
        check, field = str(failure.check), str(failure.column)
        line = None if pd.isna(failure.index) else int(failure.index)
        value = None if pd.isna(failure.failure_case) else str(failure.failure_case)
        column = table.source_names.get(field, field)
        # a check we did not name is still reported, never swallowed
        message = f"expected {EXPECTED[check]}" if check in EXPECTED else check
        problems[(line, field, check)] = Problem(table.file, line, column, value, message)
    return list(problems.values())


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

"""What the official kinds share: recognising a header, the stored shape of their tables, the
models of their code and date columns, the expectations they word alike, and one way to validate
their cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import matches, once_each
from etl.dates import EXTRACT_DATES, ODS_DATE, are_dates, parse_dates
from etl.failure_cases import problems_from
from etl.formats import (
    CCG_CODE,
    EXPECT_CCG_CODE,
    EXPECT_PRACTICE_CODE,
    EXPECT_VALUE,
    MAX_LIST_SIZE,
    NO_KNOWN_PATIENTS,
    PCN_CODE,
    PRACTICE_CODE,
)
from etl.headers import Wanted, has_columns
from etl.problems import KEPT_PROBLEMS, FileRejected, Messages, Problem, Where
from etl.sources.kind import Head
from etl.text import SourceTable

# EXTRACT_DATE as the list sizes and the mapping file have written it over the years (01JAN2021,
# 01Jan2026, 2026-04-01) and the other unambiguous styles of NHS releases; day before month always.
EXTRACT_DATE_STYLES = (
    *EXTRACT_DATES,
    "%Y%m%d",
    "%d/%m/%Y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%Y-%m-%d %H:%M:%S",
)

TEXT: Final = "string"
DATE: Final = "datetime64[ns]"
WHOLE_NUMBER: Final = "Int64"
ColumnType = Literal["string", "datetime64[ns]", "Int64"]  # TEXT, DATE or WHOLE_NUMBER, as astype takes them

TABLE_COLUMNS: dict[str, dict[str, ColumnType]] = {
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
        "address": TEXT,
        "postcode": TEXT,
        "telephone": TEXT,
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
    "official_registrations": {
        "practice_code": TEXT,
        "network_code": TEXT,
        "network_name": TEXT,
        "extract_date": DATE,
    },
}

EXPECTED = {
    "not_nullable": EXPECT_VALUE,
    "practice_code_format": EXPECT_PRACTICE_CODE,
    "pcn_code": "U and 5 digits",
    "ccg_code_format": EXPECT_CCG_CODE,
    "date_yyyymmdd": "a date as YYYYMMDD",
    "date_dd_mm_yyyy": "a date as DD/MM/YYYY",
    "extract_date": "a date such as 01JAN2021, 2021-01-01, 20210101, 01-JAN-2021 or 31/01/2021",
    "whole_list_size": f"a whole number of patients from 0 to {MAX_LIST_SIZE:,}",
    "list_size": f"a number of patients from 0 to {MAX_LIST_SIZE:,}, or {NO_KNOWN_PATIENTS}",
    "one_row_per_practice": "each practice once; this practice code is on another line too",
    "spell_ends_after_it_starts": "an end date no earlier than the start date on this line",
}
# What a row of an official table belongs to, as a problem names it.
KEYS = {"practice_code": "practice", "network_code": "network", "ccg_code": "area"}
# The cell a check across a row's columns points at.
ROW_CHECK_COLUMN = {"spell_ends_after_it_starts": "end_date"}


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


def shaped_from(name: str, frame: pd.DataFrame, **computed: pd.Series) -> pd.DataFrame:
    """`shaped`: the columns of table `name` the frame has as they are, `computed` ones instead."""
    known = {column: frame[column] for column in TABLE_COLUMNS[name] if column in frame}
    return shaped(name, {**known, **computed}, frame.index)


def future_dates(file: str, tables: Mapping[str, Any], today: dt.date) -> FileRejected:
    """Why a file whose newest date is after `today` is rejected: each date after it, with the
    practice, network or area it belongs to. An official file records what has happened, so such
    a date is a slip (a practice "opening" in 2099), never the file's release date."""
    problems: list[Problem] = []
    total = 0
    spoken = f"{today.day} {today:%B %Y}"
    for table, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            continue
        key = next((column for column in KEYS if column in frame), None)
        for column, dtype in TABLE_COLUMNS.get(table, {}).items():
            if dtype != DATE or column not in frame:
                continue
            late = frame[frame[column] > pd.Timestamp(today)]
            total += len(late)
            for _, row in late.head(KEPT_PROBLEMS).iterrows():
                whose = f" ({KEYS[key]} {row[key]})" if key is not None else ""
                message = f"expected a date no later than today, {spoken}: a file records the past{whose}"
                problems.append(Problem(file, None, column, f"{row[column]:%Y-%m-%d}", message))
    if not problems:
        problems.append(
            Problem(file, None, None, None, f"expected its dates to be no later than today, {spoken}")
        )
        total = 1
    return FileRejected(problems, total)


def problems_in(
    model: type[pa.DataFrameModel], table: SourceTable, expected: dict[str, str] | None = None
) -> FileRejected | None:
    """Every problem `model` finds in the table (its frame is indexed by line), or None."""
    try:
        model.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        where = Where(table.file, int, lambda name: table.source_names.get(name, name))
        messages = Messages("official", {**EXPECTED, **(expected or {})}, ROW_CHECK_COLUMN)
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


def recognised_by_header(
    signs: tuple[Wanted, ...], unless: tuple[Wanted, ...] = ()
) -> Callable[[Head], bool]:
    """A kind's recognise(): the first CSV row has every column of `signs` and none of `unless`."""

    def recognise(head: Head) -> bool:
        if not head.rows:
            return False
        header = list(head.rows[0])
        return has_columns(header, signs) and not (unless and has_columns(header, unless))

    return recognise


def parsed_dates(frame: pd.DataFrame, names: tuple[str, ...], *formats: str) -> dict[str, pd.Series]:
    """Each named column of text dates parsed: column name -> datetime64[ns] (NaT where blank)."""
    return {name: parse_dates(frame[name], *formats) for name in names}


# The models below share their columns' checks. Each check's method is named as the check,
# because pandera names an inherited check after its method whatever `name=` says. A column
# declared without pa.Field(nullable=True) must have a value in every row.


class PracticeCodes(pa.DataFrameModel):
    """A practice code column, each code as ODS writes it."""

    practice_code: Series[pd.StringDtype]

    @pa.check("practice_code")
    def practice_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, PRACTICE_CODE)


class CcgCodes(pa.DataFrameModel):
    """A CCG (or sub-ICB location) code column."""

    ccg_code: Series[pd.StringDtype]

    @pa.check("ccg_code")
    def ccg_code_format(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, CCG_CODE)


class NetworkCodes(pa.DataFrameModel):
    """A PCN code column."""

    network_code: Series[pd.StringDtype]

    @pa.check("network_code")
    def pcn_code(cls, cells: pd.Series) -> pd.Series:
        return matches(cells, PCN_CODE)


def ods_dates(*columns: str) -> Any:
    """The check, for a model, that each of `columns` is blank or a date as YYYYMMDD."""

    @pa.check(*columns, name="date_yyyymmdd")
    def date_yyyymmdd(cls: Any, cells: pd.Series) -> pd.Series:
        return are_dates(cells, ODS_DATE)

    return date_yyyymmdd


def spell_dates_in_order() -> Any:
    """The check, for a model of spells, that none ends before it starts (both as YYYYMMDD; a date
    that is no date is the date check's problem, and an open spell has no end)."""

    @pa.dataframe_check(name="spell_ends_after_it_starts")
    def spell_ends_after_it_starts(cls: Any, frame: pd.DataFrame) -> pd.Series:
        starts = parse_dates(frame["start_date"], ODS_DATE)
        ends = parse_dates(frame["end_date"], ODS_DATE)
        return ~(ends < starts).fillna(False).astype(bool)

    return spell_ends_after_it_starts


def extract_dates() -> Any:
    """The check, for a model, that its extract_date is a date in one of EXTRACT_DATE_STYLES."""

    @pa.check("extract_date", name="extract_date")
    def extract_date_format(cls: Any, cells: pd.Series) -> pd.Series:
        return are_dates(cells, *EXTRACT_DATE_STYLES)

    return extract_date_format


class OneRowPerPractice(pa.DataFrameModel):
    """Each practice code on one line only. A model lists it after PracticeCodes, which declares
    the column: pandera runs a model's own checks first, then its bases' in order."""

    @pa.check("practice_code")
    def one_row_per_practice(cls, cells: pd.Series) -> pd.Series:
        return once_each(cells)


class PracticeRows(PracticeCodes, OneRowPerPractice, CcgCodes):
    """What every official list of practices shares: a valid practice code, once each, and its CCG."""

    ccg_code: Series[pd.StringDtype] = pa.Field(nullable=True)

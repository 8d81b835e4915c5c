"""The one date parser: text in the formats a kind allows -> midnight timestamps, or NaT."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from etl.cells import per_distinct

ISO_DATE = "%Y-%m-%d"
UK_DATE = "%d/%m/%Y"
ODS_DATE = "%Y%m%d"
TRACKER_DATES = (ISO_DATE, UK_DATE)
# The list sizes' and the mapping file's EXTRACT_DATE: 01JAN2021 until 2022, 2026-04-01 later.
EXTRACT_DATES = ("%d%b%Y", ISO_DATE)

# Dates outside these years are typing slips, and would not fit a datetime64[ns] column anyway.
EARLIEST_DATE = pd.Timestamp("1900-01-01")
LATEST_DATE = pd.Timestamp("2199-12-31")


def parse_dates(cells: pd.Series, *formats: str) -> pd.Series:
    """Text in any of `formats` -> datetime64[ns] at midnight; anything else -> NaT.

    Worked out once per distinct text: a national file has a million rows but few dates.
    """
    return per_distinct(cells, lambda distinct: _parse(distinct, formats))


def _parse(cells: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    parsed = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    for date_format in formats:
        attempt = pd.to_datetime(cells, format=date_format, errors="coerce")
        attempt = attempt.where(attempt.between(EARLIEST_DATE, LATEST_DATE))
        parsed = parsed.fillna(attempt.astype("datetime64[ns]"))
    return parsed


def are_dates(cells: pd.Series, *formats: str) -> pd.Series:
    """A date in one of `formats`, or blank (emptiness is the `required` check's business)."""
    blank = cells.isna() | (cells == "")
    return (blank | parse_dates(cells, *formats).notna()).fillna(True).astype(bool)


def calendar_dates(cells: pd.Series, *formats: str) -> pd.Series:
    """Text in any of `formats` -> datetime.date for any year from 1 to 9999 (None otherwise): to
    tell a mistyped year (9999) from text that is no date at all."""

    def read(text: object) -> dt.date | None:
        for date_format in formats:
            try:
                return dt.datetime.strptime(str(text), date_format).date()
            except ValueError:
                continue
        return None

    return per_distinct(cells, lambda distinct: distinct.astype(object).map(read).astype(object))


def month_starts(dates: pd.Series) -> pd.Series:
    """Each date's first day of the month."""
    return dates.dt.to_period("M").dt.start_time.astype("datetime64[ns]")


def newest_date(*columns: pd.Series) -> dt.date | None:
    """The newest date in any of the columns: an official file's release date."""
    newest = max((column.max() for column in columns if column.notna().any()), default=None)
    return None if newest is None else pd.Timestamp(newest).date()

"""The one date parser: text in the formats a kind allows -> midnight timestamps, or NaT."""

from __future__ import annotations

import calendar
import datetime as dt
import re

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


# The shapes of the tracker's two date forms, loose enough to catch a slip: 2019-04-31, 31/4/2019.
_ISO_SHAPE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_UK_SHAPE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def why_no_such_day(text: str) -> str | None:
    """Why text written as a date (YYYY-MM-DD or DD/MM/YYYY) names no day of the calendar; None
    when it does, or when it is not written as a date at all.

    >>> why_no_such_day("31/04/2019"), why_no_such_day("2019-02-29"), why_no_such_day("15/13/2019")
    ('April has 30 days', '2019 is not a leap year: February has 28 days', 'a year has 12 months')
    >>> why_no_such_day("30/04/2019"), why_no_such_day("soon")
    (None, None)
    """
    text = text.strip()
    if iso := _ISO_SHAPE.fullmatch(text):
        year, month, day = (int(part) for part in iso.groups())
    elif uk := _UK_SHAPE.fullmatch(text):
        day, month, year = (int(part) for part in uk.groups())
    else:
        return None
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return "a year has 12 months" if month else "months are numbered from 1 (January) to 12"
    if day == 0:
        return "days of the month are numbered from 1"
    days = calendar.monthrange(year, month)[1]
    if day <= days:
        return None
    name = calendar.month_name[month]
    if month == 2:
        leap_slip = day == 29 and days == 28
        return (
            f"{year} is not a leap year: February has 28 days"
            if leap_slip
            else f"February {year} has {days} days"
        )
    return f"{name} has {days} days" if day <= 31 else "no month has more than 31 days"

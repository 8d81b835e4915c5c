"""Months as people write them ("March 2018"), a month as YYYY-MM read once for every caller,
the month a file's name suggests, the first and last days of a month, and today."""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NAMES |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTH_NAMES["sept"] = 9
_NAMES = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
# 2018-03, 2018_03, 2018.03, 201803 (also the start of 2018-03-01), not inside a longer number
NUMERIC = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_. ]?(0[1-9]|1[0-2])(?=\d\d(?!\d)|(?!\d))")
# march_2018, Mar2018, mar-18, 2018 March
NAME_THEN_YEAR = re.compile(rf"(?<![a-z])({_NAMES})[-_. ]?((?:19|20)?\d\d)(?!\d)")
YEAR_THEN_NAME = re.compile(rf"(?<!\d)((?:19|20)\d\d)[-_. ]?({_NAMES})(?![a-z])")
YEAR_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


def today() -> dt.date:
    """The day the tracker takes as today: one clock for every check of a date against today and
    for the message that names it, so the two agree (and a test can pin it)."""
    return dt.date.today()


def parse_month(text: str) -> dt.date | None:
    """A month written as YYYY-MM (a --month, a link's month=): its first day, or None.

    >>> parse_month("2019-03"), parse_month("2019-3"), parse_month("2019-13"), parse_month("March 2019")
    (datetime.date(2019, 3, 1), None, None, None)
    """
    found = YEAR_MONTH.fullmatch(text)
    if found is None or int(found[1]) < dt.MINYEAR:
        return None
    return dt.date(int(found[1]), int(found[2]), 1)


def first_day(month: str) -> dt.date:
    """A month the database gave ("2019-03"): its first day; ValueError for anything else."""
    day = parse_month(month)
    if day is None:
        raise ValueError(f"not a month written as YYYY-MM: {month!r}")
    return day


def month_after(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s: 2026-12-15 -> 2027-01-01."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month: 2020-02-03 -> 2020-02-29."""
    return month_after(day) - dt.timedelta(days=1)


def spoken_month(month: str) -> str:
    """'2018-03' (or '2018-03-01') -> 'March 2018'

    >>> spoken_month("2018-03")
    'March 2018'
    """
    year, number = month.split("-")[:2]
    return f"{calendar.month_name[int(number)]} {int(year)}"


def month_in_name(file_name: str) -> str | None:
    """The one month a file's name suggests, as 'YYYY-MM'; None when it names none or several.

    >>> month_in_name("status_2018-03.csv"), month_in_name("Doncaster March 2018.xlsx")
    ('2018-03', '2018-03')
    >>> month_in_name("status.csv"), month_in_name("status_2018-01_to_2018-03.csv")
    (None, None)
    """
    stem = file_name.lower().rsplit(".", 1)[0]
    found = {f"{year}-{number}" for year, number in NUMERIC.findall(stem)}
    for name, year in NAME_THEN_YEAR.findall(stem):
        found.add(f"{_full_year(year)}-{MONTH_NAMES[name]:02d}")
    for year, name in YEAR_THEN_NAME.findall(stem):
        found.add(f"{year}-{MONTH_NAMES[name]:02d}")
    return found.pop() if len(found) == 1 else None


def _full_year(year: str) -> int:
    return int(year) if len(year) == 4 else 2000 + int(year)

"""epraccur, the ODS register of prescribing cost centres: the GP practices of England.

Recognised by having no header and 27 fields, most first fields a practice code. Its release
date is the newest date any row mentions, the commissioner join and leave dates included.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.dates import ODS_DATE, newest_date
from etl.formats import PRACTICE_CODE
from etl.problems import rejected
from etl.sources.kind import Head, Kind, Reading
from etl.sources.official import (
    PRACTICE_FACTS,
    PracticeRows,
    ods_dates,
    parsed_dates,
    shaped,
    shaped_from,
    validate,
)
from etl.text import SourceTable, read_without_header

WIDTH = 27

# 0-based positions of the columns we use; labels number them from 1, as the specification does.
POSITIONS = {
    "practice_code": 0,
    "practice_name": 1,
    "national_grouping": 2,
    "open_date": 10,
    "close_date": 11,
    "status": 12,
    "ccg_code": 14,
    "join_date": 15,
    "left_date": 16,
    "prescribing_setting": 25,
    # how to reach the practice: five address lines, the postcode, the telephone
    **{f"address_{line}": 3 + line for line in range(1, 6)},
    "postcode": 9,
    "telephone": 17,
}
LABELS = {
    "practice_code": "column 1 (organisation code)",
    "practice_name": "column 2 (name)",
    "national_grouping": "column 3 (national grouping)",
    "open_date": "column 11 (open date)",
    "close_date": "column 12 (close date)",
    "status": "column 13 (status code)",
    "ccg_code": "column 15 (commissioner)",
    "join_date": "column 16 (join commissioner date)",
    "left_date": "column 17 (left commissioner date)",
    "prescribing_setting": "column 26 (prescribing setting)",
    **{f"address_{line}": f"column {4 + line} (address line {line})" for line in range(1, 6)},
    "postcode": "column 10 (postcode)",
    "telephone": "column 18 (phone)",
}
DATES = ("open_date", "close_date", "join_date", "left_date")

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
# Prescribing setting 4 is a GP practice; the newest releases give ODS roles instead: RO76 is a
# GP practice, and a practice with a second role lists both, separated by "|" ("RO76|RO268").
GP_PRACTICE_SETTINGS = {"4": "4", "RO76": "4"}
ROLE_SEPARATOR = "|"
NO_SETTING = "none"  # a listing with no setting or role at all: not a GP practice either
# Welsh local health boards commission Welsh practices (7A1..7A7); Wales is national grouping W00.
WELSH_COMMISSIONER = r"7A\d"


def recognise(head: Head) -> bool:
    wide = [row for row in head.rows if len(row) >= WIDTH]
    if not wide or len(wide) < len(head.rows) - 1:  # allow a short last line cut off
        return False
    return sum(re.fullmatch(PRACTICE_CODE, row[0]) is not None for row in wide) * 2 > len(wide)


class EpraccurPractice(PracticeRows):
    """One GP practice of epraccur, as text cells."""

    practice_name: Series[pd.StringDtype]
    open_date: Series[pd.StringDtype]
    close_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    join_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    left_date: Series[pd.StringDtype] = pa.Field(nullable=True)
    status: Series[pd.StringDtype]

    dates_as_ods = ods_dates(*DATES)

    @pa.check("status", name="status")
    def known_status(cls, cells: pd.Series) -> pd.Series:
        return cells.str.upper().isin(STATUSES)


EXPECTED = {"status": "a status A, C, D or P (or ACTIVE, INACTIVE, DORMANT, PROPOSED)"}


def english(frame: pd.DataFrame) -> pd.Series:
    """Rows not in Wales: no Welsh practice code, national grouping or health board."""
    welsh = (
        frame["national_grouping"].str.startswith("W").fillna(False)
        | frame["practice_code"].str.startswith("W").fillna(False)
        | frame["ccg_code"].str.fullmatch(WELSH_COMMISSIONER).fillna(False)
    )
    return ~welsh


def gp_practices(frame: pd.DataFrame) -> pd.Series:
    """Rows for GP practices: not walk-in centres, out-of-hours services or prisons. A row whose
    roles include RO76 is a GP practice whatever other roles it has."""
    roles = frame["prescribing_setting"].str.upper().str.split(ROLE_SEPARATOR, regex=False)
    return roles.map(is_gp_practice).astype(bool)


def is_gp_practice(roles: object) -> bool:
    """A prescribing setting or list of ODS roles that makes a GP practice."""
    return isinstance(roles, list) and any(role.strip() in GP_PRACTICE_SETTINGS for role in roles)


def other_listings(frame: pd.DataFrame) -> pd.DataFrame:
    """English rows that are not GP practices: only their code and real prescribing setting,
    because a release that lists a code as something else says it is no longer a GP practice."""
    setting = frame["prescribing_setting"].str.upper().fillna(NO_SETTING)
    return shaped(
        "official_practice_facts",
        {"practice_code": frame["practice_code"], "prescribing_setting": setting},
        frame.index,
    )


def address(frame: pd.DataFrame) -> pd.Series:
    """The address lines that are given, joined with ', ': 'MARKET STREET, HORNSEA' (missing if none)."""
    joined = pd.Series(pd.NA, index=frame.index, dtype="string")
    for column in [f"address_{line}" for line in range(1, 6)]:  # a missing line is left out
        line = frame[column].astype("string")
        both = joined.notna() & line.notna()
        joined = joined.where(~both, joined + ", " + line).fillna(line)
    return joined


def read(path: Path) -> Reading:
    """A headerless epraccur CSV -> one fact row per English GP practice, any status."""
    file, data = path.name, path.read_bytes()
    table = read_without_header(file, data, POSITIONS, LABELS, min_width=WIDTH)
    in_england = english(table.frame)
    frame = table.frame[in_england & gp_practices(table.frame)]
    others = table.frame[in_england & ~gp_practices(table.frame) & table.frame["practice_code"].notna()]
    if frame.empty:  # most likely another kind of file read as epraccur
        raise rejected(table.file, "expected GP practices (prescribing setting 4 or RO76); found none")
    validate(EpraccurPractice, SourceTable(table.file, frame, table.source_names), EXPECTED)
    facts = shaped_from(
        "official_practice_facts",
        frame,
        **parsed_dates(frame, ("open_date", "close_date"), ODS_DATE),
        status=frame["status"].str.upper().map(STATUSES),
        prescribing_setting=pd.Series("4", index=frame.index, dtype="string"),
        address=address(frame),
    )
    facts = pd.concat([facts, other_listings(others)], ignore_index=True)
    every_row = table.frame  # the release date counts every row, not only GP practices
    release = newest_date(*parsed_dates(every_row, DATES, ODS_DATE).values())
    return Reading({"official_practice_facts": facts}, release)


KIND = Kind("epraccur", "epraccur", recognise, read, stores=(PRACTICE_FACTS,))

"""Participation status (SPEC 2.1): one row per practice per snapshot month, from a lead's tracker.

Recognised by a header naming integration_level or snapshot_date; read from CSV or .xlsx.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import (
    CCG_CODE,
    MAX_LIST_SIZE,
    NETWORK_CODE,
    PRACTICE_CODE,
    blank_or,
    blank_to_null,
    per_distinct,
    whole_numbers,
)
from etl.dates import TRACKER_DATES, month_starts, parse_dates
from etl.problems import Messages
from etl.sources.kind import Kind, Reading
from etl.sources.tracker import read_tracker_table, recognised_by, validate_tracker
from etl.text import TextTable

LEVELS = {
    "none": "none",
    "virtual": "virtual",
    "partial": "partial",
    "partially integrated": "partial",
    "full": "full",
    "fully integrated": "full",
}
CONTRACT_TYPES = ("GMS", "PMS", "APMS")
CONTRACT_STATUSES = ("active", "suspended")
FIRST_MONTH = pd.Timestamp("2010-01-01")
SHOWN_LINES = 5


def recognise(names: set[str]) -> bool:
    return bool(names & {"integration_level", "snapshot_date"}) and "milestone" not in names


def last_month() -> pd.Timestamp:
    """The newest snapshot month a file may describe: next month (a lead may work ahead)."""
    return pd.Timestamp(dt.date.today()).to_period("M").start_time + pd.offsets.MonthBegin(1)


EXPECTED = {
    "required": "a value; this column must not be empty",
    "date": "a date as YYYY-MM-DD or DD/MM/YYYY",
    "ccg_code": "3 or 5 capitals and digits, such as 02X or D4U1Y",
    "practice_code": "a capital letter and 5 digits, such as C86001",
    "list_size": f"a whole number of registered patients from 0 to {MAX_LIST_SIZE:,}",
    "contract_type": "GMS, PMS or APMS",
    "integration_level": "none, virtual, partial or full",
    "network_code": "up to 20 capitals, digits or hyphens, or blank when not in a network",
    "contract_status": "active, suspended or blank (active)",
    "gp_count": "a whole number of GPs, 1 or more, or blank",
    "one_row_per_practice": "each practice once per snapshot month; this practice appears again",
    "network_name_given": "a network name, because network_code is given",
    "full_is_suspended": "suspended, because integration_level is full (a fully integrated "
    "practice suspends its contract)",
    "suspended_is_full": "full, because contract_status is suspended (only a fully integrated "
    "practice suspends its contract)",
}
# A check across columns fails a whole row; this is the cell the user should look at.
ROW_CHECK_COLUMN = {
    "one_row_per_practice": "practice_code",
    "network_name_given": "network_name",
    "one_name_per_network": "network_name",
    "full_is_suspended": "contract_status",
    "suspended_is_full": "integration_level",
}


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column that may be absent from the file (optional columns), as text."""
    return frame[name] if name in frame else pd.Series("", index=frame.index, dtype="str")


def upper(cells: pd.Series) -> pd.Series:
    """Codes as stored: Excel users type them in lower case too."""
    return cells.str.upper()


def months(frame: pd.DataFrame) -> pd.Series:
    return parse_dates(column(frame, "snapshot_date"), *TRACKER_DATES).dt.to_period("M")


def levels(cells: pd.Series) -> pd.Series:
    """Integration levels in any case, synonyms included -> none, virtual, partial, full or NaN."""
    return per_distinct(cells, lambda distinct: distinct.str.lower().map(LEVELS))


def network_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Each named network row: month, code, name, and the name most rows of its code use."""
    keys = pd.DataFrame(
        {
            "month": months(frame),
            "code": upper(column(frame, "network_code")),
            "name": column(frame, "network_name"),
        }
    )
    named = keys[(keys.code != "") & (keys.name != "")].copy()
    counts = named.groupby(["month", "code", "name"], dropna=False, sort=False)["name"].transform("size")
    named["count"] = counts
    # the usual name: the most rows, and of those the first in the file
    order = named.reset_index().sort_values(["count", "index"], ascending=[False, True])
    usual = order.groupby(["month", "code"], dropna=False, sort=False)["name"].first()
    named["usual"] = usual.reindex(pd.MultiIndex.from_frame(named[["month", "code"]])).to_numpy()
    return named


class PracticeStatus(pa.DataFrameModel):
    """One row per practice per snapshot month (SPEC 2.1), as the text cells the user typed."""

    snapshot_date: Series[str]
    ccg_code: Series[str]
    practice_code: Series[str]
    practice_name: Series[str]
    list_size: Series[str]
    contract_type: Series[str]
    integration_level: Series[str]
    network_code: Optional[Series[str]]
    network_name: Optional[Series[str]]
    contract_status: Optional[Series[str]]
    gp_count: Optional[Series[str]]
    notes: Optional[Series[str]]

    class Config:
        strict = True
        coerce = True

    @pa.check(
        "snapshot_date",
        "ccg_code",
        "practice_code",
        "practice_name",
        "list_size",
        "contract_type",
        "integration_level",
        name="required",
    )
    def required(cls, cells: Series[str]) -> Series[bool]:
        return cells != ""

    @pa.check("snapshot_date", name="date")
    def date(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, parse_dates(cells, *TRACKER_DATES).notna())

    @pa.check("snapshot_date", name="snapshot_month")
    def snapshot_month(cls, cells: Series[str]) -> Series[bool]:
        month = month_starts(parse_dates(cells, *TRACKER_DATES))
        return month.isna() | month.between(FIRST_MONTH, last_month())

    @pa.check("ccg_code", name="ccg_code")
    def ccg_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, upper(cells).str.fullmatch(CCG_CODE))

    @pa.check("practice_code", name="practice_code")
    def practice_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, upper(cells).str.fullmatch(PRACTICE_CODE))

    @pa.check("list_size", name="list_size")
    def list_size_range(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, whole_numbers(cells).between(0, MAX_LIST_SIZE))

    @pa.check("contract_type", name="contract_type")
    def contract_type_known(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.upper().isin(CONTRACT_TYPES))

    @pa.check("integration_level", name="integration_level")
    def integration_level_known(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.lower().isin(LEVELS))

    @pa.check("network_code", name="network_code")
    def network_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, upper(cells).str.fullmatch(NETWORK_CODE))

    @pa.check("contract_status", name="contract_status")
    def contract_status_known(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.lower().isin(CONTRACT_STATUSES))

    @pa.check("gp_count", name="gp_count")
    def gp_count_positive(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, whole_numbers(cells) >= 1)

    @pa.dataframe_check(name="one_row_per_practice")
    def one_row_per_practice(cls, frame: pd.DataFrame) -> Series[bool]:
        month = months(frame)
        keys = pd.DataFrame({"month": month, "practice": upper(column(frame, "practice_code"))})
        return ~keys.duplicated(keep="first") | month.isna()

    @pa.dataframe_check(name="network_name_given")
    def network_name_given(cls, frame: pd.DataFrame) -> Series[bool]:
        return (column(frame, "network_code") == "") | (column(frame, "network_name") != "")

    @pa.dataframe_check(name="one_name_per_network")
    def one_name_per_network(cls, frame: pd.DataFrame) -> Series[bool]:
        named = network_names(frame)
        clash = named["name"] != named["usual"]
        return ~clash.reindex(frame.index, fill_value=False)

    @pa.dataframe_check(name="full_is_suspended")
    def full_is_suspended(cls, frame: pd.DataFrame) -> Series[bool]:
        level = levels(column(frame, "integration_level"))
        status = column(frame, "contract_status").str.lower()
        return (level != "full") | (status == "suspended")

    @pa.dataframe_check(name="suspended_is_full")
    def suspended_is_full(cls, frame: pd.DataFrame) -> Series[bool]:
        level = levels(column(frame, "integration_level"))
        status = column(frame, "contract_status").str.lower()
        # An unknown level is reported by its own check; don't pile a second problem on it.
        return (status != "suspended") | (level == "full") | level.isna()


def month_name(month: pd.Timestamp) -> str:
    return month.strftime("%B %Y")


def lines_text(lines: list[int]) -> str:
    """'line 5', 'lines 2, 3 and 4', 'lines 2, 3, 4, 5, 6 and 7 more'."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    shown = [str(line) for line in lines[:SHOWN_LINES]]
    rest = f"{len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else shown.pop()
    return f"lines {', '.join(shown)} and {rest}"


def name_clash(table: TextTable, named: pd.DataFrame, row: int) -> str:
    """The code, each of its names and the lines of each: what the lead needs to fix it."""
    month, code = named.at[row, "month"], named.at[row, "code"]
    group = named[(named["month"] == month) & (named["code"] == code)]
    names = [
        f'"{name}" on {lines_text([table.line_of(int(r)) for r in rows.index])}'
        for name, rows in group.groupby("name", sort=False)
    ]
    return f"one name for each network code in a snapshot month; {code} is {' and '.join(names)}"


def messages_for(table: TextTable) -> Messages:
    named: list[pd.DataFrame] = []
    said: dict[tuple[object, str], str] = {}  # every odd row of a code is told the same

    def clash(row: int) -> str:
        if not named:
            named.append(network_names(table.frame))
        key = (named[0].at[row, "month"], str(named[0].at[row, "code"]))
        if key not in said:
            said[key] = name_clash(table, named[0], row)
        return said[key]

    first, last = month_name(FIRST_MONTH), month_name(last_month())
    expected = {
        **EXPECTED,
        "snapshot_month": f"a month from {first} to {last} (next month)",
        "one_name_per_network": clash,
    }
    columns = tuple(PracticeStatus.to_schema().columns)
    return Messages("participation", expected, ROW_CHECK_COLUMN, columns)


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Validated text -> the stored form: real dates, lower-case levels, upper-case codes."""
    return pd.DataFrame(
        {
            "snapshot_date": month_starts(parse_dates(frame["snapshot_date"], *TRACKER_DATES)),
            "ccg_code": upper(frame["ccg_code"]),
            "practice_code": upper(frame["practice_code"]),
            "practice_name": frame["practice_name"],
            "list_size": whole_numbers(frame["list_size"]).astype("int64"),
            "contract_type": frame["contract_type"].str.upper(),
            "integration_level": levels(frame["integration_level"]),
            "network_code": blank_to_null(upper(column(frame, "network_code"))),
            "network_name": blank_to_null(column(frame, "network_name")),
            "contract_status": column(frame, "contract_status").str.lower().replace("", "active"),
            "gp_count": whole_numbers(column(frame, "gp_count")).astype("Int64"),
            "notes": blank_to_null(column(frame, "notes")),
        }
    )


def read(file: str, data: bytes) -> Reading:
    table = read_tracker_table(file, data, recognise)
    validate_tracker(table, PracticeStatus, messages_for(table))
    return Reading({"participation": tidy(table.frame)})


KIND = Kind("participation", "participation status", recognised_by(recognise), read, tracker=True)

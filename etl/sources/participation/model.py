"""The pandera model of a participation file (SPEC 2.1), its messages and its tidy output.

Every participation file the SQL rules of fast_path.sql do not vouch for is
read here: from CSV or .xlsx, each cell checked, each problem worded with its line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from etl.cells import blank_or, blank_to_null, matches, per_distinct, whole_numbers
from etl.dates import TRACKER_DATES, calendar_dates, month_starts, parse_dates, why_no_such_day
from etl.formats import CCG_CODE, EXPECT_PRACTICE_CODE, MAX_LIST_SIZE, NETWORK_CODE, PRACTICE_CODE
from etl.months import spoken_month
from etl.problems import Expectation, FileRejected, Messages
from etl.sources.kind import Reading
from etl.sources.participation.rules import (
    CONTRACT_STATUSES,
    CONTRACT_TYPES,
    FIRST_MONTH,
    LEVELS,
    REQUIRED,
    last_day,
    last_month,
    recognise,
)
from etl.sources.row_keys import codes_of, practice_numbers
from etl.sources.tracker import (
    TRACKER_EXPECTED,
    TrackerRows,
    read_tracker_table,
    required_cells,
    validate_tracker,
)
from etl.text import TextTable

SHOWN_LINES = 5
# A quote a spreadsheet-safe CSV writes before text it would otherwise run as a formula.
QUOTED_FORMULA = r"'[=+\-@]"


EXPECTED = {
    **TRACKER_EXPECTED,
    "practice_code": f"{EXPECT_PRACTICE_CODE}, such as C86001",
    "list_size": f"a whole number of registered patients from 0 to {MAX_LIST_SIZE:,}",
    "contract_type": "GMS, PMS or APMS",
    "integration_level": "none, virtual, partial or full",
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


def month_numbers(frame: pd.DataFrame) -> np.ndarray:
    """Each row's snapshot month as a number (months since 1900), or -1 when it is no date."""

    def numbers(distinct: pd.Series) -> pd.Series:
        dates = parse_dates(distinct, *TRACKER_DATES)
        return ((dates.dt.year - 1900) * 12 + dates.dt.month - 1).fillna(-1).astype("int64")

    return per_distinct(column(frame, "snapshot_date"), numbers).to_numpy()


def levels(cells: pd.Series) -> pd.Series:
    """Integration levels in any case, synonyms included -> none, virtual, partial, full or NaN."""
    return per_distinct(cells, lambda distinct: distinct.str.lower().map(LEVELS))


def is_level(cells: pd.Series, level: str | None) -> np.ndarray:
    """Rows whose integration level reads as `level` (None: as no level at all)."""

    def test(distinct: pd.Series) -> pd.Series:
        read = distinct.str.lower().map(LEVELS)
        return read.isna() if level is None else read == level

    return per_distinct(cells, test).to_numpy(dtype=bool)


def is_suspended(frame: pd.DataFrame) -> np.ndarray:
    cells = column(frame, "contract_status")
    return per_distinct(cells, lambda distinct: distinct.str.lower() == "suspended").to_numpy(dtype=bool)


def network_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Each named network row (indexed by row): its (month, code) group, its name's number, and
    whether it is odd: not the name most rows of its group use (of those, the first in the file)."""
    code, name = column(frame, "network_code"), column(frame, "network_name")
    rows = np.flatnonzero(((code != "") & (name != "")).to_numpy(dtype=bool))
    group = codes_of(code)[rows] * 4096 + month_numbers(frame)[rows] + 1
    names = codes_of(name, upper_case=False)[rows]
    width = int(names.max()) + 1 if len(names) else 1
    pairs, first, inverse, counts = np.unique(
        group * width + names, return_index=True, return_inverse=True, return_counts=True
    )
    # one row per (group, name): the usual name of a group has the most rows, then comes first
    stats = pd.DataFrame({"group": pairs // width, "size": counts, "first": first})
    usual = stats.sort_values(["group", "size", "first"], ascending=[True, False, True]).drop_duplicates(
        "group"
    )
    is_usual = np.zeros(len(pairs), dtype=bool)
    is_usual[usual.index.to_numpy()] = True
    return pd.DataFrame({"group": group, "name": names, "odd": ~is_usual[inverse]}, index=rows)


class PracticeStatus(TrackerRows):
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

    required = required_cells(*REQUIRED)

    @pa.check("snapshot_date", name="date")
    def date(cls, cells: pd.Series) -> pd.Series:
        return blank_or(
            cells, per_distinct(cells, lambda distinct: calendar_dates(distinct, *TRACKER_DATES).notna())
        )

    @pa.check("snapshot_date", name="snapshot_month")
    def snapshot_month(cls, cells: pd.Series) -> pd.Series:
        first, last = FIRST_MONTH, last_day()

        def fits(distinct: pd.Series) -> pd.Series:
            dates = calendar_dates(distinct, *TRACKER_DATES)
            return dates.map(lambda day: day is None or first <= day <= last).astype(bool)

        return per_distinct(cells, fits)

    @pa.check("ccg_code", name="ccg_code")
    def ccg_code_format(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, upper(cells).str.fullmatch(CCG_CODE))

    @pa.check("practice_code", name="practice_code")
    def practice_code_format(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, upper(cells).str.fullmatch(PRACTICE_CODE))

    @pa.check("list_size", name="list_size")
    def list_size_range(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, whole_numbers(cells).between(0, MAX_LIST_SIZE))

    @pa.check("contract_type", name="contract_type")
    def contract_type_known(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, cells.str.upper().isin(CONTRACT_TYPES))

    @pa.check("integration_level", name="integration_level")
    def integration_level_known(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, cells.str.lower().isin(LEVELS))

    @pa.check("network_code", name="network_code")
    def network_code_format(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, upper(cells).str.fullmatch(NETWORK_CODE))

    @pa.check("contract_status", name="contract_status")
    def contract_status_known(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, cells.str.lower().isin(CONTRACT_STATUSES))

    @pa.check("gp_count", name="gp_count")
    def gp_count_positive(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, whole_numbers(cells) >= 1)

    @pa.dataframe_check(name="one_row_per_practice")
    def one_row_per_practice(cls, frame: pd.DataFrame) -> pd.Series:
        month = month_numbers(frame)
        keys = practice_numbers(column(frame, "practice_code")) * 4096 + month + 1
        first = ~pd.Series(keys).duplicated(keep="first").to_numpy()  # hashed: no sort of a million keys
        return pd.Series(first | (month < 0), index=frame.index)

    @pa.dataframe_check(name="network_name_given")
    def network_name_given(cls, frame: pd.DataFrame) -> pd.Series:
        return (column(frame, "network_code") == "") | (column(frame, "network_name") != "")

    @pa.dataframe_check(name="one_name_per_network")
    def one_name_per_network(cls, frame: pd.DataFrame) -> pd.Series:
        named = network_names(frame)
        passed = np.ones(len(frame), dtype=bool)
        passed[named.index[named["odd"].to_numpy()]] = False
        return pd.Series(passed, index=frame.index)

    @pa.dataframe_check(name="full_is_suspended")
    def full_is_suspended(cls, frame: pd.DataFrame) -> pd.Series:
        full = is_level(column(frame, "integration_level"), "full")
        return pd.Series(~full | is_suspended(frame), index=frame.index)

    @pa.dataframe_check(name="suspended_is_full")
    def suspended_is_full(cls, frame: pd.DataFrame) -> pd.Series:
        level = column(frame, "integration_level")
        # An unknown level is reported by its own check; don't pile a second problem on it.
        passed = ~is_suspended(frame) | is_level(level, "full") | is_level(level, None)
        return pd.Series(passed, index=frame.index)


def lines_text(lines: list[int]) -> str:
    """'line 5', 'lines 2, 3 and 4', 'lines 2, 3, 4, 5, 6 and 7 more'."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    shown = [str(line) for line in lines[:SHOWN_LINES]]
    rest = f"{len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else shown.pop()
    return f"lines {', '.join(shown)} and {rest}"


def name_clash(table: TextTable, named: pd.DataFrame, row: int) -> str:
    """The code, each of its names and the lines of each: what the lead needs to fix it."""
    group = named[named["group"] == named.at[row, "group"]]
    frame = table.frame
    code = str(frame["network_code"].iat[row]).upper()
    names = [
        f'"{frame["network_name"].iat[int(rows.index[0])]}" on '
        f"{lines_text([table.line_of(int(r)) for r in rows.index])}"
        for _, rows in group.groupby("name", sort=False)
    ]
    return f"one name for each network code in a snapshot month; {code} is {' and '.join(names)}"


def messages_for(table: TextTable) -> Messages:
    named: list[pd.DataFrame] = []
    said: dict[int, str] = {}  # every odd row of a code is told the same

    def clash(row: int) -> str:
        if not named:
            named.append(network_names(table.frame))
        key = int(named[0]["group"].loc[row])
        if key not in said:
            said[key] = name_clash(table, named[0], row)
        return said[key]

    first, last = spoken_month(FIRST_MONTH.isoformat()), spoken_month(last_month().isoformat())
    expected: dict[str, Expectation] = {
        **EXPECTED,
        "snapshot_month": f"a month from {first} to {last} (next month)",
        "one_name_per_network": clash,
    }
    columns = tuple(PracticeStatus.to_schema().columns)
    inputs = (
        "snapshot_date",
        "ccg_code",  # and for the register: checkable_rows
        "practice_code",
        "network_code",
        "network_name",
        "integration_level",
        "contract_status",
    )
    return Messages("participation", expected, ROW_CHECK_COLUMN, columns, inputs, why_no_such_day)


def as_typed(cells: pd.Series) -> pd.Series:
    """Text a spreadsheet-safe CSV (the template's, a report's) wrote with a quote before = + - @,
    as typed: "'=Smith" -> "=Smith" (the SQL rules in fast_path.sql do the same)."""
    quoted = cells.str.match(QUOTED_FORMULA)
    return cells.where(~quoted, cells.str.slice(1)) if quoted.any() else cells


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Validated text -> the stored form: real dates, lower-case levels, upper-case codes."""

    def text(name: str) -> pd.Series:  # as pandas keeps text, whatever the reader kept
        return column(frame, name).astype("str")

    return pd.DataFrame(
        {
            "snapshot_date": per_distinct(
                frame["snapshot_date"], lambda distinct: month_starts(parse_dates(distinct, *TRACKER_DATES))
            ),
            "ccg_code": upper(text("ccg_code")),
            "practice_code": upper(text("practice_code")),
            "practice_name": as_typed(text("practice_name")),
            "list_size": whole_numbers(frame["list_size"]).astype("int64"),
            "contract_type": text("contract_type").str.upper(),
            "integration_level": levels(text("integration_level")),
            "network_code": blank_to_null(upper(text("network_code"))),
            "network_name": blank_to_null(as_typed(text("network_name"))),
            "contract_status": text("contract_status").str.lower().replace("", "active"),
            "gp_count": whole_numbers(column(frame, "gp_count")).astype("Int64"),
            "notes": blank_to_null(as_typed(text("notes"))),
        }
    )


def checkable_rows(frame: pd.DataFrame) -> pd.DataFrame | None:
    """The rows of a rejected file whose snapshot month, CCG code and practice code are each valid,
    in their stored form and with their row labels: enough to check them against the register in
    the same round as the file's other problems. None when the file lacks one of those columns.
    Narrowed a rule at a time, the cheapest first: a file of problems keeps few rows to work on."""
    if not {"snapshot_date", "ccg_code", "practice_code"} <= set(frame.columns):
        return None
    rows = frame.loc[
        matches(upper(frame["practice_code"]), PRACTICE_CODE), ["snapshot_date", "ccg_code", "practice_code"]
    ]
    rows = rows[matches(upper(rows["ccg_code"]), CCG_CODE)]
    first, last = pd.Timestamp(FIRST_MONTH), pd.Timestamp(last_day())

    def months(distinct: pd.Series) -> pd.Series:
        days = calendar_dates(distinct, *TRACKER_DATES)  # no 31/04: a day of the calendar
        starts = month_starts(parse_dates(distinct, *TRACKER_DATES))
        return starts.where(days.notna() & starts.between(first, last))

    month = per_distinct(rows["snapshot_date"], months)
    valid = month.notna().to_numpy(dtype=bool)
    rows = rows[valid]
    return pd.DataFrame(
        {
            "snapshot_date": month[valid],
            "ccg_code": upper(rows["ccg_code"]),
            "practice_code": upper(rows["practice_code"]),
        }
    )


def read(path: Path) -> Reading:
    table = read_tracker_table(path, recognise)
    try:
        validate_tracker(table, PracticeStatus, messages_for(table))
    except FileRejected as found:
        rows = checkable_rows(table.frame)
        if rows is not None and len(rows):
            found.checkable = Reading({"participation": rows}, line_of=table.line_finder())
        raise
    return Reading({"participation": tidy(table.frame)}, line_of=table.line_finder())

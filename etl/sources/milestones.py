"""Milestones (SPEC 2.2): the current register of milestones of one or more CCGs.

Recognised by a header naming a milestone column; read from CSV or .xlsx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

import etl.sources.tracker as tracker
from etl.cells import blank_or, blank_to_null
from etl.dates import TRACKER_DATES, parse_dates, why_no_such_day
from etl.formats import CCG_CODE, NETWORK_CODE
from etl.problems import Messages
from etl.sources.kind import Kind, Reading, Table, recognised_by


def recognise(names: set[str]) -> bool:
    return "milestone" in names


class Milestone(tracker.TrackerRows):
    """The current register of milestones of one or more CCGs (SPEC 2.2)."""

    ccg_code: Series[str]
    network_code: Optional[Series[str]]
    milestone: Series[str]
    due_date: Series[str]
    achieved_date: Optional[Series[str]]
    owner: Optional[Series[str]]
    notes: Optional[Series[str]]

    required = tracker.required_cells("ccg_code", "milestone", "due_date")

    @pa.check("due_date", "achieved_date", name="date")
    def date(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, parse_dates(cells, *TRACKER_DATES).notna())

    @pa.check("ccg_code", name="ccg_code")
    def ccg_code_format(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, cells.str.upper().str.fullmatch(CCG_CODE))

    @pa.check("network_code", name="network_code")
    def network_code_format(cls, cells: pd.Series) -> pd.Series:
        return blank_or(cells, cells.str.upper().str.fullmatch(NETWORK_CODE))

    @pa.dataframe_check(name="one_milestone")
    def one_milestone(cls, frame: pd.DataFrame) -> pd.Series:
        keys = frame.reindex(columns=["ccg_code", "network_code", "milestone"], fill_value="")
        keys = keys.assign(
            ccg_code=keys["ccg_code"].str.upper(), network_code=keys["network_code"].str.upper()
        )
        return ~keys.duplicated(keep="first")


MESSAGES = Messages(
    "milestones",
    {
        **tracker.TRACKER_EXPECTED,
        "one_milestone": "each milestone once per CCG and network; this one appears again",
    },
    {"one_milestone": "milestone"},
    tuple(Milestone.to_schema().columns),
    why_no_such_day=why_no_such_day,
)


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series("", index=frame.index, dtype="str")


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Validated text -> the stored milestone register."""
    frame = frame.astype("str")  # as pandas keeps text, whatever the reader kept
    return pd.DataFrame(
        {
            "ccg_code": frame["ccg_code"].str.upper(),
            "network_code": blank_to_null(column(frame, "network_code").str.upper()),
            "milestone": frame["milestone"],
            "due_date": parse_dates(frame["due_date"], *TRACKER_DATES),
            "achieved_date": parse_dates(column(frame, "achieved_date"), *TRACKER_DATES),
            "owner": blank_to_null(column(frame, "owner")),
            "notes": blank_to_null(column(frame, "notes")),
        }
    )


def read(path: Path) -> Reading:
    table = tracker.read_tracker_table(path, recognise)
    tracker.validate_tracker(table, Milestone, MESSAGES)
    return Reading({"milestone_register": tidy(table.frame)})


# A milestones file is the current register of the CCGs it holds: it replaces theirs.
REGISTER = Table("milestone_register", "milestones", replaced_by=("ccg_code",))
KIND = Kind("milestones", "milestones", recognised_by(recognise), read, stores=(REGISTER,), tracker=True)

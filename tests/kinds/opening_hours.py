"""Opening hours: a toy kind with a table of its own, written as a new kind's module would be.

One row per practice and weekday; a file replaces the stored hours of each practice it lists.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.problems import FileRejected, Problem
from etl.sources.kind import Head, Kind, Reading, Table

HEADER = ["practice_code", "weekday", "opening_hours"]
HOURS = Table(
    "opening_hours",
    "opening hours",
    replaced_by=("practice_code",),
    columns={"practice_code": "varchar", "weekday": "varchar", "hours": "integer"},
)


def recognise(head: Head) -> bool:
    return bool(head.rows) and [cell.strip().lower() for cell in head.rows[0]] == HEADER


def read(path: Path) -> Reading:
    frame = pd.read_csv(path, dtype=str)
    hours = pd.to_numeric(frame["opening_hours"], errors="coerce").astype("Int64")
    bad = [number for number, ok in enumerate(hours.between(0, 24).fillna(False)) if not ok]
    if bad:
        raise FileRejected(
            [
                Problem(
                    path.name, number + 2, "opening_hours", frame["opening_hours"][number], "expected 0 to 24"
                )
                for number in bad
            ]
        )
    rows = {
        "practice_code": frame["practice_code"],
        "weekday": frame["weekday"],
        "hours": hours.astype("Int64"),
    }
    return Reading({HOURS.name: pd.DataFrame(rows)})


KIND = Kind("opening_hours", "opening hours", recognise, read, stores=(HOURS,))

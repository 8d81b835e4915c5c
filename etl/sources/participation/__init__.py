"""Participation status (SPEC 2.1): one row per practice per snapshot month, from a lead's tracker.

Recognised by a header naming integration_level or snapshot_date; read from CSV or .xlsx. A plain
CSV (etl/survey.py) whose every row the fast-path SQL (fast_path.sql) vouches for goes straight
into DuckDB (etl/store/staging.py); any other file is read by the pandera model (model.py), which
words every problem. rules.py holds what both share. A clean file is then checked against what
is stored (returns.py, guards.py). Importing this imports neither pandas nor pandera.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from etl.formats import CCG_CODE, MAX_LIST_SIZE, NETWORK_CODE, PRACTICE_CODE
from etl.sources.kind import FastPath, Kind, Reading, Table, recognised_by
from etl.sources.participation.rules import (
    COLUMNS,
    CONTRACT_STATUSES,
    CONTRACT_TYPES,
    FIRST_MONTH,
    LEVELS,
    REQUIRED,
    last_day,
    recognise,
)

if TYPE_CHECKING:
    import duckdb

    from etl.sources import InputFile

HERE = Path(__file__).parent
# A file replaces the stored rows of each (month, CCG) it holds.
PARTICIPATION = Table(
    "participation",
    "participation",
    replaced_by=("snapshot_date", "ccg_code"),
    month_column="snapshot_date",
)


def fast_path() -> FastPath:
    """The SQL that reads a plain CSV straight into DuckDB, with the values its rules bind today."""
    return FastPath(
        PARTICIPATION.name,
        HERE / "fast_path.sql",
        HERE / "fast_path_rows.sql",
        COLUMNS,
        REQUIRED,
        {
            "first_day": FIRST_MONTH,
            "last_day": last_day(),
            "ccg_code": CCG_CODE,
            "practice_code": PRACTICE_CODE,
            "network_code": NETWORK_CODE,
            "max_list_size": MAX_LIST_SIZE,
            "contract_types": list(CONTRACT_TYPES),
            "contract_statuses": list(CONTRACT_STATUSES),
            "levels_written": list(LEVELS),
            "levels_stored": list(LEVELS.values()),
            "longest_cell": csv.field_size_limit(),
        },
    )


def read(path: Path) -> Reading:
    """Any participation file, read and checked by the pandera model."""
    from etl.sources.participation import model  # pandas and pandera: only for files SQL did not vouch for

    return model.read(path)


def check_with_database(con: duckdb.DuckDBPyConnection, f: InputFile, replace: bool, partial: bool) -> None:
    """A clean return checked against the stored returns and the practice register (returns.py)."""
    from etl.sources.participation.returns import check_return

    check_return(con, f, replace, partial)


# What `etl check` without --db says of every return (the command line adds how to check it).
NO_DATABASE = "not checked against the practice register, because no database was given"

KIND = Kind(
    "participation",
    "participation status",
    recognised_by(recognise),
    read,
    stores=(PARTICIPATION,),
    tracker=True,
    fast_path=fast_path,
    check_with_database=check_with_database,
    unchecked_without_database=NO_DATABASE,
)

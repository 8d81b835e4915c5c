"""Participation status (SPEC 2.1): one row per practice per snapshot month, from a lead's tracker.

Recognised by a header naming integration_level or snapshot_date; read from CSV or .xlsx. A plain
CSV (etl/survey.py) whose every row the SQL rules vouch for goes straight into DuckDB
(etl/staging.py); any other file is read by the pandera model (participation_model.py), which
words every problem. This module holds what both share, and imports neither pandas nor pandera.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb

from etl import staging
from etl.formats import CCG_CODE, MAX_LIST_SIZE, NETWORK_CODE, PRACTICE_CODE
from etl.months import month_after, month_end
from etl.sources.kind import Kind, Reading, recognised_by

COLUMNS = (
    "snapshot_date",
    "ccg_code",
    "practice_code",
    "practice_name",
    "list_size",
    "contract_type",
    "integration_level",
    "network_code",
    "network_name",
    "contract_status",
    "gp_count",
    "notes",
)
REQUIRED = COLUMNS[:7]
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
FIRST_MONTH = dt.date(2010, 1, 1)


def recognise(names: set[str]) -> bool:
    return bool(names & {"integration_level", "snapshot_date"}) and "milestone" not in names


def last_month() -> dt.date:
    """The first day of the newest snapshot month a file may describe: next month (a lead may
    work ahead)."""
    return month_after(dt.date.today())


def last_day() -> dt.date:
    """The last day a snapshot date may fall on: the end of next month."""
    return month_end(last_month())


def stage(path: Path, con: duckdb.DuckDBPyConnection) -> Reading | None:
    """A plain CSV whose every row the SQL rules vouch for, read by DuckDB into `con`."""
    rules = staging.StageRules(
        "participation",
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
    staged = staging.stage(path, con, rules)
    return Reading({"participation": staged}) if staged else None


def read(path: Path) -> Reading:
    """Any participation file, read and checked by the pandera model."""
    from etl.sources import participation_model  # pandas and pandera: only for files SQL did not vouch for

    return participation_model.read(path)


KIND = Kind(
    "participation", "participation status", recognised_by(recognise), read, tracker=True, stage=stage
)

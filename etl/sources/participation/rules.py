"""The rules of a participation file that its pandera model (model.py) and its fast-path SQL
(fast_path.sql) share: its columns, the words it may hold, the months it may describe. Imports
neither pandas nor pandera."""

from __future__ import annotations

import datetime as dt

from etl import months
from etl.months import month_after, month_end

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
    return month_after(months.today())


def last_day() -> dt.date:
    """The last day a snapshot date may fall on: the end of next month."""
    return month_end(last_month())

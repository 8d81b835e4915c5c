"""The shape of what read_official returns: the same columns and types whatever the source."""

from __future__ import annotations

import pandas as pd

TEXT = "string"
DATE = "datetime64[ns]"
WHOLE_NUMBER = "Int64"

FRAME_COLUMNS: dict[str, dict[str, str]] = {
    "official_practice_facts": {
        "practice_code": TEXT,
        "practice_name": TEXT,
        "ccg_code": TEXT,
        "open_date": DATE,
        "close_date": DATE,
        "status": TEXT,
        "contract_type": TEXT,
        "list_size": WHOLE_NUMBER,
        "prescribing_setting": TEXT,
    },
    "official_ccgs": {"ccg_code": TEXT, "ccg_name": TEXT, "open_date": DATE, "close_date": DATE},
    "official_networks": {
        "network_code": TEXT,
        "network_name": TEXT,
        "ccg_code": TEXT,
        "open_date": DATE,
        "close_date": DATE,
    },
    "official_membership": {
        "practice_code": TEXT,
        "network_code": TEXT,
        "network_name": TEXT,
        "start_date": DATE,
        "end_date": DATE,
    },
}


def shaped(name: str, known: dict[str, pd.Series], index: pd.Index) -> pd.DataFrame:
    """Every column of frame `name`, in order and typed; what the source does not know is null."""
    columns = {}
    for column, dtype in FRAME_COLUMNS[name].items():
        if column in known:
            columns[column] = known[column].astype(dtype)
        else:
            unknown = pd.NaT if dtype == DATE else pd.NA
            columns[column] = pd.Series(unknown, index=index, dtype=dtype)
    return pd.DataFrame(columns, index=index).reset_index(drop=True)

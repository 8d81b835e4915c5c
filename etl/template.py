"""A participation file for one CCG and month, prefilled from the official data."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from etl.config import SQL_DIR
from etl.database import connect_read_only


class TemplateError(Exception):
    """Nothing to prefill from: the reason, as a sentence."""


def last_day_of(month: str) -> date:
    """'2019-12' -> 2019-12-31"""
    return (pd.Period(month, freq="M").end_time).date()


def write_template(db: Path, ccg: str, month: str, out: Path) -> int:
    """Write the file and return how many practices it lists; unknowns stay blank."""
    if not db.exists():
        raise TemplateError(f"no database at {db}; load the official files first")
    con = connect_read_only(db)
    try:
        practices = con.execute(
            (SQL_DIR / "template.sql").read_text(), {"ccg": ccg.upper(), "day": last_day_of(month)}
        ).df()
    except duckdb.CatalogException:
        raise TemplateError(f"{db} has no official data yet; load the official files first") from None
    finally:
        con.close()
    if practices.empty:
        raise TemplateError(
            f"the official data list no practice of {ccg.upper()} open in {month}; "
            "check the CCG code, or load the register (epraccur or payments) for that time"
        )
    practices["snapshot_date"] = pd.to_datetime(practices["snapshot_date"]).dt.strftime("%Y-%m-%d")
    practices["list_size"] = practices["list_size"].astype("Int64")
    practices.to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return len(practices)

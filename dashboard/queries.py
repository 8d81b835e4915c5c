"""Every question the dashboard asks the database: one cached function each, answered as a DataFrame.

The SQL of each question lives in dashboard/sql/<question>.sql, with its values bound as
parameters. Every answer is cached under the database's version (its path, inode and
modification time), so a load, which swaps in a new file, is seen at once without a restart.
Connections are opened read-only for one question and closed straight after: a connection
held open would keep reading the old file after a swap.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pandas as pd
import streamlit as st

from etl.config import database_path
from etl.database import connect_read_only

SQL_DIR = Path(__file__).resolve().parent / "sql"
TTL = "1h"  # the version key already invalidates on a load; the TTL only bounds memory


class Version(NamedTuple):
    """Which database file, as it is now: a load replaces the file, so the inode and mtime change."""

    path: str
    inode: int
    modified_ns: int
    size: int


def database_version() -> Version | None:
    """The current version of the database file, or None when there is none yet."""
    path = database_path()
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return Version(str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _answer(version: Version, question: str, **values: Any) -> pd.DataFrame:
    """Run dashboard/sql/<question>.sql with `values` bound to its $parameters."""
    sql = (SQL_DIR / f"{question}.sql").read_text()
    with connect_read_only(Path(version.path)) as con:
        return con.execute(sql, values).df()


@st.cache_data(ttl=TTL, show_spinner=False)
def ccg_codes(version: Version) -> list[str]:
    """Every CCG with a snapshot, in code order."""
    return _answer(version, "ccg_codes")["ccg_code"].tolist()


@st.cache_data(ttl=TTL, show_spinner=False)
def snapshot_months(version: Version, ccgs: tuple[str, ...]) -> list[date]:
    """The snapshot months of the chosen CCGs, newest first."""
    months = _answer(version, "snapshot_months", ccgs=list(ccgs))["snapshot_date"]
    return [month.date() for month in months]


@st.cache_data(ttl=TTL, show_spinner=False)
def data_as_at(version: Version, ccgs: tuple[str, ...]) -> pd.DataFrame:
    """One row: the newest snapshot month of the chosen CCGs and when it was loaded."""
    return _answer(version, "data_as_at", ccgs=list(ccgs))


@st.cache_data(ttl=TTL, show_spinner=False)
def headline(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """The headline figures for the month ('selected') and the snapshot month before it ('previous')."""
    return _answer(version, "headline", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def coverage_by_month(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Practices in a network per CCG and snapshot month, up to the month."""
    return _answer(version, "coverage_by_month", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def coverage_projection(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Per CCG, when the pace of its last 6 snapshots would reach 100% coverage."""
    return _answer(version, "coverage_projection", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def integration_mix_by_month(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Practices at each integration level per snapshot month, up to the month."""
    return _answer(version, "integration_mix_by_month", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def integration_by_contract(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Practices by integration level and contract type in the month."""
    return _answer(version, "integration_by_contract", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def official_data_loaded(version: Version) -> bool:
    """Whether the official register is there to compare with (its views may be absent or empty)."""
    try:
        return int(_answer(version, "official_data_loaded")["practices"].iloc[0]) > 0
    except duckdb.Error:
        return False


@st.cache_data(ttl=TTL, show_spinner=False)
def official_coverage_by_month(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Official ePCN coverage for England and the chosen CCGs beside the tracker's, by month."""
    return _answer(version, "official_coverage_by_month", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def practices_needing_support(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Every practice with at least one reason for support in the month, reasons joined with '; '."""
    tracked = _answer(version, "practices_needing_support", ccgs=list(ccgs), month=month)
    if not official_data_loaded(version):
        return tracked
    missing = _answer(version, "practices_missing_from_tracker", ccgs=list(ccgs), month=month)
    if missing.empty:
        return tracked
    both = pd.concat([tracked, missing]) if not tracked.empty else missing
    return both.sort_values(["ccg_code", "practice_code"], ignore_index=True)


@st.cache_data(ttl=TTL, show_spinner=False)
def register_disagreements(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Tracked practices that the official register says are closed, or hold another contract."""
    return _answer(version, "register_disagreements", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def network_sizes(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """Each network of the chosen CCGs: population, band against 30,000–50,000 and integration mix."""
    return _answer(version, "network_sizes", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def network_members(
    version: Version, ccgs: tuple[str, ...], month: date, network: str | None
) -> pd.DataFrame:
    """The member practices of the chosen CCGs' networks, or of one network."""
    return _answer(version, "network_members", ccgs=list(ccgs), month=month, network=network)


@st.cache_data(ttl=TTL, show_spinner=False)
def milestone_statuses(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """The chosen CCGs' milestones as they stood on the last day of the month."""
    return _answer(version, "milestone_statuses", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def changes_since_previous(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """What changed per practice since each CCG's previous snapshot, one row per change."""
    return _answer(version, "changes_since_previous", ccgs=list(ccgs), month=month)


@st.cache_data(ttl=TTL, show_spinner=False)
def load_history(version: Version) -> pd.DataFrame:
    """Every load attempt, newest first."""
    return _answer(version, "load_history")


@st.cache_data(ttl=TTL, show_spinner=False)
def freshness(version: Version, ccgs: tuple[str, ...]) -> pd.DataFrame:
    """Each chosen CCG's newest snapshot and whether it is behind the newest of any CCG."""
    return _answer(version, "freshness", ccgs=list(ccgs))


@st.cache_data(ttl=TTL, show_spinner=False)
def last_rejected_problems(version: Version) -> pd.DataFrame:
    """Every problem of the most recently rejected file (no rows when none was rejected)."""
    return _answer(version, "last_rejected_problems")


@st.cache_data(ttl=TTL, show_spinner=False)
def source_files(version: Version, ccgs: tuple[str, ...], month: date) -> pd.DataFrame:
    """The loaded files the chosen CCGs' figures up to the month come from, with their content hashes."""
    return _answer(version, "source_files", ccgs=list(ccgs), month=month)

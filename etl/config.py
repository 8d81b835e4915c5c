"""The one place that reads the environment: where the database lives."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = REPO_ROOT / "data" / "tracker.duckdb"
DOWNLOADS_DIR = REPO_ROOT / "data" / "official" / "downloads"  # where `etl fetch` keeps what it fetched
SQL_DIR = Path(__file__).resolve().parent / "sql"


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    """--db beats TRACKER_DB beats data/tracker.duckdb."""
    chosen = override or os.environ.get("TRACKER_DB") or DEFAULT_DB
    return Path(chosen)

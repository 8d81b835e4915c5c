"""The DuckDB file: read-only connections for readers, an atomic swap for writers.

A writer never touches the live file. It copies it beside itself, changes the copy and
renames the copy over the live file, so a reader sees the old database or the new one,
never half a load, and a writer killed at any moment leaves the live file as it was.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl.config import SQL_DIR


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A short-lived reader: several may be open at once, also while a load runs."""
    return duckdb.connect(str(path), read_only=True)


@contextmanager
def writing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a copy of `path` that replaces it when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(path):
        for stale in path.parent.glob(f".{path.name}.*.loading*"):
            stale.unlink()  # left by a killed load; the lock says no load is running
        draft = path.with_name(f".{path.name}.{os.getpid()}.loading")
        if path.exists():
            shutil.copyfile(path, draft)
        con = duckdb.connect(str(draft))
        try:
            create_schema(con)
            yield con
            con.execute("checkpoint")
        finally:
            con.close()
        _fsync(draft)
        os.replace(draft, path)
        _fsync(path.parent)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The tables, then every view of sql/views/ (re-created, so a new release updates them)."""
    con.execute((SQL_DIR / "tables.sql").read_text())
    pending = sorted((SQL_DIR / "views").glob("*.sql"))
    while pending:  # a view built on another view waits for it
        waiting = []
        for view in pending:
            try:
                con.execute(f"create or replace view {view.stem} as\n{view.read_text()}")
            except duckdb.CatalogException:
                waiting.append(view)
        if len(waiting) == len(pending):
            con.execute(f"create or replace view {waiting[0].stem} as\n{waiting[0].read_text()}")
        pending = waiting


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """One writer at a time; the lock file never holds data."""
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""The DuckDB file: read-only connections for readers, an atomic swap for writers.

A writer never touches the live file. It copies it (and a write-ahead log left beside it) to a
draft, changes the draft and renames the draft over the live file, so a reader sees the old
database or the new one, never half a load, and a writer killed at any moment leaves the live file
as it was. A symlinked database is followed: the file it points at is replaced.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

import duckdb

from etl import sql_files
from etl.config import SQL_DIR
from etl.problems import one_line

DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file
TRACKER_MARK = {"load_id", "file_name", "content_hash", "outcome"}  # columns of the load history


class DatabaseUnusable(Exception):
    """The database or its folder cannot be used: the reason, as one sentence."""


class Interrupted(Exception):
    """The load was stopped by Ctrl-C or SIGTERM; nothing was stored."""


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A short-lived reader: several may be open at once, also while a load runs."""
    return duckdb.connect(str(path), read_only=True)


def live_file(path: Path) -> Path:
    """The file a load replaces: `path`, or what a symlink points at; refused when not a database."""
    if not str(path):
        raise DatabaseUnusable("--db is empty: give the database file, e.g. --db data/tracker.duckdb")
    target = path.resolve()
    if target.is_dir():
        raise DatabaseUnusable(f"{shown(path)} is a folder, not a database file")
    if (special := special_file(target)) is not None:  # a named pipe would block every read for ever
        raise DatabaseUnusable(f"{shown(path)} is {special}, not a database file; choose another --db")
    if target.exists():
        try:
            with target.open("rb") as f:
                head = f.read(16)
        except OSError as error:
            raise DatabaseUnusable(
                f"cannot read the database {shown(path)}: {error.strerror or error}"
            ) from None
        if head and head[8:12] != DUCKDB_MAGIC:
            what = "a SQLite database" if head.startswith(b"SQLite format 3") else "a file of another kind"
            raise DatabaseUnusable(f"{shown(path)} is {what}, not a tracker database; choose another --db")
    return target


def special_file(path: Path) -> str | None:
    """What `path` is when it exists but is neither a regular file nor a folder: 'a named pipe'..."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def foreign_tables(con: duckdb.DuckDBPyConnection) -> list[str] | None:
    """The tables of a database that is not the tracker's (None: the tracker's, or empty and new).

    A tracker database has the load history; another application's database, even one with a
    table called participation, does not, and a load must not add the tracker's tables beside its own.
    """
    tables = {
        name: columns
        for name, columns in con.execute(
            "select table_name, list(column_name) from information_schema.columns "
            "where table_catalog = current_database() group by table_name"
        ).fetchall()
    }
    if not tables or set(tables.get("load_history", ())) >= TRACKER_MARK:
        return None
    return sorted(tables)


def refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """DatabaseUnusable unless `con` is a tracker database or a new, empty one."""
    if (tables := foreign_tables(con)) is not None:
        some = ", ".join(one_line(name) for name in tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise DatabaseUnusable(
            f"{shown(path)} is another application's DuckDB database (its tables: {some}), "
            "not a tracker database; nothing was changed; choose another --db"
        )


def shown(path: Path | str) -> str:
    """A path as output shows it: on one line, whatever characters its name holds."""
    return one_line(str(path))


@contextmanager
def writing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a copy of `path` that replaces it when the block succeeds."""
    live = live_file(path)
    try:
        live.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive_lock(live), _interruptible():
            _remove_stale_drafts(live)
            draft = live.with_name(f".{live.name}.{os.getpid()}.loading")
            try:
                yield from _write_draft(live, draft)
                os.replace(draft, live)
                _fsync(live.parent)
            finally:
                for leftover in (draft, _wal(draft)):
                    leftover.unlink(missing_ok=True)
    except OSError as error:
        raise DatabaseUnusable(_sentence(error, live)) from None
    except duckdb.Error as error:
        # DuckDB says so as an IOException, or (when a checkpoint fails) a FatalException
        if "No space left" in str(error) or "Disk quota exceeded" in str(error):
            raise DatabaseUnusable(f"the disk holding {shown(live)} is full; nothing was stored") from None
        raise


def _write_draft(live: Path, draft: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    if live.exists():
        shutil.copyfile(live, draft)
        _keep_mode_and_group(live, draft)
        if _wal(live).exists():  # a writer died before its checkpoint: replay its log in the draft
            shutil.copyfile(_wal(live), _wal(draft))
    try:
        con = duckdb.connect(str(draft))
    except duckdb.Error as error:
        reason = _first_line(error)
        if _wal(live).exists():
            raise DatabaseUnusable(
                f"the write-ahead log {shown(_wal(live))} does not fit {shown(live)} ({reason}); "
                "move it aside if the database opens without it; nothing was stored"
            ) from None
        raise DatabaseUnusable(f"{shown(live)} cannot be opened ({reason}); nothing was stored") from None
    try:
        refuse_foreign(con, live)
        create_schema(con)
        yield con
        con.execute("checkpoint")
    finally:
        con.close()
    _fsync(draft)
    # the draft holds what the log held; a log left beside the new file would be replayed on it
    _wal(live).unlink(missing_ok=True)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The tables, macros, every view of sql/views/ in the order sql/views/ORDER declares, then the
    macros built on views (all re-created, so a new release updates them)."""
    con.execute(sql_files.sql_text("tables.sql"))
    con.execute(sql_files.sql_text("macros.sql"))
    if con.execute(sql_files.sql_text("practice_months_table.sql")).fetchone() == (True,):
        con.execute("drop table practice_months")  # a view now (views/practice_months.sql)
    for view in view_order():
        con.execute(f"create or replace view {view} as\n{sql_files.sql_text(f'views/{view}.sql')}")
    con.execute(sql_files.sql_text("view_macros.sql"))


def view_order() -> list[str]:
    """The views' names as sql/views/ORDER lists them: each after the views it selects from."""
    lines = (SQL_DIR / "views" / "ORDER").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _remove_stale_drafts(live: Path) -> None:
    """Drafts of THIS database left by killed loads (the lock says none is running)."""
    own_draft = re.compile(rf"\.{re.escape(live.name)}\.\d+\.loading(\.wal)?")
    for stale in live.parent.iterdir():
        if own_draft.fullmatch(stale.name):
            stale.unlink(missing_ok=True)


def _keep_mode_and_group(live: Path, draft: Path) -> None:
    """The new file keeps the permissions and group of the one it replaces."""
    status = live.stat()
    os.chmod(draft, stat.S_IMODE(status.st_mode))
    with suppress(PermissionError):  # only the group's members may give it the group
        os.chown(draft, -1, status.st_gid)


@contextmanager
def _exclusive_lock(live: Path) -> Iterator[None]:
    """One writer at a time; the lock file never holds data."""
    with open(live.with_name(f".{live.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def _interruptible() -> Iterator[None]:
    """SIGTERM stops a load the way Ctrl-C does: the draft is removed, the live file untouched.

    A signal that arrives while DuckDB runs a query stops the query, and DuckDB raises its own
    error in place of ours ("Query interrupted"); after a signal, any error means Interrupted.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopped = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()
        raise Interrupted()

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    except (KeyboardInterrupt, duckdb.InterruptException):
        raise Interrupted() from None
    except Exception:
        if stopped.is_set():
            raise Interrupted() from None
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _sentence(error: OSError, live: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding {shown(live)} is full; nothing was stored"
    where = shown(error.filename or live.parent)
    return f"cannot write the database {shown(live)}: {error.strerror or error} ({where}); nothing was stored"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

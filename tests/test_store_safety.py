"""Nothing lost: a stale write-ahead log, symlinks, permissions, drafts, signals, and every way the
surroundings can be wrong answered in one line with exit 2 (issue 10, items 3, 5, 7, 8, 9)."""

from __future__ import annotations

import csv
import errno
import grp
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from etl.cli import main
from etl.store import load_files
from tests.helpers import STATUS_HEADER, STATUS_ROWS, rows_of, snapshot, write_big_status

REPO = Path(__file__).resolve().parent.parent
READ_ONLY_FOLDER = Path("/sys")  # not writable, even by root


def run(*args: object) -> tuple[int, str, str]:
    """python -m etl ARGS in this process; (exit status, stdout, stderr)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exit_:
        main([str(arg) for arg in args])
    return int(exit_.value.code or 0), out.getvalue(), err.getvalue()


def drafts(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".loading" in path.name)


# --- item 5: a stale write-ahead log never bricks the database ---------------------------------


def test_a_stale_wal_from_a_killed_writer_is_kept_and_never_bricks_the_database(
    status_file: Path, db: Path, write_csv: Callable[..., Path]
) -> None:
    load_files([status_file], db)
    killed_writer = (
        "import duckdb, os, signal, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute(\"create table analyst_notes as select 'kept' as note\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", killed_writer, str(db)], check=False)
    assert Path(f"{db}.wal").exists()

    april = write_csv(
        "status_2018-04.csv", STATUS_HEADER, [r.replace("2018-03", "2018-04") for r in STATUS_ROWS]
    )
    assert [r.outcome for r in load_files([april], db)] == ["loaded"]

    assert not Path(f"{db}.wal").exists()
    assert rows_of(db, "select count(*) from practice_status") == [(8,)]
    assert rows_of(db, "select note from analyst_notes") == [("kept",)]  # the writer's commit survives
    con = duckdb.connect(str(db))  # and it opens read-write again
    con.close()


# --- item 7: symlinks, permissions, drafts of this database only, signals ---------------------


def test_a_symlinked_db_replaces_the_file_it_points_at(status_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "shared" / "tracker.duckdb"
    target.parent.mkdir()
    link = tmp_path / "tracker.duckdb"
    link.symlink_to(target)

    assert run("load", "--db", link, status_file)[0] == 0

    assert link.is_symlink() and link.resolve() == target
    assert rows_of(target, "select count(*) from practice_status") == [(4,)]


def test_the_database_keeps_its_permissions_and_group_across_loads(
    status_file: Path, milestones_file: Path, db: Path
) -> None:
    load_files([status_file], db)
    group = next(g.gr_gid for g in grp.getgrall() if g.gr_gid != os.getgid())
    os.chmod(db, 0o640)
    os.chown(db, -1, group)

    load_files([milestones_file], db)

    assert (oct(db.stat().st_mode & 0o777), db.stat().st_gid) == ("0o640", group)


def test_stale_draft_cleanup_leaves_a_neighbouring_databases_drafts_alone(
    status_file: Path, db: Path
) -> None:
    ours = db.parent / f".{db.name}.99999.loading"
    neighbours = [db.parent / f".{db.name}.old.99999.loading", db.parent / f".{db.name}2.99999.loading"]
    for draft in (ours, *neighbours):
        draft.write_bytes(b"half a database")

    load_files([status_file], db)

    assert not ours.exists()
    assert all(draft.exists() for draft in neighbours)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
@pytest.mark.parametrize(
    ("months", "after_s"),
    [(1, 0.0), (8, 0.3)],
    ids=["as the draft is made", "while DuckDB reads the file"],
)
def test_a_stopped_load_removes_its_draft_and_leaves_the_database_as_it_was(
    status_file: Path, db: Path, tmp_path: Path, stop: signal.Signals, months: int, after_s: float
) -> None:
    load_files([status_file], db)
    before = snapshot(db)
    big = write_big_status(tmp_path / "big.csv", "2018-04", 60000)
    rows = big.read_text().split("\n", 1)[1]
    with big.open("a") as more:  # the same practices in later months: a file DuckDB reads for a while
        for month in range(5, 4 + months):
            more.write(rows.replace("2018-04-01", f"2018-{month:02d}-01"))
    loading = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", "--db", str(db), str(big)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while not drafts(tmp_path) and loading.poll() is None:
        time.sleep(0.001)
    time.sleep(after_s)  # DuckDB turns a signal during its query into an error of its own
    loading.send_signal(stop)
    _, err = loading.communicate()

    assert (loading.returncode, err) == (130, "interrupted; nothing was stored\n")
    assert drafts(tmp_path) == []
    assert snapshot(db) == before


# --- item 8: one line and exit 2, never a traceback -------------------------------------------


def test_each_wrong_surrounding_is_one_line_and_exit_2(status_file: Path, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n")
    sqlite_file = tmp_path / "old.sqlite"
    sqlite3.connect(sqlite_file).execute("create table t (x)").connection.commit()
    db = tmp_path / "tracker.duckdb"
    cases = {
        ("load", "--db", db, "/proc/self/mem"): "error: cannot read /proc/self/mem: Input/output error",
        ("load", "--db", text_file, status_file): f"error: {text_file} is a file of another kind, "
        "not a tracker database; choose another --db",
        ("load", "--db", tmp_path, status_file): f"error: {tmp_path} is a folder, not a database file",
        ("load", "--db", sqlite_file, status_file): f"error: {sqlite_file} is a SQLite database, "
        "not a tracker database; choose another --db",
        (
            "load",
            "--db",
            READ_ONLY_FOLDER / "tracker.duckdb",
            status_file,
        ): "error: cannot write the database "
        "/sys/tracker.duckdb: Permission denied (/sys/.tracker.duckdb.lock); nothing was stored",
        ("load", "--db", "", status_file): "error: --db is empty: give the database file, "
        "e.g. --db data/tracker.duckdb",
        ("load", "--db", db, "--report", READ_ONLY_FOLDER / "report.csv", status_file): "error: cannot write "
        "the report /sys/report.csv: Permission denied",
        ("load", "--db", db, tmp_path): f"error: {tmp_path} is a folder, not a file",
    }
    for args, message in cases.items():
        assert run(*args) == (2, "", message + "\n"), args
    assert not db.exists()  # the unwritable report stopped the load before anything was stored


def test_a_full_disk_is_one_line_and_exit_2(
    status_file: Path, milestones_file: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_files([status_file], db)
    before = snapshot(db)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("etl.database.shutil.copyfile", full)

    assert run("load", "--db", db, milestones_file) == (
        2,
        "",
        f"error: the disk holding {db} is full; nothing was stored\n",
    )
    assert snapshot(db) == before
    assert drafts(db.parent) == []


# --- item 9: the first 1,000 problems stored, the total counted --------------------------------


def test_a_problem_on_many_rows_is_stored_once_with_the_total(
    write_csv: Callable[..., Path], db: Path
) -> None:
    # (issue 18 §5: the same problem on many rows is one problem saying how many rows and which lines)
    bad = [STATUS_ROWS[0].replace("C86001", f"X{i}") for i in range(1500)]

    results = load_files([write_csv("bad.csv", STATUS_HEADER, bad)], db)

    assert results[0].summary() == "bad.csv: rejected, 1,500 problems; nothing was stored"
    assert rows_of(db, "select problems from loads") == [(1500,)]
    assert rows_of(db, "select count(*), min(line), max(line) from load_problems") == [(1, 2, 2)]
    (said,) = rows_of(db, "select problem from load_problems")[0]
    assert said.startswith("bad.csv lines 2–1501 (1,500 rows), practice_code: expected")


# --- item 3: the --report CSV is formula-safe --------------------------------------------------


def test_the_report_neutralises_cells_a_spreadsheet_would_run(
    write_csv: Callable[..., Path], db: Path, tmp_path: Path
) -> None:
    row = STATUS_ROWS[0].replace("C86001", '"=HYPERLINK(""https://evil.example"")"')
    report = tmp_path / "problems.csv"

    assert run("load", "--db", db, "--report", report, write_csv("bad.csv", STATUS_HEADER, [row]))[0] == 1

    (header, cells) = list(csv.reader(report.open()))
    assert header == ["file", "line", "column", "value", "problem"]
    assert cells[:4] == ["bad.csv", "2", "practice_code", '\'=HYPERLINK("https://evil.example")']

"""A load is all or nothing, and readers keep answering while it runs."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl.store import load_files
from tests.helpers import rows_of, write_big_status

REPO = Path(__file__).resolve().parent.parent


def start_load(db: Path, *files: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "load", "--db", str(db), *map(str, files)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def months_stored(db: Path) -> list[tuple]:
    return rows_of(db, "select snapshot_date::varchar, count(*) from practice_status group by 1 order by 1")


def content(db: Path) -> list[tuple]:
    """Everything a reader can see: every stored row (as a fingerprint) and the load history."""
    return rows_of(
        db,
        "select 'practice_status', count(*), bit_xor(hash(p)) from practice_status p "
        "union all select 'milestones', count(*), bit_xor(hash(m)) from milestones m "
        "union all select 'loads', count(*), bit_xor(hash(file_name, content_hash, rows, outcome)) "
        "from loads order by 1",
    )


def drafts(db: Path) -> list[Path]:
    """Half-written databases a killed load left beside the live one."""
    return list(db.parent.glob(f".{db.name}.*.loading*"))


def timed_load(db: Path, file: Path) -> tuple[float, float]:
    """Seconds a whole load takes (start-up to exit), and how long of it the draft is written."""
    started = time.perf_counter()
    loading, writing = start_load(db, file), []
    while loading.poll() is None:
        if drafts(db):
            writing.append(time.perf_counter())
        time.sleep(0.001)
    assert loading.returncode == 0
    return time.perf_counter() - started, (writing[-1] - writing[0]) if writing else 0.0


@pytest.mark.slow
def test_a_load_killed_at_any_moment_leaves_the_old_or_the_new_database(tmp_path: Path) -> None:
    db, old_copy = tmp_path / "tracker.duckdb", tmp_path / "old.duckdb"
    load_files([write_big_status(tmp_path / "march.csv", "2018-03", 3000)], db)
    shutil.copyfile(db, old_copy)
    april = write_big_status(tmp_path / "april.csv", "2018-04", 50000)
    whole_load, writing = timed_load(db, april)
    old, new = content(old_copy), content(db)
    moments = random.Random(20180401)
    seen, killed_while_writing = set(), 0

    for kill in range(20):
        shutil.copyfile(old_copy, db)
        for draft in drafts(db):  # so that a draft found below was left by this kill
            draft.unlink()
        loading = start_load(db, april)
        if kill % 2:  # while the new database is being written, swapped in, or just after
            while not drafts(db) and loading.poll() is None:
                time.sleep(0.001)
            time.sleep(moments.uniform(0, writing * 1.2))
        else:  # anywhere from start-up to well after the swap, spread evenly
            time.sleep(whole_load * 1.5 * (kill // 2 + moments.random()) / 10)
        loading.send_signal(signal.SIGKILL)
        loading.wait()
        killed_while_writing += bool(drafts(db))
        stored = content(db)
        assert stored in (old, new)
        seen.add("new" if stored == new else "old")

    assert seen == {"old", "new"}  # killed both before and after the swap
    assert killed_while_writing  # and while the new database was half written
    load_files([tmp_path / "march.csv"], db)  # a killed load never blocks the next one
    assert not drafts(db)


def test_readers_keep_answering_while_loads_run(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files([write_big_status(tmp_path / "march.csv", "2018-03", 3000)], db)
    files = [write_big_status(tmp_path / f"m{month}.csv", f"2018-{month:02d}", 8000) for month in (4, 5)]
    answers: list[int] = []

    loading = start_load(db, *files)
    while loading.poll() is None:
        con = duckdb.connect(str(db), read_only=True)
        (count,) = con.execute("select count(*) from practice_status").fetchall()[0]
        answers.append(count)
        con.close()
        time.sleep(0.01)

    assert loading.returncode == 0, loading.stderr.read().decode() if loading.stderr else ""
    assert len(answers) > 10
    assert set(answers) <= {3000, 19000}  # never half a load
    assert months_stored(db)[-1] == ("2018-05-01", 8000)


def test_a_leftover_draft_from_a_killed_load_is_cleared_by_the_next_load(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    draft = tmp_path / f".{db.name}.99999.loading"
    draft.write_bytes(b"half a database")

    load_files([write_big_status(tmp_path / "march.csv", "2018-03", 10)], db)

    assert not draft.exists()
    assert os.listdir(tmp_path).count("tracker.duckdb") == 1

"""A load is all or nothing, and readers keep answering while it runs."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from etl.load import load_files
from tests.conftest import rows_of, write_big_status

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


def test_a_load_killed_at_any_moment_leaves_the_old_or_the_new_database(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files([write_big_status(tmp_path / "march.csv", "2018-03", 3000)], db)
    old = months_stored(db)
    april = write_big_status(tmp_path / "april.csv", "2018-04", 20000)
    new_content = [*old, ("2018-04-01", 20000)]
    seen = set()
    moments = random.Random(20180401)

    for _ in range(20):
        loading = start_load(db, april)
        time.sleep(moments.uniform(0.1, 1.6))
        loading.send_signal(signal.SIGKILL)
        loading.wait()
        stored = months_stored(db)
        assert stored in (old, new_content)
        seen.add("new" if stored == new_content else "old")
        if stored == new_content:  # start again from the old content
            db.unlink()
            load_files([tmp_path / "march.csv"], db)

    assert seen == {"old", "new"}  # killed both before and after the swap


def test_readers_keep_answering_while_loads_run(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files([write_big_status(tmp_path / "march.csv", "2018-03", 3000)], db)
    files = [write_big_status(tmp_path / f"m{month}.csv", f"2018-{month:02d}", 8000) for month in (4, 5)]
    answers: list[int] = []

    loading = start_load(db, *files)
    while loading.poll() is None:
        con = duckdb.connect(str(db), read_only=True)
        answers.append(con.execute("select count(*) from practice_status").fetchone()[0])
        con.close()
        time.sleep(0.01)

    assert loading.returncode == 0, loading.stderr.read().decode()
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

"""The bench's update part: `make update` as a lead runs it at the start of a month.

`python -m etl fetch` from a local server that answers like ODS and NHS Digital (tests/nhs_sites.py)
brings one month's files (the register, eccg, the two ePCN reports, the list sizes and the mapping
file) into a database that already holds every other bundled release: the download, the checks,
the load and the rebuild of practice_months, timed from the command's start to its exit.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.bench_official import load_official, official_files
from tests.bench_timing import Run, best_of, timed

FETCHED = {"epraccur_2026-02.csv", "eccg_2024.csv", "ePCN_2024-10.xlsx"}  # and the two served below


def update_seconds(work: Path, repeats: int) -> tuple[list[str], float | None]:
    """The lines to print and update_s, the best of `repeats` fetches into a fresh copy of the base."""
    import logging

    from pytest_httpserver import HTTPServer

    from tests.nhs_sites import REGISTRATION_FILES, ods_url, registrations_url, serve_sites

    served = FETCHED | {path.name for path in REGISTRATION_FILES.values()}
    others = [path for path in official_files() if path.name not in served]
    if not others:
        return ["update: no bundled official files found"], None
    base = work / "before-update.duckdb"
    load_official(others, base)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = HTTPServer(host="127.0.0.1")
    server.start()
    try:
        serve_sites(server)

        def fetch_once(attempt: int) -> Run:
            db = work / f"update-{attempt}.duckdb"
            shutil.copyfile(base, db)
            command = [sys.executable, "-m", "etl", "fetch", "--db", str(db), "--month", "2026-01"]
            command += ["--ods-url", ods_url(server), "--registrations-url", registrations_url(server)]
            command += ["--keep", str(work / f"downloads-{attempt}")]
            return timed(command)

        run = best_of(repeats, fetch_once)
    finally:
        server.stop()
    lines = [
        f"update: one month's 6 files from 127.0.0.1 into a database holding {len(others)} other releases",
        f"  {'python -m etl fetch --month 2026-01':<42} {run.seconds:6.2f} s  peak {run.peak_mb:5.0f} MB",
    ]
    return lines, run.seconds

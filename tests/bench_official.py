"""The benchmark's England-scale inputs: the real official files, and a 200 MB file full of problems.

official_files()           every published file in ../shared/nhs-data
write_all_bad_file(path)   a participation file in which every row breaks the contract
"""

from __future__ import annotations

import csv
import importlib
import sys
from datetime import date
from pathlib import Path

import duckdb

from tests.bench_timing import REPO, Run, timed

NHS_DATA = REPO.parent / "shared" / "nhs-data"
OFFICIAL_SUFFIXES = {".csv", ".xlsx"}
BAD_FILE_MB = 200
BAD_FILE_MEMORY_CAP_MB = 6144  # address space: a loader far over its goal fails alone


def official_files(folder: Path = NHS_DATA) -> list[Path]:
    """Every official file as published (payments, epraccur, eccg, ePCN, list sizes, mapping)."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in OFFICIAL_SUFFIXES)


def load_official(files: list[Path], db: Path) -> Run:
    """python -m etl load of every official file in one command, into a new database.

    Exit 1 (a file rejected) is measured and reported rather than stopping the benchmark.
    """
    command = [sys.executable, "-m", "etl", "load", "--db", str(db), *map(str, files)]
    return timed(command, allowed=(0, 1))


def newest_official_month(db: Path) -> date | None:
    """The newest month the official files cover, as the pages offer it."""
    questions = (
        "select max(month) from practice_months where source = 'official'",
        "select max(month) from official_coverage",
    )
    with duckdb.connect(str(db), read_only=True) as con:
        for question in questions:
            try:
                found = con.execute(question).fetchone()
            except duckdb.Error:
                continue
            if found and found[0] is not None:
                newest: date = found[0]
                return newest.replace(day=1)
    return None


def contract_columns() -> list[str]:
    """The participation contract's columns in order, from its pandera model wherever it lives."""
    import pandera.pandas as pa

    for module_name in ("etl.sources.participation.model", "etl.sources.participation", "etl.schemas"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, pa.DataFrameModel)
                and value is not pa.DataFrameModel
            ):
                columns = list(value.to_schema().columns)
                if "snapshot_date" in columns and "integration_level" in columns:
                    return columns
    raise SystemExit("bench: no pandera model of the participation file found in etl/")


def write_all_bad_file(path: Path, good_rows: list[dict[str, object]], megabytes: int = BAD_FILE_MB) -> int:
    """A participation file of about `megabytes` MB made of `good_rows`, each with a bad practice code.

    The codes have 7 digits instead of 5 and differ from row to row, and every other cell is valid,
    so each row is exactly one problem: the loader must keep the first 1,000 and the total, not
    every one of millions.
    """
    columns = contract_columns()
    limit = megabytes * 1_000_000
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(columns)
        month = 0
        while file.tell() < limit:
            snapshot = date(2010 + month % 180 // 12, month % 12 + 1, 1).isoformat()
            for good in good_rows:
                row = {**good, "snapshot_date": snapshot, "practice_code": f"C{rows:07d}"}
                writer.writerow([row.get(column, "") for column in columns])
                rows += 1
            month += 1
    return rows


def bad_file_peak(path: Path, work: Path) -> Run:
    """python -m etl load of the all-bad file: rejected (exit 1), its peak memory measured.

    Any other exit (out of memory under the cap, a crash) is returned for the report to name.
    """
    db = work / "bad.duckdb"
    command = [sys.executable, "-m", "etl", "load", "--db", str(db), str(path)]
    return timed(command, allowed=None, memory_cap_mb=BAD_FILE_MEMORY_CAP_MB)

"""A huge file full of problems is read within memory: the first 1,000 problems are kept, all are
counted, and no object is built per failing row (issue 10 item 9)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import STATUS_HEADER

pytestmark = pytest.mark.slow

MEGABYTES = 200
PEAK_LIMIT_MB = 1024

MEASURE = """
import json, resource, sys
from pathlib import Path
from etl.sources import read_input
read = read_input(Path(sys.argv[1]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"kept": len(read.problems), "total": read.problem_count, "peak_mb": peak,
                  "first": str(read.problems[0]), "last": str(read.problems[-1])}))
"""


def write_all_bad_file(path: Path, megabytes: int) -> int:
    """Valid rows but for the practice code (7 digits, a different one on every row)."""
    rows = 0
    with path.open("w", encoding="utf-8") as file:
        file.write(STATUS_HEADER + "\n")
        while file.tell() < megabytes * 1_000_000:
            lines = [
                f"2019-{1 + (rows + n) // 300 % 12:02d}-01,02X,C{rows + n:07d},Practice {n},{5000 + n},GMS,"
                f"virtual,02X-N{n // 6:03d},Network {n // 6},active,3,"
                for n in range(300)
            ]
            file.write("\n".join(lines) + "\n")
            rows += 300
    return rows


def test_a_200_mb_file_of_problems_is_read_in_well_under_a_gigabyte(tmp_path: Path) -> None:
    path = tmp_path / "all_bad.csv"
    rows = write_all_bad_file(path, MEGABYTES)
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True, timeout=600
    )
    found = json.loads(done.stdout)
    print(f"{rows:,} rows: peak {found['peak_mb']} MB")
    assert (found["kept"], found["total"]) == (1000, rows)
    assert found["first"] == (
        'all_bad.csv line 2, practice_code "C0000000": expected a capital letter and 5 digits, such as C86001'
    )
    assert found["last"].startswith('all_bad.csv line 1001, practice_code "C0000999"')
    assert found["peak_mb"] < PEAK_LIMIT_MB

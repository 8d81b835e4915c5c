"""A huge file full of problems is read within memory: its problems are said in a screenful, all are
counted, and no object is built per failing row (issue 10 item 9), whatever allocator Arrow uses
(issue 19): the peak is the reading process's own, never the memory pytest held when it started it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import STATUS_HEADER
from tests.memory import read_in_a_process

pytestmark = pytest.mark.slow

MEGABYTES = 200
PEAK_LIMIT_MB = 1024


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


@pytest.fixture(scope="module")
def all_bad_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("memory") / "all_bad.csv"
    return path, write_all_bad_file(path, MEGABYTES)


# The code holds the bound whatever Arrow allocates with: the one a deployment chooses with
# ARROW_DEFAULT_MEMORY_POOL (the system's, or mimalloc in a build without jemalloc), or ours.
@pytest.mark.parametrize("pool", [None, "system", "mimalloc", "jemalloc"])
def test_a_200_mb_file_of_problems_is_read_in_well_under_a_gigabyte(
    all_bad_file: tuple[Path, int], pool: str | None
) -> None:
    path, rows = all_bad_file
    before = dict(os.environ)

    found = read_in_a_process(path, **({"ARROW_DEFAULT_MEMORY_POOL": pool} if pool else {}))

    print(f"{rows:,} rows, Arrow pool {pool or 'chosen by the loader'}: peak {found['peak_mb']} MB")
    # one mistake on every row is said in a screenful: once for each batch of rows read (issue 18)
    assert found["total"] == rows
    assert found["kept"] == -(-rows // 250_000)
    assert found["problems"][0] == (
        "all_bad.csv lines 2–250001 (250,000 rows), practice_code: expected a capital letter and 5 digits, "
        'such as C86001 (250,000 different values, such as "C0000000")'
    )
    assert found["last"].startswith(
        f"all_bad.csv lines 2250002–{rows + 1} ({rows - 2_250_000:,} rows), practice_code"
    )
    assert found["peak_mb"] < PEAK_LIMIT_MB
    assert dict(os.environ) == before  # the variable was the child's alone

"""Every view that promises "one row per ..." keeps its promise (dbt's unique test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.store import load_files
from tests.helpers import STATUS_HEADER, STATUS_ROWS, rows_of

FIXTURES = Path(__file__).parent / "fixtures" / "official"

ONE_ROW_PER = {
    "official_practices": "practice_code",
    "official_releases": "load_id",
    "official_coverage": "month, ccg_code",
    "official_months": "month",
    "official_practice_months": "month, practice_code",
    "list_size_figures": "practice_code, figure_date",
    "network_membership": "practice_code, network_code, start_date",
    "areas": "ccg_code",
    "practice_status": "snapshot_date, practice_code",
    "practice_months": "month, practice_code",
    "loads": "load_id",
}


@pytest.fixture(scope="module")
def every_file_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    db = folder / "tracker.duckdb"
    tracker = folder / "status.csv"
    tracker.write_text(
        "\n".join([STATUS_HEADER, *(r.replace("2018-03", "2019-11") for r in STATUS_ROWS)]) + "\n"
    )
    files = sorted(FIXTURES.glob("*.csv")) + sorted(FIXTURES.glob("*.xlsx"))
    # first, so that the excerpt of the register (which lists two of its practices) does not refuse it
    assert {r.outcome for r in load_files([tracker], db)} == {"loaded"}
    assert {r.outcome for r in load_files(files, db)} == {"loaded"}
    return db


@pytest.mark.parametrize(("view", "key"), ONE_ROW_PER.items())
def test_each_view_has_one_row_per_key(every_file_db: Path, view: str, key: str) -> None:
    total, distinct = rows_of(every_file_db, f"select count(*), count(distinct ({key})) from {view}")[0]

    assert total == distinct > 0

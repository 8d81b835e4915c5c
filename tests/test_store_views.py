"""Every view keeps the promise of its first line, "-- one row per <key columns>" (dbt's unique test).

The tests are generated from the view files themselves: a new view without the line fails, and a
view with it is checked on a small database of the fixtures and on the real official files with the
sample's returns and milestones.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.config import SQL_DIR
from etl.database import view_order
from etl.store import load_files
from tests.helpers import MILESTONE_ROWS, MILESTONES_HEADER, STATUS_HEADER, STATUS_ROWS, rows_of

FIXTURES = Path(__file__).parent / "fixtures" / "official"
REPO = Path(__file__).resolve().parent.parent
VIEW_FILES = sorted((SQL_DIR / "views").glob("*.sql"))
GRAIN = re.compile(r"-- one row per (?P<key>[a-z_]+(?:, [a-z_]+)*)")


def declared_key(view_file: Path) -> str | None:
    """The key columns the view's first line names ('month, practice_code'), or None without the line."""
    first_line = view_file.read_text(encoding="utf-8").split("\n", 1)[0]
    found = GRAIN.fullmatch(first_line)
    return found.group("key") if found else None


def duplicated_keys(db: Path, view: str, key: str) -> list[tuple]:
    """Up to five keys that more than one row of the view holds (nulls count as one value)."""
    return rows_of(db, f"select {key}, count(*) from {view} group by {key} having count(*) > 1 limit 5")


@pytest.mark.parametrize("view_file", VIEW_FILES, ids=lambda path: path.stem)
def test_each_view_file_says_what_one_row_is_on_its_first_line(view_file: Path) -> None:
    assert declared_key(view_file), f"{view_file.name}: its first line must be '-- one row per <key columns>'"


def test_the_declared_build_order_names_every_view_file_once() -> None:
    order = view_order()

    assert len(order) == len(set(order)), [name for name in order if order.count(name) > 1]
    assert sorted(order) == [path.stem for path in VIEW_FILES]


def test_the_declared_build_order_puts_each_view_after_the_views_it_selects_from() -> None:
    order = view_order()
    for place, view in enumerate(order):
        sql = (SQL_DIR / "views" / f"{view}.sql").read_text(encoding="utf-8")
        sql = re.sub(r"--[^\n]*|'[^']*'", "", sql)  # a view's name in a comment or a string is no use of it
        used = {other for other in order if other != view and re.search(rf"\b(from|join)\s+{other}\b", sql)}
        assert used <= set(order[:place]), f"{view} is built before {sorted(used - set(order[:place]))}"


@pytest.fixture(scope="module")
def every_file_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    db = folder / "tracker.duckdb"
    tracker = folder / "status.csv"
    tracker.write_text(
        "\n".join([STATUS_HEADER, *(r.replace("2018-03", "2019-11") for r in STATUS_ROWS)]) + "\n"
    )
    milestones = folder / "milestones.csv"
    milestones.write_text("\n".join([MILESTONES_HEADER, *MILESTONE_ROWS]) + "\n")
    files = sorted(FIXTURES.glob("*.csv")) + sorted(FIXTURES.glob("*.xlsx"))
    # first, so that the excerpt of the register (which lists two of its practices) does not refuse it
    assert {r.outcome for r in load_files([tracker, milestones], db)} == {"loaded"}
    assert {r.outcome for r in load_files(files, db)} == {"loaded"}
    return db


@pytest.mark.parametrize("view_file", VIEW_FILES, ids=lambda path: path.stem)
def test_each_view_has_one_row_per_its_declared_key(every_file_db: Path, view_file: Path) -> None:
    key = declared_key(view_file)
    assert key, f"{view_file.name} does not say what one row is"

    assert duplicated_keys(every_file_db, view_file.stem, key) == []
    if view_file.stem not in {"closed_areas", "membership_disagreements"}:  # the excerpts have none
        assert rows_of(every_file_db, f"select count(*) from {view_file.stem}")[0][0] > 0


@pytest.fixture(scope="module")
def real_files_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real official files of data/official/, then the sample's returns and milestones."""
    db = tmp_path_factory.mktemp("real_views") / "tracker.duckdb"
    official = sorted((REPO / "data" / "official").glob("*.csv")) + sorted(
        (REPO / "data" / "official").glob("*.xlsx")
    )
    sample = sorted((REPO / "data" / "sample").glob("*.csv"))
    assert {r.outcome for r in load_files(official, db)} == {"loaded"}
    assert {r.outcome for r in load_files(sample, db)} == {"loaded"}
    return db


@pytest.mark.slow
@pytest.mark.parametrize("view_file", VIEW_FILES, ids=lambda path: path.stem)
def test_each_view_has_one_row_per_its_declared_key_on_the_real_files(
    real_files_db: Path, view_file: Path
) -> None:
    key = declared_key(view_file)
    assert key, f"{view_file.name} does not say what one row is"

    assert duplicated_keys(real_files_db, view_file.stem, key) == []
    assert rows_of(real_files_db, f"select count(*) from {view_file.stem}")[0][0] > 0


def test_a_view_file_whose_first_line_names_no_key_is_refused(tmp_path: Path) -> None:
    described = tmp_path / "described.sql"
    described.write_text("-- One row per practice per month, as a sentence\nselect 1\n")
    commented = tmp_path / "commented.sql"
    commented.write_text("-- the practices\n-- one row per practice_code\nselect 1\n")
    keyed = tmp_path / "keyed.sql"
    keyed.write_text("-- one row per month, practice_code\nselect 1\n")

    assert [declared_key(path) for path in (described, commented, keyed)] == [
        None,
        None,
        "month, practice_code",
    ]

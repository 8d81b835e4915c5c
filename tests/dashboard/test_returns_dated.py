"""Tracker returns years older than the month shown are dated beside the figures they make (issue 18,
"Every figure dated"): on Milestones, on the Data page, in the milestones' CSVs and in the board pack.

Over `make demo`'s data: England's official files (newest month December 2025) and the sample CCGs'
returns (April 2017 to March 2019). The same rule as old patient figures: more than three months older
than the chosen month.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import queries
from dashboard.boardpack.contents import gather_contents
from dashboard.content.common import returns_note_for, view_for
from dashboard.view import View
from dashboard.wording import month_name
from etl.api import load_files
from tests.dashboard.helpers import APP, ROOT, demo_files, laid_out, page_texts, run_page

pytestmark = pytest.mark.slow


def newest_return() -> date:
    """The newest month of the sample's returns, read from the files with csv alone."""
    months = set()
    for path in (ROOT / "data" / "sample").glob("status_*.csv"):
        with open(path, newline="", encoding="utf-8") as f:
            months |= {row["snapshot_date"][:7] for row in csv.DictReader(f)}
    year, month = max(months).split("-")
    return date(int(year), int(month), 1)


NEWEST = newest_return()  # March 2019
SAID = f"Tracker returns as at {month_name(NEWEST)}: the newest returns loaded for these areas."


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "tracker.duckdb"
    files = demo_files()
    results = load_files(files, db)
    assert [r.outcome for r in results] == ["loaded"] * len(files), [r.summary() for r in results]
    return db


def _open(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, **query: str) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db))
    return run_page(AppTest.from_file(str(APP), default_timeout=60), page, query)


def test_the_sample_returns_end_in_march_2019() -> None:
    said = "Tracker returns as at March 2019: the newest returns loaded for these areas."
    assert (NEWEST.isoformat(), SAID) == ("2019-03-01", said)


def test_milestones_in_englands_newest_month_date_the_returns_beside_the_statuses(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(demo, monkeypatch, "milestones")
    captions = [c.value for c in at.caption]
    assert captions[0].startswith("Showing **December 2025** for **England**.")
    assert SAID in captions
    # right under the sentence that says when the statuses are judged
    judged = next(i for i, c in enumerate(captions) if c.startswith("Each status is judged on 31 December"))
    assert captions[judged + 1] == SAID
    # the table's download and the timeline's numbers carry the date in a column
    tables = [t.value for t in at.dataframe if "milestone" in t.value.columns]
    assert len(tables) == 2
    assert all(set(table["tracker_returns_as_at"]) == {"March 2019"} for table in tables)


def test_milestones_in_a_month_of_returns_say_nothing_of_their_age(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(demo, monkeypatch, "milestones", month="2019-03", ccg="02X")
    assert not any(c.value.startswith("Tracker returns as at") for c in at.caption)
    assert all("tracker_returns_as_at" not in t.value.columns for t in at.dataframe)


def test_the_data_page_dates_old_returns_beside_their_freshness(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(demo, monkeypatch, "data")
    fresh = "Every area with tracker returns has the newest tracker month."
    assert [s.value for s in at.success][:1] == [fresh]
    assert SAID in [c.value for c in at.caption]
    at = _open(demo, monkeypatch, "data", month="2019-03")
    assert not any(c.value.startswith("Tracker returns as at") for c in at.caption)


def test_returns_are_dated_once_more_than_three_months_old(demo: Path) -> None:
    areas = tuple(queries.areas(demo)["ccg_code"])
    june, july = (View(areas, date(2019, month, 1), True, "England") for month in (6, 7))  # months of no data
    assert returns_note_for(demo, june) is None  # March is three months before June: not yet old
    note = returns_note_for(demo, july)
    assert note is not None and note.sentence == SAID
    # an area without returns has nothing to date
    assert returns_note_for(demo, view_for(demo, ("00L",), date(2019, 12, 1), False, ("00L",))) is None


def test_the_board_pack_dates_old_returns_beside_its_milestones(demo: Path) -> None:
    areas = tuple(queries.areas(demo)["ccg_code"])
    contents = gather_contents(demo, view_for(demo, areas, date(2025, 12, 1), True))
    assert contents.milestones_note == SAID
    text = " ".join(page_texts(laid_out(contents).pdf))
    assert f"Overdue milestones on 31 December 2025 {SAID}" in text
    march = gather_contents(demo, view_for(demo, areas, date(2019, 3, 1), True))
    assert march.milestones_note is None
    assert "Tracker returns as at" not in " ".join(page_texts(laid_out(march).pdf))

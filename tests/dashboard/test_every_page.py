"""Every page runs over the tracker alone, the official files alone and both, says what it shows and how
fresh the data are, and says how to load data when there is none."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui.filters import NO_DATA
from etl.api import load_files
from tests.dashboard.helpers import APP, ROOT

PAGES = ["progress", "needing_support", "map", "networks", "milestones", "changes", "data"]


def test_the_pages_are_the_six_of_the_issue() -> None:
    assert sorted(p.stem for p in (ROOT / "dashboard" / "screens").glob("*.py")) == sorted(PAGES)
    # a folder called pages beside app.py would make Streamlit run a page without app.py (and sign-in)
    assert not (ROOT / "dashboard" / "pages").exists()


# which data (the fixture opening a page over them), which month, and the caption every page starts with
CAPTIONS = {
    "tracker alone": (
        "open_page",
        {},
        "Showing **February 2019** for **every loaded area**. Data as at February 2019 "
        "(the newest month of every loaded area, from the tracker), loaded ",
    ),
    "official files alone show England": (
        "open_official_only_page",
        {},
        "Showing **December 2019** for **England**. Data as at December 2019 "
        "(the newest month of England, from the official files), loaded ",
    ),
    # a tracker month over both sources must not call the tracked areas England
    "both sources in a tracker month": (
        "open_official_page",
        {"month": "2019-02"},
        "Showing **February 2019** for **every loaded area**. Data as at December 2019 "
        "(the newest month of every loaded area, from the tracker and the official files), loaded ",
    ),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("data", CAPTIONS)
def test_page_says_what_it_shows_and_how_fresh_the_data_are(
    request: pytest.FixtureRequest, data: str, page: str
) -> None:
    opener, query, caption = CAPTIONS[data]
    at = request.getfixturevalue(opener)(page, **query)
    assert at.caption[0].value.startswith(caption)


@pytest.mark.parametrize("page", PAGES)
def test_page_without_a_database_says_how_to_load_data(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    if page != "progress":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception
    assert (
        at.info[0].value
        == NO_DATA
        == ("No data loaded yet: run `make run`, or load files with `.venv/bin/python -m etl load FILE`")
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_over_a_database_without_practices_says_how_to_load_data(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "milestones.csv").write_text(
        "ccg_code,network_code,milestone,due_date,achieved_date,owner,notes\n"
        "01A,,ACS designated,2019-02-28,,Director,\n"
    )
    db = tmp_path / "tracker.duckdb"
    load_files([tmp_path / "milestones.csv"], db)
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    if page != "progress":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception
    assert at.info[0].value == NO_DATA


@pytest.mark.parametrize("page", PAGES)
def test_page_over_a_file_that_is_no_database_says_so(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tracker.duckdb").write_text("not a database\n")
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    if page != "progress":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception
    assert at.error[0].value.startswith("The database ")
    assert "cannot be read" in at.error[0].value
    assert not at.info  # never "No data loaded yet"

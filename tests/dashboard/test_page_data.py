"""The Data page: freshness, load history, the last rejected file, and checking then loading a file."""

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.config import database_path
from etl.load import load_files, read_input

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
BAD_FILE = (
    "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level\n"
    "2019-03-01,01A,A0001,Alpha Surgery,12000,GMS,virtual\n"
)
GOOD_FILE = (
    "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level,"
    "network_code,network_name\n"
    "2019-03-01,01A,A00001,Alpha Surgery,12000,GMS,virtual,01A-N1,North Network\n"
    "2019-03-01,01A,A00004,Delta Health Centre,3500,GMS,none,,\n"
)


def practice_code_problem(path: Path) -> str:
    """The sentence etl gives for BAD_FILE, in etl's own words (the same as `python -m etl check`)."""
    path.write_text(BAD_FILE)
    [problem] = read_input(path).problems
    assert str(problem).startswith('status_bad.csv line 2, practice_code "A0001": expected a capital letter')
    return str(problem)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(t.value for t in at.dataframe if column in t.value.columns)


def test_data_page_shows_freshness_per_ccg(open_page) -> None:
    at = open_page("data")
    freshness = table_with(at, "freshness")
    assert freshness[["ccg_code", "practices", "months_behind", "freshness"]].values.tolist() == [
        ["01A", 5, 0, "Up to date"],
        ["02B", 5, 0, "Up to date"],
    ]
    assert at.success[0].value == "Every chosen CCG has the newest snapshot (all CCGs)."


def test_data_page_flags_a_ccg_behind_the_others(writable_app: AppTest, tmp_path: Path) -> None:
    march = tmp_path / "status_2019-03.csv"
    march.write_text(GOOD_FILE)
    load_files([march], database_path())
    at = writable_app.run()
    at.switch_page("pages/data.py").run()
    freshness = table_with(at, "freshness")
    assert freshness[["ccg_code", "months_behind", "freshness"]].values.tolist() == [
        ["02B", 1, "Behind: newest snapshot is 2019-03"],
        ["01A", 0, "Up to date"],
    ]
    assert at.warning[0].value == "Behind the newest snapshot: 02B"


def test_data_page_shows_the_load_history(open_page) -> None:
    history = table_with(open_page("data"), "file_name")
    assert history[["file_name", "kind", "outcome", "rows"]].values.tolist() == [
        ["milestones.csv", "milestones", "loaded", 8],
        ["status_2019-02.csv", "participation", "loaded", 10],
        ["status_2019-01.csv", "participation", "loaded", 10],
    ]


def test_data_page_says_when_no_file_was_rejected(open_page) -> None:
    assert "No file has been rejected." in [s.value for s in open_page("data").success]


def test_data_page_shows_the_problems_of_the_last_rejected_file(
    writable_app: AppTest, tmp_path: Path
) -> None:
    bad = tmp_path / "status_bad.csv"
    bad.write_text(BAD_FILE)
    load_files([bad], database_path())
    at = writable_app.run()
    at.switch_page("pages/data.py").run()
    problems = table_with(at, "column_name")
    assert problems.values.tolist() == [[2, "practice_code", "A0001", practice_code_problem(bad)]]


def test_checking_a_file_shows_every_problem(open_page, tmp_path: Path) -> None:
    at = open_page("data")
    at.file_uploader(key="check_file").upload("status_bad.csv", BAD_FILE.encode(), "text/csv")
    at.run()
    assert at.error[0].value == "status_bad.csv: 1 problem; fix them and upload it again."
    problems = table_with(at, "problem")
    assert problems[["line", "column", "value"]].values.tolist() == [[2, "practice_code", "A0001"]]
    assert problems["problem"].tolist() == [practice_code_problem(tmp_path / "status_bad.csv")]
    assert not at.button  # no "Load it" for a file with problems


def test_a_clean_file_is_checked_then_loaded_and_shown_at_once(writable_app: AppTest) -> None:
    at = writable_app.run()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    at.run()
    assert at.success[-1].value == "OK, 2 rows of participation for 2019-03, CCG 01A."
    at.button(key="load_checked_file").click().run()
    assert not at.exception
    assert "status_2019-03.csv: loaded 2 rows of participation for 2019-03, CCG 01A" in [
        s.value for s in at.success
    ]
    assert at.selectbox(key="month").options == ["March 2019", "February 2019", "January 2019"]
    with duckdb.connect(str(database_path()), read_only=True) as con:
        assert con.execute(
            "select count(*) from practice_status where snapshot_date = '2019-03-01'"
        ).fetchone() == (2,)


def test_data_page_lists_disagreements_with_the_official_register(open_official_page) -> None:
    disagreements = table_with(open_official_page("data"), "disagreement")
    assert disagreements[["practice_code", "disagreement"]].values.tolist() == [
        ["A00001", "Closed in the official register on 2019-02-15"],
        ["B00003", "Contract type PMS in the tracker, GMS in the official register"],
    ]


def test_the_first_file_can_be_checked_and_loaded_into_a_missing_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "new.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    at.switch_page("pages/data.py").run()
    assert at.info[0].value == "No data loaded yet: run `make run` or `python -m etl load FILE`"
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    at.run()
    at.button(key="load_checked_file").click().run()
    assert not at.exception
    assert not at.info
    assert at.caption[0].value.startswith("Showing **March 2019** for **all CCGs**.")

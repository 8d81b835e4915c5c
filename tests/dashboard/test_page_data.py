"""The Data page: freshness, release dates, one answer about practices missing from the tracker, load
history, the last rejected file, and checking then loading a file."""

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.plain import plain
from etl.api import check_files, load_files
from etl.config import database_path
from tests.dashboard.helpers import APP, BAD_FILE, GOOD_FILE, run_page, table_with


def practice_code_problem(path: Path) -> str:
    """The sentence etl gives for BAD_FILE, in etl's own words (the same as `python -m etl check`)."""
    path.write_text(BAD_FILE)
    [problem] = check_files([path])[0].problems
    assert str(problem).startswith(f'{path.name} line 2, practice_code "A0001": expected a capital letter')
    return str(problem)


def test_data_page_shows_freshness_per_area(open_page) -> None:
    at = open_page("data")
    freshness = table_with(at, "months_behind")
    assert freshness[
        ["area", "latest_tracker_month", "latest_official_month", "months_behind"]
    ].values.tolist() == [
        ["01A", "February 2019", "", 0],
        ["02B", "February 2019", "", 0],
    ]
    assert at.success[0].value == "Every area with tracker returns has the newest tracker month."


def test_data_page_flags_an_area_behind_the_others(writable_app: AppTest, tmp_path: Path) -> None:
    march = tmp_path / "status_2019-03.csv"
    march.write_text(GOOD_FILE)
    load_files([march], database_path())
    at = run_page(writable_app, "data", {})
    freshness = table_with(at, "months_behind")
    assert freshness[["area", "latest_tracker_month", "months_behind"]].values.tolist() == [
        ["02B", "February 2019", 1],
        ["01A", "March 2019", 0],
    ]
    assert at.warning[0].value == "Behind the newest tracker month: 02B"


def test_data_page_warns_of_months_after_the_newest_register(open_official_only_page) -> None:
    at = open_official_only_page("data")
    assert at.warning[0].value == plain(
        "The newest official register (epraccur) was released on 30 November 2019. Official figures for the "
        "months after November 2019 (to December 2019) may miss practices that opened or closed since: "
        "load a newer epraccur file."
    )
    history = table_with(at, "release_date")
    releases = dict(zip(history["file_name"], history["release_date"].dt.strftime("%Y-%m-%d"), strict=True))
    assert releases == {
        "ePCN_2019-12.xlsx": "2019-12-01",
        "gp-reg-pat-prac-all_2019-10.csv": "2019-10-01",
        "eccg_2019.csv": "2013-04-01",
        "epraccur_2019-11.csv": "2019-11-30",
    }


def test_data_page_and_needing_support_give_one_answer_about_missing_practices(open_official_page) -> None:
    at = open_official_page("data", month="2019-02")
    assert at.warning[-1].value == plain(
        "1 practice open in the official register on the last day of February 2019 is missing from the "
        "tracker's areas that month; Practices needing support lists them."
    )
    at.switch_page("screens/needing_support.py").run()
    support = table_with(at, "reasons")
    missing = support[support["reasons"].str.contains("Missing from the tracker")]
    assert missing["practice_code"].tolist() == ["A00007"]


def test_data_page_lists_disagreements_with_the_official_register(open_official_page) -> None:
    disagreements = table_with(open_official_page("data", month="2019-12"), "disagreement")
    assert disagreements[["area", "practice_code", "disagreement"]].values.tolist() == [
        ["NHS Beta CCG (02B)", "B00003", "Closed in the official register on 30 November 2019"],
    ]


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
    bad = tmp_path / "[Sign in](evil.example).csv"
    bad.write_text(BAD_FILE)
    load_files([bad], database_path())
    at = run_page(writable_app, "data", {})
    problems = problems_shown(at)
    assert problems.values.tolist() == [["2", "practice\\_code", "A0001", plain(practice_code_problem(bad))]]
    caption = next(c.value for c in at.caption if "nothing of it was stored" in c.value)
    assert caption.startswith(plain("[Sign in](evil.example).csv") + ", tried ")


def test_checking_a_file_shows_every_problem(open_page, tmp_path: Path) -> None:
    at = open_page("data")
    at.file_uploader(key="check_file").upload("status_bad.csv", BAD_FILE.encode(), "text/csv")
    at.run()
    assert at.error[0].value == plain("status_bad.csv") + ": 1 problem; fix them and upload it again."
    problems = problems_shown(at)
    assert problems[["Line", "Column", "Value"]].values.tolist() == [["2", "practice\\_code", "A0001"]]
    assert problems["Problem"].tolist() == [plain(practice_code_problem(tmp_path / "status_bad.csv"))]
    assert not at.button  # no "Load it" for a file with problems


def problems_shown(at: AppTest) -> pd.DataFrame:
    """The problems table as the page draws it: every cell whole, as plain (escaped) text."""
    (table,) = [t.value for t in at.table if "Problem" in t.value.columns]
    return table.reset_index(drop=True)


def test_a_problem_shows_whole_and_a_value_as_the_file_has_it(open_page) -> None:
    """The sentence is never cut ('expected a capital letter a…'), and -20 is never shown as '-20."""
    at = open_page("data")
    bad = BAD_FILE.replace("Alpha Surgery,12000", "Alpha Surgery,-20")
    at.file_uploader(key="check_file").upload("status_bad.csv", bad.encode(), "text/csv")
    at.run()
    problems = problems_shown(at)
    values = problems["Value"].tolist()
    assert plain("-20") in values and "'-20" not in " ".join(values)
    assert all(not sentence.endswith("…") for sentence in problems["Problem"])
    assert any(
        "expected a capital letter and 5 digits, such as C86001" in p.replace("\\", "")
        for p in problems["Problem"]
    )


def test_a_clean_file_is_checked_then_loaded_and_shown_at_once(writable_app: AppTest) -> None:
    at = run_page(writable_app, "data", {})
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    at.run()
    assert at.success[-1].value == plain("OK, 2 rows of participation for March 2019, CCG 01A.")[:-2] + "."
    at.button(key="load_checked_file").click().run()
    assert not at.exception
    assert plain("status_2019-03.csv: loaded 2 rows of participation for March 2019, CCG 01A") in [
        s.value for s in at.success
    ]
    assert at.selectbox(key="month").options == ["March 2019", "February 2019", "January 2019"]
    with duckdb.connect(str(database_path()), read_only=True) as con:
        assert con.execute("select count(*) from practice_months where month = '2019-03-01'").fetchone() == (
            2,
        )


def test_the_data_page_reads_an_upload_once_and_checks_and_loads_it_through_the_api(
    writable_app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import etl.api
    import etl.store

    reads: list[str] = []
    checks: list[str] = []
    real_read, real_check = etl.sources.read_input, etl.api.checked

    def read(path: Path, *args: object, **kwargs: object) -> object:
        reads.append(path.name)
        return real_read(path, *args, **kwargs)  # type: ignore[arg-type]

    def check(con: object, f: etl.api.InputFile, *args: object) -> object:
        checks.append(f.name)
        return real_check(con, f, *args)  # type: ignore[arg-type]

    for module in (etl.api, etl.store):
        monkeypatch.setattr(module, "read_input", read)
    monkeypatch.setattr(etl.api, "checked", check)  # what `etl check --db` runs
    at = run_page(writable_app, "data", {})
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    at.run()
    at.button(key="load_checked_file").click().run()
    assert plain("status_2019-03.csv: loaded 2 rows of participation for March 2019, CCG 01A") in [
        s.value for s in at.success
    ]
    assert reads == ["status_2019-03.csv"]
    assert checks and set(checks) == {"status_2019-03.csv"}


def test_the_first_file_can_be_checked_and_loaded_into_a_missing_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "new.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    at.switch_page("screens/data.py").run()
    assert at.info[0].value == (
        "No data loaded yet: run `make run`, or load files with `.venv/bin/python -m etl load FILE`"
    )
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    at.run()
    at.button(key="load_checked_file").click().run()
    assert not at.exception
    assert not at.info
    assert at.caption[0].value.startswith("Showing **March 2019** for **every loaded area**.")


def test_data_page_headings_read_as_words_and_long_cells_get_room(open_page) -> None:
    import json

    at = open_page("data")
    history = next(t for t in at.dataframe if "file_name" in t.value.columns)
    assert json.loads(history.proto.columns)["ccgs"]["label"] == "Areas"
    table = next(t for t in at.dataframe if "months_behind" in t.value.columns)
    freshness = json.loads(table.proto.columns)
    # short headings, so that the table fits a 1,280-pixel window; each says its whole meaning on hover
    assert freshness["months_behind"]["label"] == "Returns behind"
    assert freshness["months_behind"]["help"] == "Months behind the newest tracker month of any area"
    assert freshness["official_months_behind"]["label"] == "Official behind"
    assert freshness["area"]["width"] == 300  # the area names the row: it has the most room
    # when each return was loaded is in the download and the load history, not on screen
    assert list(table.proto.column_order) == [
        "area", "latest_tracker_month", "latest_official_month", "months_behind", "official_months_behind"
    ]  # fmt: skip
    assert "tracker_loaded_at" in table.value.columns


def test_freshness_counts_the_official_months_an_area_is_behind(tmp_path: Path) -> None:
    import duckdb

    from dashboard import queries

    db = tmp_path / "fresh.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            "create table practice_months (ccg_code varchar, month date, source varchar, load_id integer)"
        )
        con.execute("create table loads (load_id integer, loaded_at timestamp)")
        # an area that closed (a CCG merged away) is never behind: the area that took it is counted
        con.execute("create table closed_areas (ccg_code varchar, closed_on date, successor_code varchar)")
        con.execute("insert into closed_areas values ('00K', '2020-03-31', '00L')")
        con.execute(
            "insert into practice_months values ('00D', '2019-10-01', 'official', null), "
            "('00L', '2019-10-01', 'official', null), ('00L', '2022-04-01', 'official', null), "
            "('00K', '2019-10-01', 'official', null)"
        )
    freshness = queries.freshness(db, ("00D", "00K", "00L"))
    behind = freshness[["ccg_code", "official_months_behind"]].astype(object)
    assert behind.where(behind.notna(), None).values.tolist() == [["00D", 30], ["00K", None], ["00L", 0]]

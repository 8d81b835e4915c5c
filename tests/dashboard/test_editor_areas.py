"""Editors for their own areas: `[tracker] editors` may give an editor the areas (sub-ICB, ICB or region
codes) whose returns alone they may load; the load history says who loaded each file."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.navigation import PAGE_FOLDER
from dashboard.plain import plain
from etl.api import load_files
from etl.config import database_path
from tests.dashboard.helpers import GOOD_FILE
from tests.dashboard.test_sign_in import AUTH, as_seen
from tests.helpers import rows_of

REPO = Path(__file__).resolve().parents[2]
LEAD = "doncaster.lead@nhs.net"


pytestmark = pytest.mark.usefixtures("secrets_file")


def signed_in(at: AppTest, email: str, editors: list[object]) -> AppTest:
    at.secrets["auth"] = AUTH
    at.secrets["tracker"] = {"editors": editors}
    at.user = {"is_logged_in": True, "email": email}
    return at


def check_good_file(at: AppTest) -> AppTest:
    at.run()
    at.switch_page(f"{PAGE_FOLDER}/data.py").run()
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    return at.run()


def test_an_editor_of_another_area_is_refused_a_file_naming_the_areas(writable_app: AppTest) -> None:
    at = check_good_file(signed_in(writable_app, LEAD, [{"email": LEAD, "areas": ["02B"]}]))

    assert not at.exception
    assert not [b for b in at.button if b.key == "load_checked_file"]
    # the problems table shows each sentence whole, as plain text (Markdown characters escaped)
    problems = next(t.value for t in at.table if "Problem" in t.value.columns)
    assert problems["Problem"].tolist() == [
        plain(
            f"status_2019-03.csv, ccg_code: holds rows for 01A, whose returns {LEAD} may not load "
            f"({LEAD} may load those of 02B only): leave those rows out, or ask an editor for that area "
            "to load it"
        )
    ]


@pytest.mark.slow
def test_an_editor_of_the_area_loads_it_and_the_history_says_who(writable_app: AppTest) -> None:
    editors: list[object] = ["lead@nhs.net", {"email": LEAD.upper(), "areas": ["01a", "02B"]}]
    at = check_good_file(signed_in(writable_app, LEAD, editors))
    at.button(key="load_checked_file").click().run()

    assert not at.exception
    assert "status_2019-03.csv: loaded 2 rows of participation for March 2019, CCG 01A" in [
        as_seen(s.value) for s in at.success
    ]
    history = next(t.value for t in at.dataframe if "file_name" in t.value.columns)
    assert history[["file_name", "loaded_by"]].values.tolist()[0] == ["status_2019-03.csv", LEAD]


def test_an_editor_given_as_a_plain_email_may_load_any_area(writable_app: AppTest) -> None:
    at = check_good_file(signed_in(writable_app, LEAD, [LEAD]))
    at.button(key="load_checked_file").click().run()

    assert rows_of(
        database_path(), "select file_name, outcome, loaded_by from loads order by load_id desc limit 1"
    ) == [("status_2019-03.csv", "loaded", LEAD)]


@pytest.mark.slow
def test_without_sign_in_the_history_names_the_account_that_runs_the_dashboard(writable_app: AppTest) -> None:
    at = check_good_file(writable_app)
    at.button(key="load_checked_file").click().run()

    assert rows_of(database_path(), "select loaded_by from loads order by load_id desc limit 1") == [
        (getpass.getuser(),)
    ]


@pytest.mark.parametrize("entry", [{"email": LEAD}, {"email": LEAD, "areas": "02X"}, {"areas": ["02X"]}, 7])
def test_an_editor_written_wrongly_closes_the_dashboard(app: AppTest, entry: object) -> None:
    at = signed_in(app, LEAD, [entry]).run()

    assert not at.exception
    assert [e.value for e in at.error] == [
        "The dashboard is closed: each of the editors in [tracker] of secrets.toml must be an email, or an "
        "email with the areas whose returns that editor may load, e.g. "
        '{ email = "doncaster.lead@nhs.net", areas = ["02X"] }. Until it is fixed nobody can see the tracker.'
    ]


@pytest.mark.parametrize(
    ("areas", "loads"),
    [({"02X"}, True), ({"QF7"}, True), ({"Y63"}, True), ({"QHM"}, False), ({"08C"}, False)],
    ids=["its own code", "its ICB", "its region", "another ICB", "another area"],
)
def test_an_area_is_an_editors_by_its_code_its_icb_or_its_region(
    tmp_path: Path, areas: set[str], loads: bool
) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files([REPO / "data" / "official" / "eccg_2024.csv"], db)  # places 02X in ICB QF7, region Y63
    status = tmp_path / "status_2018-03.csv"
    status.write_text((REPO / "data" / "sample" / "status_2018-03.csv").read_text())
    rows = [
        line for line in status.read_text().splitlines() if ",02X," in line or line.startswith("snapshot")
    ]
    status.write_text("\n".join(rows) + "\n")

    [result] = load_files([status], db, loaded_by=LEAD, areas=areas)

    assert (result.outcome == "loaded") is loads
    assert rows_of(db, "select loaded_by from loads order by load_id desc limit 1") == [(LEAD,)]


def test_an_editor_limited_to_areas_may_not_load_an_official_file(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"

    [result] = load_files([REPO / "data" / "official" / "eccg_2024.csv"], db, loaded_by=LEAD, areas={"02X"})

    assert [str(p) for p in result.file.problems] == [
        f"eccg_2024.csv: {LEAD} may load the returns of 02X only, and an official file covers every area: "
        "ask an editor for every area to load it"
    ]


def test_the_data_page_shows_a_returns_warnings_when_it_is_checked(
    writable_app: AppTest, tmp_path: Path
) -> None:
    from etl.api import check_files

    path = tmp_path / "status_2019-03.csv"
    path.write_text(GOOD_FILE)
    expected = [str(w) for w in check_files([path], database_path())[0].warnings]
    at = check_good_file(writable_app)

    assert expected  # the tiny database has no practice register: the check says so
    assert [as_seen(w.value) for w in at.warning][-len(expected) :] == expected

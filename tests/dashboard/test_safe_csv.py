"""Text from files is never run: CSV cells that a spreadsheet would run as formulas are neutralised (in
the app's own download and in the frame the table toolbar exports), and Markdown in names stays text."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.plain import plain
from etl.report import safe_csv, safe_frame
from etl.store import load_files
from tests.dashboard.helpers import APP, HEADER, run_page

LINK = "[Sign in again](https://evil.example) ![t](https://evil.example/p.png)"
FORMULA = '=HYPERLINK("https://evil.example","Click")'


def test_safe_csv_neutralises_cells_that_begin_like_a_formula() -> None:
    frame = pd.DataFrame(
        {
            "practice_name": ['=HYPERLINK("http://x")', "+44 1234", "-1+2", "@SUM(A1:A9)", "Alpha Surgery"],
            "list_size": [1, -2, 3, 4, 5],
        }
    )
    assert safe_csv(frame).decode("utf-8-sig").splitlines() == [
        "practice_name,list_size",
        '"\'=HYPERLINK(""http://x"")",1',
        "'+44 1234,-2",
        "'-1+2,3",
        "'@SUM(A1:A9),4",
        "Alpha Surgery,5",
    ]


def test_safe_csv_leaves_numbers_dates_and_blanks_alone() -> None:
    frame = pd.DataFrame(
        {
            "due_date": pd.to_datetime([date(2019, 2, 28), None]),  # type: ignore[arg-type]  # pandas-stubs leave out None
            "change": [-3.5, None],
            "note": [None, "ok"],
        }
    )
    assert safe_csv(frame) == "\ufeffdue_date,change,note\n2019-02-28,-3.5,\n,,ok\n".encode()


def test_safe_csv_neutralises_column_names_too() -> None:
    assert safe_csv(pd.DataFrame({"=cmd": ["x"]})).decode("utf-8-sig") == "'=cmd\nx\n"


def test_plain_keeps_a_markdown_link_as_text() -> None:
    assert plain(LINK) == (
        r"\[Sign in again\]\(https\:\/\/evil\.example\) \!\[t\]\(https\:\/\/evil\.example\/p\.png\)"
    )
    assert safe_frame(pd.DataFrame({"name": [FORMULA]}))["name"].tolist() == ["'" + FORMULA]


@pytest.fixture
def hostile_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A tracker file whose network name is a Markdown link and whose practice name is a formula."""
    path = tmp_path / "status_2019-01.csv"
    quoted = FORMULA.replace('"', '""')
    path.write_text(
        f"{HEADER}\n"
        f'2019-01-01,01A,A00001,"{quoted}",12000,GMS,none,N1,{LINK},active,1,\n'
        "2019-01-01,01A,A00002,Beta Practice,9000,GMS,none,,,active,3,\n"
    )
    load_files([path], tmp_path / "tracker.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.duckdb"))
    return AppTest.from_file(str(APP), default_timeout=30)


def test_a_network_named_as_a_markdown_link_shows_as_plain_text_in_the_header(hostile_app: AppTest) -> None:
    at = run_page(hostile_app, "networks", {"network": "N1"})
    assert at.header[0].value == f"Member practices of {plain(LINK)}"
    assert "](https://" not in at.header[0].value


def test_the_table_the_toolbar_exports_holds_no_formula(hostile_app: AppTest) -> None:
    at = run_page(hostile_app, "needing_support", {})
    names = at.dataframe[0].value["practice_name"].tolist()
    assert sorted(names) == ["'" + FORMULA, "Beta Practice"]

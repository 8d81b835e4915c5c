"""Filters live in the URL: a copied link opens the same view, and choosing a filter updates the link.

The view also follows the database: a new load shows without a restart."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from etl.config import database_path
from etl.load import load_files


def test_a_link_with_a_ccg_and_a_month_restores_that_view(open_page) -> None:
    at = open_page("progress", ccg="01A", month="2019-01")
    assert at.multiselect(key="ccg").value == ["01A"]
    assert at.selectbox(key="month").value == "2019-01"
    assert at.metric[0].value == "3 of 6 (50.0%)"
    assert at.caption[0].value.startswith("Showing **January 2019** for **CCG 01A**.")


def test_a_link_with_several_ccgs_restores_them_all(open_page) -> None:
    at = open_page("needing_support", ccg=["01A", "02B"], month="2019-02")
    assert at.multiselect(key="ccg").value == ["01A", "02B"]
    assert at.caption[0].value.startswith("Showing **February 2019** for **CCGs 01A, 02B**.")


def test_without_a_link_the_view_is_every_ccg_in_the_newest_month(open_page) -> None:
    at = open_page("progress")
    assert at.multiselect(key="ccg").value == []
    assert at.selectbox(key="month").value == "2019-02"
    assert at.query_params == {"month": "2019-02"}


def test_a_link_with_an_unknown_ccg_or_month_falls_back_to_the_defaults(open_page) -> None:
    at = open_page("progress", ccg="99Z", month="2030-01")
    assert at.multiselect(key="ccg").value == []
    assert at.selectbox(key="month").value == "2019-02"
    assert at.query_params == {"month": "2019-02"}


def test_choosing_filters_writes_them_into_the_link(open_page) -> None:
    at = open_page("progress")
    at.multiselect(key="ccg").set_value(["02B"]).run()
    at.selectbox(key="month").set_value("2019-01").run()
    assert at.query_params == {"ccg": "02B", "month": "2019-01"}
    assert at.metric[0].value == "4 of 4 (100.0%)"


def test_filters_follow_the_person_to_another_page(open_page) -> None:
    at = open_page("progress", ccg="02B", month="2019-01")
    at.switch_page("pages/networks.py").run()
    assert at.multiselect(key="ccg").value == ["02B"]
    assert at.selectbox(key="month").value == "2019-01"
    assert at.query_params == {"ccg": "02B", "month": "2019-01"}


def test_a_link_with_a_network_lists_only_its_members(open_page) -> None:
    at: AppTest = open_page("networks", network="02B-N2")
    assert at.selectbox(key="network").value == "02B-N2"
    assert at.header[0].value == "Member practices of East Network"
    members = next(t.value for t in at.dataframe if "practice_code" in t.value.columns)
    assert members["practice_code"].tolist() == ["B00003", "B00004", "B00005"]
    assert at.query_params == {"month": "2019-02", "network": "02B-N2"}


def test_a_new_load_is_seen_without_a_restart(writable_app: AppTest, tmp_path: Path) -> None:
    at = writable_app.run()
    assert at.selectbox(key="month").options == ["February 2019", "January 2019"]
    march = tmp_path / "status_2019-03.csv"
    march.write_text(
        "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level\n"
        "2019-03-01,01A,A00001,Alpha Surgery,12000,GMS,none\n"
    )
    load_files([march], database_path())
    at.run()
    assert at.selectbox(key="month").options == ["March 2019", "February 2019", "January 2019"]

"""Filters live in the URL: a copied link opens the same view, choosing a filter updates the link, and a
value in a link that matches nothing is ignored with a warning naming it.

The view also follows the database: a new load shows without a restart."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.plain import plain
from etl.config import database_path
from etl.store import load_files


def test_a_link_with_an_area_and_a_month_restores_that_view(open_page) -> None:
    at = open_page("progress", ccg="01A", month="2019-01")
    assert at.multiselect(key="ccg").value == ["01A"]
    assert at.selectbox(key="month").value == "2019-01"
    assert at.metric[0].value == "3 of 6 (50.0%)"
    assert at.caption[0].value.startswith("Showing **January 2019** for **01A**.")
    assert not at.warning


def test_a_link_with_several_areas_restores_them_all(open_page) -> None:
    at = open_page("needing_support", ccg=["01A", "02B"], month="2019-02")
    assert at.multiselect(key="ccg").value == ["01A", "02B"]
    assert at.caption[0].value.startswith("Showing **February 2019** for **01A, 02B**.")


def test_without_a_link_the_view_is_every_area_in_the_newest_month(open_page) -> None:
    at = open_page("progress")
    assert at.multiselect(key="ccg").value == []
    assert at.selectbox(key="month").value == "2019-02"
    assert at.query_params == {"month": "2019-02"}


def test_a_lower_case_code_in_a_link_is_the_area(open_page) -> None:
    at = open_page("progress", ccg="02b")
    assert at.multiselect(key="ccg").value == ["02B"]
    assert not at.warning


def test_an_area_name_in_a_link_is_the_area(open_official_only_page) -> None:
    at = open_official_only_page("progress", ccg="nhs gamma ccg")
    assert at.multiselect(key="ccg").value == ["03C"]
    assert at.caption[0].value.startswith("Showing **December 2019** for **NHS Gamma CCG \\(03C\\)**.")
    assert at.multiselect(key="ccg").format_func("03C") == "NHS Gamma CCG (03C)"


@pytest.mark.parametrize(
    ("query", "warning"),
    [
        ({"ccg": "ZZZ"}, "The link's ccg=ZZZ matches no loaded area, so it was ignored."),
        (
            {"month": "2016-01"},
            f"The link's month={plain('2016-01')} has no data for this choice, so it was ignored: "
            "showing February 2019, the newest month.",
        ),
        (
            {"month": "garbage"},
            "The link's month=garbage is not a month (YYYY-MM), so it was ignored: "
            "showing February 2019, the newest month.",
        ),
    ],
)
def test_a_link_with_a_bad_value_warns_naming_it(open_page, query: dict[str, str], warning: str) -> None:
    at = open_page("progress", **query)
    assert [w.value for w in at.warning] == [warning]
    assert at.multiselect(key="ccg").value == []
    assert at.selectbox(key="month").value == "2019-02"
    assert at.query_params == {"month": "2019-02"}


def test_a_link_keeps_its_good_values_and_names_the_bad_one(open_page) -> None:
    at = open_page("progress", ccg=["01A", "ZZZ"])
    assert at.multiselect(key="ccg").value == ["01A"]
    assert [w.value for w in at.warning] == ["The link's ccg=ZZZ matches no loaded area, so it was ignored."]


def test_a_link_with_an_icb_or_a_region_chooses_their_areas(open_official_only_page) -> None:
    at = open_official_only_page("progress", icb="QHM")
    assert at.multiselect(key="icb").value == ["QHM"]
    assert at.metric[0].value == "10 of 13 (76.9%)"


def test_a_link_with_an_unknown_region_warns_naming_it(open_official_only_page) -> None:
    at = open_official_only_page("progress", region="ZZZ")
    assert [w.value for w in at.warning] == [
        "The link's region=ZZZ matches no loaded region, so it was ignored."
    ]


def test_choosing_filters_writes_them_into_the_link(open_page) -> None:
    at = open_page("progress")
    at.multiselect(key="ccg").set_value(["02B"]).run()
    at.selectbox(key="month").set_value("2019-01").run()
    assert at.query_params == {"ccg": "02B", "month": "2019-01"}
    assert at.metric[0].value == "4 of 4 (100.0%)"


def test_filters_follow_the_person_to_another_page(open_page) -> None:
    at = open_page("progress", ccg="02B", month="2019-01")
    at.switch_page("screens/networks.py").run()
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


def test_a_link_with_an_icb_where_none_is_known_warns_naming_it(open_page) -> None:
    at = open_page("progress", icb="QOQ")
    assert [w.value for w in at.warning] == ["The link's icb=QOQ matches no loaded ICB, so it was ignored."]
    assert at.query_params == {"month": "2019-02"}


def test_a_link_with_an_unknown_network_warns_naming_it(open_page) -> None:
    at = open_page("networks", network="ZZ-N9")
    assert [w.value for w in at.warning] == [
        f"The link's network={plain('ZZ-N9')} is no network of this choice in February 2019, "
        "so it was ignored."
    ]
    assert at.selectbox(key="network").value == ""


def test_areas_without_data_in_the_month_are_named_and_not_projected(
    writable_app: AppTest, tmp_path: Path
) -> None:
    from tests.dashboard.helpers import HEADER, run_page, table_with

    march = tmp_path / "status_2019-03.csv"
    march.write_text(
        f"{HEADER}\n2019-03-01,02B,B00001,Epsilon Surgery,9000,APMS,virtual,02B-N1,South Network,active,3,\n"
    )
    load_files([march], database_path())
    at = run_page(writable_app, "progress", {"ccg": ["01A", "02B"], "month": "2019-03"})
    assert [w.value for w in at.warning] == [
        "01A has no data for March 2019, so its practices are not in this month's figures and no "
        "projection is made for it. Choose an earlier month to see it."
    ]
    assert table_with(at, "reaches_100")["area"].tolist() == ["02B"]

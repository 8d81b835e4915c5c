"""The Progress page: headline figures, the date each CCG reaches 100%, official coverage when loaded."""

import pandas as pd
from streamlit.testing.v1 import AppTest


def headline(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(t.value for t in at.dataframe if column in t.value.columns)


def test_progress_headline_shows_practices_in_a_network_as_n_of_m(open_page) -> None:
    at = open_page("progress")
    assert at.metric[0].label == "Practices in a network"
    assert at.metric[0].value == "8 of 10 (80.0%)"
    assert at.metric[0].delta == "+1"
    assert at.caption[1].value == "Changes are since the previous snapshot, January 2019."


def test_progress_headline_figures_with_their_change_since_the_previous_month(open_page) -> None:
    assert headline(open_page("progress")) == {
        "Practices in a network": ("8 of 10 (80.0%)", "+1"),
        "Registered patients covered": ("93.4%", "+4.1 points"),
        "Practices left out": ("2", "-1"),
        "Networks": ("3", "no change"),
        "Overdue milestones": ("2", "+1"),
        "Integration: none": ("3", "-1"),
        "Integration: virtual": ("4", "no change"),
        "Integration: partial": ("2", "no change"),
        "Integration: full": ("1", "+1"),
    }


def test_progress_headline_of_the_first_month_has_no_change(open_page) -> None:
    at = open_page("progress", month="2019-01")
    assert headline(at)["Practices in a network"] == ("7 of 10 (70.0%)", "")
    assert headline(at)["Overdue milestones"] == ("1", "")
    assert at.caption[1].value == "There is no earlier snapshot to compare with."


def test_progress_headline_of_one_ccg(open_page) -> None:
    at = open_page("progress", ccg="01A")
    assert headline(at)["Practices in a network"] == ("3 of 5 (60.0%)", "no change")
    assert headline(at)["Registered patients covered"] == ("83.5%", "+8.5 points")


def test_progress_shows_when_the_recent_pace_reaches_100_percent(open_page) -> None:
    projection = table_with(open_page("progress"), "reaches_100")
    assert projection[["ccg_code", "coverage_pct", "reaches_100"]].values.tolist() == [
        ["01A", 60.0, "2019-06"],  # 50% then 60%: 10 points a month, 4 months to go
        ["02B", 100.0, "already at 100%"],
    ]


def test_progress_names_the_pace_in_the_chart_legend(open_page) -> None:
    chart = open_page("progress").get("plotly_chart")[0]
    assert '"name":"01A: 100% by June 2019"' in chart.proto.spec
    assert '"name":"02B: at 100%"' in chart.proto.spec


def test_progress_without_official_data_hides_official_coverage(open_page) -> None:
    headers = [h.value for h in open_page("progress").header]
    assert headers == ["Coverage over time", "Integration levels"]


def test_progress_with_official_data_shows_official_coverage_beside_the_trackers(open_official_page) -> None:
    at = open_official_page("progress")
    assert [h.value for h in at.header] == [
        "Coverage over time",
        "Official PCN coverage beside the tracker's",
        "Integration levels",
    ]
    official = table_with(at, "series")
    february = official.loc[official["snapshot_date"] == "2019-02-01"]
    assert february[["series", "practices", "practices_in_network", "coverage_pct"]].values.tolist() == [
        ["Official (ePCN), England", 21, 16, 76.2],
        ["Official (ePCN), selected CCGs", 11, 10, 90.9],
        ["Tracker, selected CCGs", 10, 8, 80.0],
    ]


def test_progress_states_the_newest_official_coverage_for_england_and_the_chosen_ccgs(
    open_official_page,
) -> None:
    at = open_official_page("progress")
    official = [(m.label, m.value) for m in at.metric if m.label.startswith("Official")]
    assert official == [
        ("Official (ePCN), England, February 2019", "16 of 21 (76.2%)"),
        ("Official (ePCN), selected CCGs, February 2019", "10 of 11 (90.9%)"),
    ]

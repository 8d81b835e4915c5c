"""The Progress page: headline figures with their source, the date each area reaches 100%, official
coverage beside the tracker's, for the tracker alone, the official files alone and both."""

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.api import load_files
from tests.dashboard.helpers import APP, ROOT, independent_coverage, run_page, table_with


def headline(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_progress_headline_shows_practices_in_a_network_as_n_of_m(open_page) -> None:
    at = open_page("progress")
    assert at.metric[0].label == "Practices in a network"
    assert at.metric[0].value == "8 of 10 (80.0%)"
    assert at.metric[0].delta == "+1"
    assert at.caption[1].value == "Source: the tracker. Changes are since January 2019."


def test_progress_headline_figures_with_their_change_since_the_previous_month(open_page) -> None:
    assert headline(open_page("progress")) == {
        "Practices in a network": ("8 of 10 (80.0%)", "+1"),
        "Registered patients covered": ("93.4%", "+4.1 points"),
        "Practices left out": ("2", "-1"),
        "Networks": ("3", "no change"),
        "Overdue milestones": ("1", "+1"),  # due on 31 January is due, not overdue, in January
        "Integration: none": ("3", "-1"),
        "Integration: virtual": ("4", "no change"),
        "Integration: partial": ("2", "no change"),
        "Integration: full": ("1", "+1"),
    }


def test_progress_headline_of_the_first_month_has_no_change(open_page) -> None:
    at = open_page("progress", month="2019-01")
    assert headline(at)["Practices in a network"] == ("7 of 10 (70.0%)", "")
    assert headline(at)["Overdue milestones"] == ("0", "")
    assert (
        at.caption[1].value
        == "Source: the tracker. There is no earlier month with data from the same source to compare with."
    )


def test_progress_headline_of_one_area(open_page) -> None:
    at = open_page("progress", ccg="01A")
    assert headline(at)["Practices in a network"] == ("3 of 5 (60.0%)", "no change")
    assert headline(at)["Registered patients covered"] == ("83.5%", "+8.5 points")


def test_progress_shows_when_the_recent_pace_reaches_100_percent(open_page) -> None:
    projection = table_with(open_page("progress"), "reaches_100")
    assert projection[["area", "coverage_pct", "reaches_100"]].values.tolist() == [
        ["01A", 60.0, "June 2019"],  # 50% then 60%: 10 points a month, 4 months to go
        ["02B", 100.0, "already at 100%"],
    ]


def test_progress_names_the_pace_in_the_chart_legend(open_page) -> None:
    chart = open_page("progress").get("plotly_chart")[0]
    assert '"name":"01A: 100% by June 2019"' in chart.proto.spec
    assert '"name":"02B: at 100%"' in chart.proto.spec


def test_progress_without_official_data_hides_official_coverage(open_page) -> None:
    headers = [h.value for h in open_page("progress").header]
    assert headers == ["Coverage over time", "Integration levels"]


def test_progress_over_the_official_files_alone_answers_for_england(
    open_official_only_page, official_files
) -> None:
    at = open_official_only_page("progress")
    opened, covered = (
        sum(n) for n in zip(*independent_coverage(official_files, date(2019, 12, 31)).values(), strict=True)
    )
    assert (opened, covered) == (13, 10)
    assert headline(at) == {
        "Practices in a network": ("10 of 13 (76.9%)", "+1"),
        "Registered patients covered": ("92.2%", "+7.4 points"),  # 112,000 of 121,500
        "Practices left out": ("3", "-1"),
        "Networks": ("3", "no change"),
    }
    assert at.caption[1].value == "Source: the official files. Changes are since November 2019."
    assert [h.value for h in at.header] == ["Coverage over time"]
    assert "Source: the official files (October 2019 – December 2019)." in [c.value for c in at.caption]


def test_progress_of_an_official_area_is_labelled_with_its_name(
    open_official_only_page, official_files
) -> None:
    at = open_official_only_page("progress", ccg="03C", month="2019-11")
    assert independent_coverage(official_files, date(2019, 11, 30))["03C"] == (3, 1)
    assert headline(at)["Practices in a network"] == ("1 of 3 (33.3%)", "no change")
    assert at.caption[0].value.startswith("Showing **November 2019** for **NHS Gamma CCG \\(03C\\)**.")
    assert table_with(at, "reaches_100")["area"].tolist() == ["NHS Gamma CCG (03C)"]


def test_progress_with_both_sources_before_the_official_files_shows_no_official_coverage(
    open_official_page,
) -> None:
    at = open_official_page("progress", month="2019-02")
    # the official files start in October 2019: nothing after February 2019 is shown
    assert [h.value for h in at.header] == ["Coverage over time", "Integration levels"]
    assert headline(at)["Practices in a network"] == ("8 of 10 (80.0%)", "+1")


def test_progress_with_both_sources_shows_official_coverage_beside_the_trackers(
    open_official_page, official_files
) -> None:
    at = open_official_page("progress", month="2019-12")
    assert [h.value for h in at.header] == [
        "Coverage over time",
        "Official PCN coverage beside the tracker's",
        "Integration levels",
    ]
    england = independent_coverage(official_files, date(2019, 12, 31))
    assert (england["01A"], england["02B"]) == ((6, 4), (4, 4))
    assert [(m.label, m.value) for m in at.metric if m.label.startswith("Official")] == [
        ("Official files (ePCN), England, December 2019", "10 of 13 (76.9%)"),
        ("Official files (ePCN), tracked areas, December 2019", "8 of 10 (80.0%)"),
    ]


def test_progress_with_both_sources_takes_each_area_from_its_source(open_official_page) -> None:
    at = open_official_page("progress", month="2019-12")
    # 01A (6, 4) and 03C (3, 2) from the official files, 02B's five practices from its December return;
    # the change compares 01A and 03C only (02B's November came from the official files): 5 -> 6
    assert headline(at)["Practices in a network"] == ("11 of 14 (78.6%)", "+1")
    assert at.caption[1].value == (
        "Source: the tracker (5 practices) and the official files (9 practices). Changes are since "
        "November 2019, for the areas with data from the same source in both months."
    )
    assert headline(at)["Integration: full"] == ("1", "no change")
    assert at.caption[0].value.startswith("Showing **December 2019** for **England**.")


NHS_DATA = ROOT.parent / "shared" / "nhs-data"
REAL_FILES = [
    "epcn/ePCN_2019-12.xlsx",
    "epcn/ePCN_2022-02.xlsx",
    "ods/epraccur_2023-02.csv",
    "ods/eccg_2024.csv",
]


@pytest.fixture(scope="module")
def real_england(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real official files of ../shared/nhs-data (epraccur_2023-02 as the register), nothing else."""
    if not NHS_DATA.exists():
        pytest.skip("../shared/nhs-data is not here")
    db = tmp_path_factory.mktemp("england") / "tracker.duckdb"
    results = load_files([NHS_DATA / name for name in REAL_FILES], db)
    assert [r.outcome for r in results] == ["loaded"] * len(REAL_FILES)
    return db


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "in_a_network"),
    [
        ({"month": "2019-12"}, "6,756 of 7,025 (96.2%)"),
        ({"month": "2021-03"}, "6,549 of 6,806 (96.2%)"),
        ({"month": "2022-01"}, "6,503 of 6,709 (96.9%)"),
        ({"month": "2022-01", "ccg": "02X"}, "38 of 39 (97.4%)"),
    ],
)
def test_progress_over_the_real_official_files_gives_the_issues_figures(
    real_england: Path, monkeypatch: pytest.MonkeyPatch, query: dict[str, str], in_a_network: str
) -> None:
    # the figures of issue 9, counted there independently from ../shared/nhs-data
    monkeypatch.setenv("TRACKER_DB", str(real_england))
    at = run_page(AppTest.from_file(str(APP), default_timeout=60), "progress", query)
    assert at.metric[0].value == in_a_network
    if "ccg" not in query:
        assert at.caption[0].value.startswith(
            f"Showing **{at.selectbox(key='month').format_func(query['month'])}"
        )
        assert "for **England**" in at.caption[0].value


@pytest.mark.slow
def test_needing_support_over_the_real_official_files_lists_the_206_left_out(
    real_england: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(real_england))
    at = run_page(AppTest.from_file(str(APP), default_timeout=60), "needing_support", {"month": "2022-01"})
    assert {m.label: m.value for m in at.metric}["Practices with at least one reason"] != "0"
    # one call list, the practice (pinned) then its area first
    (shown,) = [t for t in at.dataframe if "reasons" in t.value.columns]
    support = shown.value
    assert list(shown.proto.column_order)[:2] == ["practice_name", "area"]
    # left out: not in a network, or left one since the previous month (the one that comes first)
    assert {m.label: m.value for m in at.metric}["Of them left out of a network"] == "206"
    assert (
        support["reasons"].isin(["Not in a network", "Left a network since the previous month"]).sum() == 206
    )


def test_progress_never_compares_england_with_the_tracked_areas_before_it(open_official_page) -> None:
    at = open_official_page("progress", month="2019-10")
    # October 2019 is the official files' first month; February 2019 holds only the tracker's two areas
    assert headline(at)["Practices in a network"] == ("11 of 13 (84.6%)", "")
    assert at.caption[1].value == (
        "Source: the official files. "
        "There is no earlier month with data from the same source to compare with."
    )

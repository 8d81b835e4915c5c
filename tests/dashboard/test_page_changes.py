"""The Changes page: one row per practice with what changed since its area's previous month (joined, left,
moved, opened, closed, level, contract), never comparing the tracker with the official files."""

from datetime import date

from streamlit.testing.v1 import AppTest

from dashboard.plain import plain
from tests.dashboard.helpers import independent_status, table_with


def changes(at: AppTest) -> list[list[str]]:
    table = [
        t.value for t in at.dataframe if "change" in t.value.columns and "practice_code" in t.value.columns
    ][-1]
    return table[["area", "practice_code", "change", "detail"]].values.tolist()


def test_changes_since_the_previous_month_one_row_per_practice(open_page) -> None:
    assert changes(open_page("changes")) == [
        ["01A", "A00005", "closed", "no longer listed in the tracker"],
        ["01A", "A00006", "joined North Network", ""],
        ["01A", "A00003", "left North Network; level virtual → none", ""],
        ["01A", "A00002", "level none → partial", ""],
        ["02B", "B00005", "opened", "newly listed in the tracker"],
        ["02B", "B00003", "moved South Network → East Network", ""],
        ["02B", "B00002", "level partial → full; contract GMS, active → GMS, suspended", ""],
    ]


def test_changes_are_counted_by_kind(open_page) -> None:
    counts = table_with(open_page("changes"), "practices")
    assert counts.values.tolist() == [
        ["Joined a network", 1],
        ["Left a network", 1],
        ["Moved network", 1],
        ["Opened", 1],
        ["Closed", 1],
        ["Integration level changed", 3],
        ["Contract changed", 1],
    ]


def test_changes_filtered_by_kind(open_page) -> None:
    at = open_page("changes")
    at.multiselect(key="change_filter").set_value(["Moved network", "Opened"]).run()
    assert [row[1] for row in changes(at)] == ["B00005", "B00003"]


def test_changes_of_the_first_month_say_there_is_nothing_to_compare(open_page) -> None:
    at = open_page("changes", month="2019-01")
    assert at.info[0].value == plain(
        "January 2019 is the first month with data for every loaded area: "
        "there is nothing to compare it with."
    )


def test_official_changes_match_an_independent_count(open_official_only_page, official_files) -> None:
    at = open_official_only_page("changes", month="2019-11")
    before = independent_status(official_files, date(2019, 10, 31))
    after = independent_status(official_files, date(2019, 11, 30))
    assert {p for p in before if p not in after} == {"B00003"}  # closed
    assert {p for p in after if p not in before} == {"C00003"}  # opened
    assert {p for p in after if p in before and before[p][1] and not after[p][1]} == {"A00003"}  # left
    assert changes(at) == [
        ["NHS Alpha CCG (01A)", "A00003", "left ALPHA PCN", ""],
        ["NHS Beta CCG (02B)", "B00003", "closed", ""],
        ["NHS Gamma CCG (03C)", "C00003", "opened", ""],
    ]


def test_a_month_with_no_changes_says_so_instead_of_an_empty_chart(open_official_only_page) -> None:
    at = open_official_only_page("changes", ccg="01A", month="2019-12")
    assert at.info[0].value == "No changes in December 2019."
    assert not at.get("plotly_chart")


def test_an_area_is_never_compared_across_sources(open_official_page) -> None:
    # 02B's December return follows November from the official files: not compared
    assert changes(open_official_page("changes", month="2019-12")) == [
        ["NHS Gamma CCG (03C)", "C00002", "joined GAMMA PCN", ""],
    ]

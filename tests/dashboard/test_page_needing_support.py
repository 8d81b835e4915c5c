"""The practices needing support: exactly those with a reason, each reason in words."""

import pandas as pd
from streamlit.testing.v1 import AppTest

FEBRUARY = {
    ("01A", "A00003", "Not in a network; Left a network since the previous snapshot"),
    ("01A", "A00004", "Not in a network; Single-handed"),
    ("02B", "B00001", "Network below 30,000 patients"),
    ("02B", "B00002", "Network below 30,000 patients; Contract suspended"),
}


def practices(at: AppTest) -> set[tuple[str, str, str]]:
    table = at.dataframe[0].value
    return set(table[["ccg_code", "practice_code", "reasons"]].itertuples(index=False, name=None))


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(t.value for t in at.dataframe if column in t.value.columns)


def test_practices_needing_support_are_exactly_those_with_a_reason(open_page) -> None:
    at = open_page("needing_support")
    assert practices(at) == FEBRUARY
    assert at.metric[0].value == "4"


def test_practices_needing_support_in_the_first_month_have_no_previous_network_to_leave(open_page) -> None:
    assert practices(open_page("needing_support", month="2019-01")) == {
        ("01A", "A00004", "Not in a network; Single-handed"),
        ("01A", "A00005", "Not in a network"),
        ("01A", "A00006", "Not in a network"),
    }


def test_practices_needing_support_of_one_ccg(open_page) -> None:
    assert practices(open_page("needing_support", ccg="02B")) == {row for row in FEBRUARY if row[0] == "02B"}


def test_practices_needing_support_filtered_by_reason_keep_any_chosen_reason(open_page) -> None:
    at = open_page("needing_support")
    at.multiselect(key="reason_filter").set_value(["Single-handed", "Contract suspended"]).run()
    assert practices(at) == {
        ("01A", "A00004", "Not in a network; Single-handed"),
        ("02B", "B00002", "Network below 30,000 patients; Contract suspended"),
    }


def test_practices_needing_support_are_counted_by_reason(open_page) -> None:
    counts = table_with(open_page("needing_support"), "reason")
    assert counts.values.tolist() == [
        ["Not in a network", 2],
        ["Single-handed", 1],
        ["Network below 30,000 patients", 2],
        ["Left a network since the previous snapshot", 1],
        ["Contract suspended", 1],
    ]


def test_practice_open_in_the_official_register_but_not_tracked_needs_support(open_official_page) -> None:
    at = open_official_page("needing_support")
    assert practices(at) == FEBRUARY | {
        ("01A", "C00001", "Missing from the tracker (open in the official register)"),
    }
    assert (
        "Missing from the tracker (open in the official register)"
        in at.multiselect(key="reason_filter").options
    )

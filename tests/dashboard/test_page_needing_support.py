"""The practices needing support: exactly those with a reason, each reason in words, with what a
supporter needs (area, network, months without one, the lead's notes), every row, grouped by area."""

from datetime import date
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from etl.config import database_path
from etl.store import load_files
from tests.dashboard.conftest import HEADER, independent_coverage, run_page, table_with

FEBRUARY = {
    ("01A", "A00003", "Not in a network; Left a network since the previous month"),
    ("01A", "A00004", "Not in a network; Single-handed"),
    ("02B", "B00001", "In a network below 30,000 patients"),
    ("02B", "B00002", "In a network below 30,000 patients; Suspended its contract since the previous month"),
}


def support_table(at: AppTest) -> pd.DataFrame:
    """Every area's table as one, with the area named by the heading above each table."""
    headings = [h.value.replace("\\", "").rsplit(": ", 1)[0] for h in at.subheader]
    tables = [t.value for t in at.dataframe if "reasons" in t.value.columns]
    assert len(headings) == len(tables)
    if not tables:
        return pd.DataFrame(columns=["area", "practice_code", "reasons"])
    return pd.concat([t.assign(area=h) for h, t in zip(headings, tables, strict=True)], ignore_index=True)


def practices(at: AppTest) -> set[tuple[str, str, str]]:
    table = support_table(at)
    return set(table[["area", "practice_code", "reasons"]].itertuples(index=False, name=None))


def test_practices_needing_support_are_exactly_those_with_a_reason(open_page) -> None:
    at = open_page("needing_support")
    assert practices(at) == FEBRUARY
    assert at.metric[0].value == "4"


def test_practices_needing_support_show_what_a_supporter_needs(open_page) -> None:
    table = support_table(open_page("needing_support"))
    gamma = table.loc[table["practice_code"] == "A00003"].iloc[0]
    assert (gamma["network_name"], gamma["previous_network_name"], gamma["out_since"]) == (
        "",
        "North Network",
        "February 2019",
    )
    assert (gamma["months_without_network"], gamma["notes"]) == (1, "Lead to call in March")
    delta = table.loc[table["practice_code"] == "A00004"].iloc[0]
    # out since the first month the data shows it: it may have been out longer
    assert (delta["out_since"], delta["months_without_network"], delta["notes"]) == (
        "at least January 2019",
        2,
        "",
    )


def test_practices_needing_support_are_grouped_under_a_heading_per_area(open_page) -> None:
    at = open_page("needing_support")
    assert [h.value for h in at.subheader] == ["01A: 2 practices", "02B: 2 practices"]
    first = next(t.value for t in at.dataframe if "reasons" in t.value.columns)
    # the order a supporter acts in, every row shown
    assert " ".join(first.columns.tolist()[:8]) == (
        "practice_name practice_code reasons network_name out_since months_without_network notes list_size"
    )
    assert first["practice_code"].tolist() == ["A00003", "A00004"]
    assert "Download every practice shown (CSV)" in [b.label for b in at.get("download_button")]


def test_practices_needing_support_in_the_first_month_have_no_previous_network_to_leave(open_page) -> None:
    assert practices(open_page("needing_support", month="2019-01")) == {
        ("01A", "A00004", "Not in a network; Single-handed"),
        ("01A", "A00005", "Not in a network"),
        ("01A", "A00006", "Not in a network"),
    }


def test_practices_needing_support_of_one_area(open_page) -> None:
    assert practices(open_page("needing_support", ccg="02B")) == {row for row in FEBRUARY if row[0] == "02B"}


def test_practices_needing_support_filtered_by_reason_keep_any_chosen_reason(open_page) -> None:
    at = open_page("needing_support")
    chosen = ["Single-handed", "Suspended its contract since the previous month"]
    at.multiselect(key="reason_filter").set_value(chosen).run()
    assert {row[1] for row in practices(at)} == {"A00004", "B00002"}


def test_practices_needing_support_are_counted_by_reason(open_page) -> None:
    counts = table_with(open_page("needing_support"), "reason")
    assert counts.values.tolist() == [
        ["Not in a network", 2],
        ["Single-handed", 1],
        ["In a network below 30,000 patients", 2],
        ["Left a network since the previous month", 1],
        ["Suspended its contract since the previous month", 1],
    ]


def test_a_practice_that_stays_fully_integrated_is_not_flagged(writable_app: AppTest, tmp_path: Path) -> None:
    march = tmp_path / "status_2019-03.csv"
    march.write_text(
        f"{HEADER}\n"
        "2019-03-01,02B,B00001,Epsilon Surgery,9000,APMS,virtual,02B-N2,East Network,active,3,\n"
        "2019-03-01,02B,B00002,Zeta Practice,8000,GMS,full,02B-N2,East Network,suspended,4,\n"
        "2019-03-01,02B,B00003,Eta Surgery,15000,PMS,virtual,02B-N2,East Network,active,5,\n"
    )
    load_files([march], database_path())
    at = run_page(writable_app, "needing_support", {"month": "2019-03", "ccg": "02B"})
    assert practices(at) == set()
    assert at.info[0].value == "No practice of 02B needs support in March 2019."


def test_practice_open_in_the_official_register_but_not_tracked_needs_support(open_official_page) -> None:
    at = open_official_page("needing_support", month="2019-02")
    assert practices(at) == {
        (area.replace("01A", "NHS ALPHA CCG (01A)").replace("02B", "NHS BETA CCG (02B)"), code, reasons)
        for area, code, reasons in FEBRUARY
    } | {("NHS ALPHA CCG (01A)", "A00007", "Missing from the tracker (open in the official register)")}
    assert (
        "Missing from the tracker (open in the official register)"
        in at.multiselect(key="reason_filter").options
    )


def test_official_practices_needing_support_match_an_independent_count(
    open_official_only_page, official_files: Path
) -> None:
    at = open_official_only_page("needing_support", month="2019-11")
    assert practices(at) == {
        ("NHS ALPHA CCG (01A)", "A00003", "Not in a network; Left a network since the previous month"),
        ("NHS ALPHA CCG (01A)", "A00004", "Not in a network"),
        ("NHS GAMMA CCG (03C)", "C00001", "In a network below 30,000 patients; In a single-practice network"),
        ("NHS GAMMA CCG (03C)", "C00002", "Not in a network"),
        ("NHS GAMMA CCG (03C)", "C00003", "Not in a network"),
    }
    left_out = sum(
        opened - covered
        for opened, covered in independent_coverage(official_files, date(2019, 11, 30)).values()
    )
    assert left_out == 4 == sum("Not in a network" in r for r in support_table(at)["reasons"])
    options = at.multiselect(key="reason_filter").options
    # the tracker's reasons: the official files hold no GP counts or contract status
    assert "Single-handed" not in options
    assert "Suspended its contract since the previous month" not in options

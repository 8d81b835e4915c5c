"""The practices needing support: exactly those with a reason, each reason in words, with what a
supporter needs (area, network, months without one, the lead's notes), every row, grouped by area."""

from datetime import date
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from etl.api import load_files
from etl.config import database_path
from tests.dashboard.helpers import HEADER, independent_coverage, run_page, table_with

SINGLE_HANDED = "Single-handed (the tracker's GP count is 1)"
MISSING = "Missing from the tracker although open in the register"
# most pressing first: left since the previous month, then out longer, then the other reasons; B00001
# is only in a network below 30,000 patients, a fact about its network and no reason to call it
FEBRUARY = [
    ("01A", "A00003", "Left a network since the previous month"),
    ("01A", "A00004", f"Not in a network; {SINGLE_HANDED}"),
    ("02B", "B00002", "Suspended its contract since the previous month"),
]


def support_table(at: AppTest) -> pd.DataFrame:
    """The call list as the page shows it."""
    tables = [t.value for t in at.dataframe if "reasons" in t.value.columns]
    assert len(tables) <= 1
    return tables[0] if tables else pd.DataFrame(columns=["area", "practice_code", "reasons"])


def practices(at: AppTest) -> list[tuple[str, str, str]]:
    """(area, code, reasons) of every row, in the page's order."""
    return list(support_table(at)[["area", "practice_code", "reasons"]].itertuples(index=False, name=None))


def test_practices_needing_support_are_exactly_those_with_a_practice_reason_most_pressing_first(
    open_page,
) -> None:
    at = open_page("needing_support")
    assert practices(at) == FEBRUARY
    assert {m.label: m.value for m in at.metric} == {
        "Practices with at least one reason": "3",
        "Of them left out of a network": "2",
    }


def test_a_networks_size_is_a_note_on_the_practices_it_concerns_never_a_reason(open_page) -> None:
    table = support_table(open_page("needing_support"))
    notes = dict(zip(table["practice_code"], table["network_notes"], strict=True))
    assert notes == {"A00003": "", "A00004": "", "B00002": "Its network has fewer than 30,000 patients"}
    assert not table["reasons"].str.contains("30,000").any()


def test_practices_needing_support_show_what_a_caller_needs(open_page) -> None:
    at = open_page("needing_support")
    table = support_table(at)
    # on screen, the order a caller reads: who, where, why, how to reach it, how long, the lead's notes,
    # so that the table fits a 1,280-pixel window; the rest is in the table's data and its download
    (shown,) = [t for t in at.dataframe if "reasons" in t.value.columns]
    assert " ".join(shown.proto.column_order) == (
        "practice_name area reasons telephone out_since months_without_network notes"
    )
    assert {
        "network_name",
        "last_network_name",
        "address",
        "postcode",
        "practice_code",
        "network_notes",
    } <= set(table.columns)
    gamma = table.loc[table["practice_code"] == "A00003"].iloc[0]
    assert (gamma["network_name"], gamma["last_network_name"], gamma["out_since"]) == (
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
    # the lead's notes in full, as written
    assert [m.value for m in at.markdown if "Lead to call" in m.value] == [
        "**Gamma Medical Centre (A00003)**: Lead to call in March"
    ]
    assert "Download every practice shown (CSV)" in [b.label for b in at.get("download_button")]


def test_practices_needing_support_in_the_first_month_have_no_previous_network_to_leave(open_page) -> None:
    assert sorted(practices(open_page("needing_support", month="2019-01"))) == [
        ("01A", "A00004", f"Not in a network; {SINGLE_HANDED}"),
        ("01A", "A00005", "Not in a network"),
        ("01A", "A00006", "Not in a network"),
    ]


def test_practices_needing_support_of_one_area(open_page) -> None:
    assert practices(open_page("needing_support", ccg="02B")) == [row for row in FEBRUARY if row[0] == "02B"]


def test_practices_needing_support_filtered_by_reason_keep_any_chosen_reason(open_page) -> None:
    at = open_page("needing_support")
    chosen = [SINGLE_HANDED, "Suspended its contract since the previous month"]
    at.multiselect(key="reason_filter").set_value(chosen).run()
    assert [row[1] for row in practices(at)] == ["A00004", "B00002"]


def test_practices_needing_support_are_counted_by_reason(open_page) -> None:
    counts = table_with(open_page("needing_support"), "reason")
    assert counts.values.tolist() == [
        ["Left a network since the previous month", 1],
        ["Not in a network", 1],
        ["Suspended its contract since the previous month", 1],
        [SINGLE_HANDED, 1],
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
    assert practices(at) == []
    assert at.info[0].value == "No practice of 02B needs support in March 2019."


def test_practice_open_in_the_official_register_but_not_tracked_needs_support(open_official_page) -> None:
    at = open_official_page("needing_support", month="2019-02")
    named = {"01A": "NHS Alpha CCG (01A)", "02B": "NHS Beta CCG (02B)"}
    assert practices(at) == [
        *[(named[area], code, reasons) for area, code, reasons in FEBRUARY],
        ("NHS Alpha CCG (01A)", "A00007", MISSING),
    ]
    assert MISSING in at.multiselect(key="reason_filter").options


def test_official_practices_needing_support_match_an_independent_count(
    open_official_only_page, official_files: Path
) -> None:
    at = open_official_only_page("needing_support", month="2019-11")
    listed = practices(at)
    # the one that left since the previous month first; C00001, alone in its small network, is no call
    assert listed[0] == ("NHS Alpha CCG (01A)", "A00003", "Left a network since the previous month")
    assert sorted(listed[1:]) == [
        ("NHS Alpha CCG (01A)", "A00004", "Not in a network"),
        ("NHS Gamma CCG (03C)", "C00002", "Not in a network"),
        ("NHS Gamma CCG (03C)", "C00003", "Not in a network"),
    ]
    left_out = sum(
        opened - covered
        for opened, covered in independent_coverage(official_files, date(2019, 11, 30)).values()
    )
    assert left_out == 4 == len(listed)
    assert {m.label: m.value for m in at.metric}["Of them left out of a network"] == "4"
    options = at.multiselect(key="reason_filter").options
    # the tracker's reasons: the official files hold no GP counts or contract status
    assert SINGLE_HANDED not in options
    assert "Suspended its contract since the previous month" not in options

"""The call list's reasons travel as codes from the SQL; their words are said once, in dashboard/wording.py.

So a reason worded anew is counted as before, and a code the words do not know stops the page with a
message naming it, never a count of zero.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard import queries, wording
from dashboard.content.needing_support import needing_support_content, reason_counts
from dashboard.view import View

FEBRUARY = date(2019, 2, 1)
AREAS = ("01A", "02B")
VIEW = View(AREAS, FEBRUARY, False, "01A and 02B")


def test_the_call_list_returns_codes_that_the_words_know(tiny_database: Path) -> None:
    support = queries.practices_needing_support(tiny_database, AREAS, FEBRUARY)

    assert [list(codes) for codes in support["reasons"]] == [
        ["left_network"],
        ["not_in_network", "single_handed"],
        ["suspended"],
    ]
    assert [list(notes) for notes in support["network_notes"]] == [[], [], ["network_below_band"]]


def test_a_reason_worded_anew_is_counted_and_filtered_as_before(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(wording.REASON_WORDS, "not_in_network", "Outside every network")

    content = needing_support_content(tiny_database, VIEW)

    counts = dict(zip(content.counts["reason"], content.counts["practices"], strict=True))
    assert counts["Outside every network"] == 1
    assert "Not in a network" not in counts
    assert content.left_out == 2
    assert content.with_any_reason(["Outside every network"])["practice_code"].tolist() == ["A00004"]
    assert content.practices.set_index("practice_code").loc["A00004", "reasons"] == (
        "Outside every network; Single-handed (the tracker's GP count is 1)"
    )


def test_a_reason_code_without_words_stops_the_call_list_with_a_message_naming_it(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(wording.REASON_WORDS, "single_handed")

    with pytest.raises(wording.UnknownCode) as stopped:
        queries.practices_needing_support(tiny_database, AREAS, FEBRUARY)

    assert str(stopped.value) == (
        "dashboard/sql/practices_needing_support.sql returned the reason code 'single_handed', which "
        "dashboard/wording.py has no words for (it knows left_network, no_pcn_in_snapshot, not_in_snapshot, "
        "not_in_network, suspended, missing_from_tracker)"
    )


def test_a_network_note_code_without_words_stops_the_call_list(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(wording.NETWORK_NOTE_WORDS, "network_below_band")

    with pytest.raises(wording.UnknownCode, match="the network note code 'network_below_band'"):
        queries.practices_needing_support(tiny_database, AREAS, FEBRUARY)


def test_counting_reasons_refuses_a_code_without_words() -> None:
    with pytest.raises(wording.UnknownCode, match="'not_in_a_pcn'"):
        reason_counts(pd.Series([["not_in_a_pcn"]]), {"tracker"})


def test_a_filter_word_that_names_no_reason_is_refused() -> None:
    with pytest.raises(wording.UnknownCode, match="no reason is worded 'Not in any network'"):
        wording.reason_code("Not in any network")


def test_every_code_the_call_list_sql_can_return_has_words_and_every_worded_code_is_returned() -> None:
    sql = (queries.SQL_DIR / "practices_needing_support.sql").read_text(encoding="utf-8")
    returned = set(re.findall(r"then '([a-z_]+)'", sql)) | set(re.findall(r"\['([a-z_]+)'\] as reasons", sql))

    assert returned == set(wording.REASON_WORDS) | set(wording.NETWORK_NOTE_WORDS)

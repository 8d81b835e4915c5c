"""The dashboard over the bundled official files (data/official, every one a real release): England's
newest month, today's names, closed areas, dated figures and the sources' newest dates (issue 18)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, queries
from dashboard.content.common import view_for
from dashboard.content.progress import progress_content
from etl.store import load_files
from tests.dashboard.helpers import APP, ROOT, run_page

pytestmark = pytest.mark.slow
OFFICIAL = sorted([*(ROOT / "data" / "official").glob("*.csv"), *(ROOT / "data" / "official").glob("*.xlsx")])


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("bundled") / "tracker.duckdb"
    results = load_files(OFFICIAL, db)
    assert [r.outcome for r in results] == ["loaded"] * len(OFFICIAL)
    return db


def _open(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, **query: str | list[str]) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db))
    return run_page(AppTest.from_file(str(APP), default_timeout=60), page, query)


def test_progress_opens_on_englands_newest_month(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(bundled, monkeypatch, "progress")
    assert at.caption[0].value.startswith("Showing **December 2025** for **England**.")
    assert (
        at.metric[0].value == "6,112 of 6,259 (97.7%)"
    )  # counted with csv in tests/test_store_newest_month.py
    # every source's newest date, and the patients' date beside the patient figures
    assert (
        "Newest of each source\\: practice register \\(epraccur\\) 3 February 2026; ePCN 1 October 2024; "
        "registration snapshot 1 January 2026; list sizes 1 January 2021; payments 13 March 2019; "
        "area register \\(eccg\\) 24 July 2024\\." in at.caption[0].value
    )
    assert "Registered patients as at January 2021: the newest list sizes loaded for these practices." in [
        c.value for c in at.caption
    ]


def test_october_2024_reads_with_every_practice_of_the_register(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(bundled, monkeypatch, "progress", month="2024-10")
    assert at.metric[0].value == "6,210 of 6,363 (97.6%)"
    assert not any("Registered patients as at" in c.value for c in at.caption[:1])


def test_the_months_nobody_measured_are_a_gap_in_the_chart(bundled: Path) -> None:
    areas = tuple(queries.areas(bundled)["ccg_code"])
    content = progress_content(bundled, view_for(bundled, areas, queries.months(bundled, areas)[0], True))
    assert content.coverage.figure is not None
    (england,) = [
        t
        for t in content.coverage.figure.data
        if t.legendgroup == "England" and "projected" not in str(t.name)
    ]
    months = [str(m)[:7] for m in england.x]
    assert "2024-11" in months and "2025-11" not in months and months[-1] == "2025-12"
    assert math.isnan(england.y[months.index("2024-11")])
    assert not hasattr(charts, "with_gaps")  # the gap is the chart's own business


def test_an_icb_is_named_as_today_and_found_by_its_old_name(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(bundled, monkeypatch, "progress", icb="Humber, Coast and Vale")
    assert at.multiselect(key="icb").value == ["QOQ"]
    label = at.multiselect(key="icb").format_func("QOQ")
    assert label == "Humber and North Yorkshire ICB (QOQ), formerly Humber, Coast and Vale"
    assert at.caption[0].value.startswith(
        "Showing **December 2025** for **Humber and North Yorkshire ICB \\(QOQ\\)**."
    )
    assert not at.warning  # Scarborough and Ryedale (03M) closed in 2020: no "no data" warning
    assert "03M" not in at.multiselect(key="ccg").options


def test_a_link_to_a_closed_area_opens_the_area_that_took_its_practices(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(bundled, monkeypatch, "progress", ccg="03M")
    assert at.multiselect(key="ccg").value == ["42D"]
    assert [i.value for i in at.info] == [
        "NHS Scarborough and Ryedale CCG \\(03M\\) became part of NHS North Yorkshire CCG \\(42D\\) in April "
        "2020, so the link opens NHS North Yorkshire CCG \\(42D\\)\\."
    ]
    assert not at.warning


def test_the_data_page_dates_each_source_and_counts_the_snapshots_disagreements(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(bundled, monkeypatch, "data")
    (dates,) = [t.value for t in at.dataframe if list(t.value.columns) == ["source", "newest"]]
    assert dict(zip(dates["source"], dates["newest"], strict=True)) == {
        "practice register (epraccur)": "3 February 2026",
        "ePCN": "1 October 2024",
        "registration snapshot": "1 January 2026",
        "list sizes": "1 January 2021",
        "payments": "13 March 2019",
        "area register (eccg)": "24 July 2024",
    }
    # December 2021: the January 2022 snapshot against ePCN (63 counted with csv/openpyxl: /tmp check)
    assert any(
        i.value.startswith("December 2021\\: ePCN and the registration snapshot")
        and "63 practices" in i.value
        for i in at.info
    )
    # long-closed areas are not "behind"
    assert not any("Behind the newest official month" in w.value for w in at.warning)


def test_the_board_pack_dates_its_old_patient_figures(bundled: Path) -> None:
    from dashboard.boardpack.contents import gather_contents

    areas = tuple(queries.areas(bundled)["ccg_code"])
    contents = gather_contents(bundled, view_for(bundled, areas, queries.months(bundled, areas)[0], True))
    notes = dict(zip(contents.headline["figure"], contents.headline["note"], strict=True))
    assert notes["Registered patients covered"].startswith("Registered patients as at January 2021. ")


def test_the_tables_and_their_csvs_date_old_patient_figures(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(bundled, monkeypatch, "networks")
    populations = [
        t.value for t in at.dataframe if "population" in t.value.columns or "list_size" in t.value.columns
    ]
    assert len(populations) == 2
    assert all(set(table["patients_as_at"]) == {"January 2021"} for table in populations)
    assert "Registered patients as at January 2021: the newest list sizes loaded for these practices." in [
        c.value for c in at.caption
    ]

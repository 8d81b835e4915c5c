"""The dashboard over the bundled official files (data/official, every one a real release): England's
newest month, today's names, closed areas, dated figures and the sources' newest dates (issue 18)."""

from __future__ import annotations

import base64
import csv
import json
import math
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, queries
from dashboard.content.common import view_for
from dashboard.content.progress import progress_content
from etl.api import load_files
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


# --- a closed area's last practice (independent counts: plain csv and openpyxl over data/official) ----

OFFICIAL_DIR = ROOT / "data" / "official"
# the issue says: "Scarborough and Ryedale CCG (03M) became part of North Yorkshire (42D) in April 2020"
NORTH_YORKSHIRE = {"42D", "03M"}


def _day(cell: object) -> date | None:
    if cell in (None, ""):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    return datetime.strptime(str(cell)[:8], "%Y%m%d").date()


def _register() -> dict[str, tuple[str, date | None, date | None]]:
    """English GP practices -> (area, opened, closed), from the newest register that lists each."""
    newest: dict[str, list[str]] = {}
    for name in ("epraccur_2023-02.csv", "epraccur_2026-02.csv"):  # oldest first: the newer one wins
        with (OFFICIAL_DIR / name).open(newline="", encoding="utf-8", errors="replace") as f:
            newest.update({row[0]: row for row in csv.reader(f)})
    return {
        code: (row[14], _day(row[10]), _day(row[11]))
        for code, row in newest.items()
        if {"4", "RO76"} & set(row[25].upper().split("|"))
        and not (code.startswith("W") or row[2].startswith("W") or re.fullmatch(r"7A\d", row[14]))
    }


def _spells() -> dict[str, list[tuple[date, date | None]]]:
    """Each practice's ePCN spells, from the newest workbook that lists it."""
    spells: dict[str, list[tuple[date, date | None]]] = {}
    for name in ("ePCN_2019-12.xlsx", "ePCN_2022-02.xlsx", "ePCN_2024-10.xlsx"):
        book = openpyxl.load_workbook(OFFICIAL_DIR / name, read_only=True, data_only=True)
        rows = book["PCN Core Partner Details"].iter_rows(values_only=True)
        header = [" ".join(str(cell or "").split()).lower() for cell in next(rows)]
        code = header.index("partner organisation code")
        start = next(i for i, h in enumerate(header) if h.endswith("relationship start date"))
        end = next(i for i, h in enumerate(header) if h.endswith("relationship end date"))
        listed: dict[str, list[tuple[date, date | None]]] = {}
        for row in rows:
            if row[code] and _day(row[start]):
                listed.setdefault(str(row[code]), []).append((_day(row[start]), _day(row[end])))  # type: ignore[arg-type]
        book.close()
        spells.update(listed)
    return spells


def _in_pcn(spells: list[tuple[date, date | None]], day: date) -> bool:
    return any(start <= day and (end is None or end >= day) for start, end in spells)


def _counted(areas: set[str], day: date) -> tuple[int, int]:
    """(practices in a PCN, practices open) on `day` of the practices the register lists under `areas`."""
    spells = _spells()
    open_ = [
        code
        for code, (area, opened, closed) in _register().items()
        if area in areas and opened and opened <= day and (closed is None or closed > day)
    ]
    return sum(_in_pcn(spells.get(code, []), day) for code in open_), len(open_)


def _humber_areas() -> set[str]:
    """Every area eccg places in Humber and North Yorkshire (QOQ), closed ones too."""
    with (OFFICIAL_DIR / "eccg_2024.csv").open(newline="", encoding="utf-8", errors="replace") as f:
        return {row[0] for row in csv.reader(f) if row[3] == "QOQ"}


def _values(trace: dict[str, Any]) -> list[Any]:
    """A trace's x or y as the browser gets it (plotly sends numbers as base64 typed arrays)."""
    sent = trace.get("y")
    if isinstance(sent, dict):
        return np.frombuffer(base64.b64decode(sent["bdata"]), dtype=sent["dtype"]).tolist()
    return list(sent or [])


def _coverage_chart(at: AppTest) -> dict[str, Any]:
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    (chart,) = [s for s in specs if s["layout"]["title"]["text"].startswith("Practices in a network by area")]
    return chart


def test_humbers_chart_draws_no_closed_area_and_counts_its_last_practice_under_north_yorkshire(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Belgrave Surgery (B82092) closed in November 2019 under Scarborough and Ryedale (03M): it is one of
    North Yorkshire's (42D) practices in October 2019, as every other 03M practice is, not a 0% line."""
    north_yorkshire = _counted(NORTH_YORKSHIRE, date(2019, 10, 31))
    assert north_yorkshire == (64, 66)
    at = _open(bundled, monkeypatch, "progress", icb="QOQ")
    chart = _coverage_chart(at)
    lines = {trace["name"]: _values(trace) for trace in chart["data"]}
    assert not [name for name in lines if "03M" in name or "Scarborough" in name]
    assert [name.split(":")[0] for name in lines] == [
        "NHS East Riding of Yorkshire CCG (02Y)",
        "NHS Hull CCG (03F)",
        "NHS North East Lincolnshire CCG (03H)",
        "NHS North Lincolnshire CCG (03K)",
        "NHS North Yorkshire CCG (42D)",
        "NHS Vale of York CCG (03Q)",
    ]
    (north,) = [values for name, values in lines.items() if name.startswith("NHS North Yorkshire CCG (42D)")]
    assert north[0] == round(100 * 64 / 66, 1) == 97.0  # October 2019
    lowest = min(v for values in lines.values() for v in values if not math.isnan(v))
    assert chart["layout"]["yaxis"]["range"][0] == 74.0 and lowest > 74  # fitted to the areas, not to 0
    assert not at.warning


def test_october_2019_reads_as_counted_for_humber_and_north_yorkshire(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    humber = _counted(_humber_areas(), date(2019, 10, 31))
    assert humber == (184, 195)
    at = _open(bundled, monkeypatch, "progress", icb="QOQ", month="2019-10")
    assert at.metric[0].value == "184 of 195 (94.4%)"
    assert not at.warning  # 03M had not closed yet; its practices are in the figures, under 42D
    at = _open(bundled, monkeypatch, "progress", ccg="42D", month="2019-10")
    assert at.metric[0].value == "64 of 66 (97.0%)"
    at = _open(bundled, monkeypatch, "progress", month="2019-10")
    assert at.metric[0].value.startswith("6,752 of 7,133 ")  # England as before: no practice moved out of it


def test_a_link_to_a_closed_area_with_no_practice_left_under_it_opens_the_one_that_took_them(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(bundled, monkeypatch, "progress", ccg="02N", month="2019-10")
    assert at.multiselect(key="ccg").value == ["36J"]
    assert [i.value for i in at.info] == [
        "NHS Airedale, Wharfedale and Craven CCG \\(02N\\) became part of NHS Bradford District and Craven "
        "CCG \\(36J\\) in April 2020, so the link opens NHS Bradford District and Craven CCG \\(36J\\)\\."
    ]
    assert not at.warning


def test_months_out_in_the_snapshot_month_count_only_the_months_measured(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """December 2025 is measured by the January 2026 mapping file; November 2024 to November 2025 by
    nothing. Delta Healthcare (B81097) left its PCN in 2022: its months out are the ePCN months from
    then to October 2024 and December 2025, not the 39 calendar months since."""
    spells = _spells()
    with (OFFICIAL_DIR / "gp-reg-pat-prac-map_2026-01.csv").open(encoding="utf-8-sig") as f:
        snapshot = {row["PRACTICE_CODE"]: row["PCN_CODE"] for row in csv.DictReader(f)}
    register = _register()

    def measured_months_out(code: str) -> int:
        last_end = max((end for _, end in spells.get(code, []) if end), default=None)
        opened = register[code][1]
        assert opened is not None
        first = (last_end + timedelta(days=1)) if last_end else opened
        epcn = (2024 - first.year) * 12 + 10 - first.month + 1  # its ePCN months out, to October 2024
        return epcn + (re.fullmatch(r"U\d{5}", snapshot.get(code, "")) is None)

    assert measured_months_out("B81097") == 26
    assert measured_months_out("Y08516") == 4  # opened August 2024, in no PCN since
    at = _open(bundled, monkeypatch, "needing_support", icb="QOQ")
    (table,) = [t.value for t in at.dataframe if "reasons" in t.value.columns]
    shown = table.set_index("practice_code")
    assert (shown.loc["B81097", "out_since"], shown.loc["B81097", "months_without_network"]) == (
        "October 2022",
        26,
    )
    assert (shown.loc["Y08516", "out_since"], shown.loc["Y08516", "months_without_network"]) == (
        "at least August 2024",
        4,
    )
    # the months out of a practice out only in December 2025: the one month measured
    assert set(shown.loc[shown["out_since"] == "December 2025", "months_without_network"]) == {1}


def test_a_board_pack_asked_for_a_closed_area_names_the_area_that_took_its_practices(
    bundled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dashboard.boardpack.__main__ import main

    monkeypatch.setenv("TRACKER_DB", str(bundled))
    monkeypatch.setenv("BROWSER_PATH", sys.executable)  # any program will do: nothing gets drawn
    assert main(["--ccg", "03m"]) == 2
    assert capsys.readouterr().err == (
        "error: NHS Scarborough and Ryedale CCG (03M) closed on 31 March 2020 and its practices are now "
        "under NHS North Yorkshire CCG (42D); make the pack for 42D (--ccg 42D)\n"
    )

"""The map, England beside and the peers on England's real files, checked as a lead would check them.

The bundled official files plus October 2024's ePCN, February 2026's register and January 2026's
mapping file (from ../shared/nhs-data, as published). Humber and North Yorkshire (QOQ) in October 2024
is counted here again with plain csv and openpyxl over the raw files, not with the project's code.
Slow, and skipped where ../shared/nhs-data is not present.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.helpers import APP, ROOT, free_port, load, serve, table_with

SHARED = ROOT.parent / "shared" / "nhs-data"
NEWER = ["epcn/ePCN_2024-10.xlsx", "ods/epraccur_2026-02.csv", "list-sizes/gp-reg-pat-prac-map_2026-01.csv"]
REGISTERS = ["ods/epraccur_2023-02.csv", "ods/epraccur_2026-02.csv"]  # oldest first: the newest wins
LAST_DAY = "20241031"
HUMBER = {"02Y", "03F", "03H", "03K", "03Q", "42D"}  # QOQ's sub-ICB locations (ONS lookup, April 2023)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/nhs-data is not present"),
]


def open_practices() -> dict[str, str]:
    """Practice -> its area, of every English GP practice open on 31 October 2024, by the newest register
    that lists it (prescribing setting 4, or role RO76 among the roles in the newest layout)."""
    newest: dict[str, list[str]] = {}
    for name in REGISTERS:
        with open(SHARED / name, encoding="utf-8", errors="replace", newline="") as file:
            for row in csv.reader(file):
                newest[row[0]] = row
    return {
        code: row[14]
        for code, row in newest.items()
        if (row[25] == "4" or "RO76" in row[25].split("|"))
        and not code.startswith("W")
        and row[10]
        and row[10] <= LAST_DAY
        and (not row[11] or row[11] > LAST_DAY)
    }


def in_a_network() -> set[str]:
    """Practices with an ePCN (October 2024) spell covering 31 October 2024."""
    sheet = openpyxl.load_workbook(SHARED / NEWER[0], read_only=True)["PCN Core Partner Details"]
    rows = sheet.iter_rows(values_only=True)
    header = [" ".join(str(cell).split()) for cell in next(rows)]
    code = header.index("Partner Organisation Code")
    start = header.index("Practice to PCN Relationship Start Date")
    end = header.index("Practice to PCN Relationship End Date")
    return {
        str(row[code])
        for row in rows
        if str(row[start]) <= LAST_DAY and (row[end] in (None, "") or str(row[end]) >= LAST_DAY)
    }


class Counted(NamedTuple):
    england: tuple[int, int]  # practices in a network, practices open
    humber: tuple[int, int]
    humber_left_out: list[str]


@pytest.fixture(scope="module")
def counted() -> Counted:
    practices, members = open_practices(), in_a_network()
    humber = [code for code, area in practices.items() if area in HUMBER]
    return Counted(
        (sum(code in members for code in practices), len(practices)),
        (sum(code in members for code in humber), len(humber)),
        sorted(code for code in humber if code not in members),
    )


@pytest.fixture(scope="module")
def real_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("real") / "tracker.duckdb"
    official = sorted((ROOT / "data" / "official").glob("*.csv")) + sorted(
        (ROOT / "data" / "official").glob("*.xlsx")
    )
    bundled = {path.name for path in official}  # once they are bundled, they are loaded from there
    load(db, official + [SHARED / name for name in NEWER if Path(name).name not in bundled])
    return db


def page(db: Path, monkeypatch: pytest.MonkeyPatch, screen: str, **query: str) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.query_params.update(query)
    at.run()
    if screen != "progress":
        at.switch_page(f"screens/{screen}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_independent_count_is_the_one_the_issue_gives(counted: Counted) -> None:
    assert counted.england == (6210, 6363)
    assert counted.humber_left_out == ["B81058", "B81097", "B82622", "Y06247", "Y08516"]


def test_humber_progress_shows_england_beside_it_as_counted(
    real_database: Path, counted: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(real_database, monkeypatch, "progress", month="2024-10", icb="QOQ")
    england_in, england_all = counted.england
    shown = [m.value for m in at.markdown]
    assert any(
        f"England, October 2024: {england_in:,} of {england_all:,} ({100 * england_in / england_all:.1f}%)"
        in text.replace("\\", "")
        for text in shown
    ), shown
    humber_in, humber_all = counted.humber
    assert at.metric[0].value == f"{humber_in} of {humber_all} ({100 * humber_in / humber_all:.1f}%)"


def test_humber_progress_says_where_it_stands_among_the_icbs(
    real_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(real_database, monkeypatch, "progress", month="2024-10", icb="QOQ")
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert re.search(
        r"Humber and North Yorkshire ICB \(QOQ\): 97\.0% of its practices are in a network, "
        r"\d+(st|nd|rd|th) highest of the 42 ICBs",
        text,
    ), text
    peers = table_with(at, "icb")
    assert len(peers) == 42 and "Humber and North Yorkshire ICB (QOQ)" in set(peers["icb"])


def test_humber_map_lists_its_practices_left_out_first(
    real_database: Path, counted: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(real_database, monkeypatch, "map", month="2024-10", icb="QOQ")
    practices = table_with(at, "practice_code")
    left_out = counted.humber_left_out
    assert sorted(practices["practice_code"].head(len(left_out))) == left_out
    assert set(practices["status"].head(len(left_out))) == {"left out"}
    assert set(practices["status"].iloc[len(left_out) :]) == {"in a network"}
    areas = table_with(at, "sub_icb_location")
    assert len(areas) == 6 and areas["practices"].sum() == len(practices)
    alternative = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "6 sub-ICB locations shaded by their share of practices in a network" in alternative


def test_choosing_an_area_under_the_map_chooses_it_for_every_page(
    real_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(real_database, monkeypatch, "map", month="2024-10")
    icbs = table_with(at, "icb").set_index("icb")
    assert len(icbs) == 42 and icbs.loc["Humber and North Yorkshire ICB (QOQ)", "coverage_pct"] == 97.0
    at.selectbox(key="map_choice").select("QOQ").run()
    assert not at.exception
    assert at.query_params["icb"] == "QOQ" and at.query_params["month"] == "2024-10"
    assert len(table_with(at, "sub_icb_location")) == 6  # now the ICB's areas, with its practices
    at.selectbox(key="map_choice").select("03F").run()
    assert at.query_params["ccg"] == "03F"
    at.switch_page("screens/progress.py").run()
    assert "NHS Hull CCG \\(03F\\)**." in at.caption[0].value


@pytest.fixture(scope="module")
def real_server(real_database: Path) -> Iterator[str]:
    with serve(real_database, free_port()) as url:
        yield url


def ready(page: object, url: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)  # type: ignore[attr-defined]
    page.get_by_text("The map's numbers").first.wait_for(timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)  # type: ignore[attr-defined]


@pytest.mark.browser
def test_the_map_draws_offline_and_a_click_on_an_icb_chooses_it(real_server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def only_this_server(route) -> None:  # no tile server, map service or CDN: the map must not need one
        if route.request.url.startswith(real_server) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    try:
        ready(page, real_server + "/map?month=2024-10")
        page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot g.scatterlayer', timeout=30_000)
        fills = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot path')]
                   .filter(p => p.classList.contains('js-fill') && (p.getAttribute('d') || '').length > 100)
                   .length"""
        )
        assert fills >= 42, fills  # every ICB's outline drawn, in the browser, from nothing outside it
        # the pixel of QOQ's dot, from plotly's own axes
        x, y = page.evaluate(
            """() => {
              const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
              const trace = gd.data.findIndex(t => t.meta === 'area dots');
              const i = gd.data[trace].customdata.findIndex(c => c[1] === 'QOQ');
              const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
              const box = gd.getBoundingClientRect();
              const point = gd.calcdata[trace][i];
              return [box.left + xa._offset + xa.c2p(point.x), box.top + ya._offset + ya.c2p(point.y)];
            }"""
        )
        page.mouse.move(x, y)
        page.get_by_text("Click to choose this area").first.wait_for(timeout=10_000)  # the dot's hover
        page.mouse.click(x, y)
        page.wait_for_url(re.compile(r"icb=QOQ"), timeout=30_000)
        page.get_by_text("and each practice").first.wait_for(timeout=60_000)
        assert "month=2024-10" in page.url
        assert not page.locator('[data-testid="stException"]').count()
    finally:
        page.close()
    assert outside == []  # nothing leaves the machine, the tab's icon included


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/?month=2024-10&icb=QOQ", "/map?month=2024-10&icb=QOQ"])
def test_tables_fit_a_1280_pixel_window(real_server: str, browser, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(real_server + path)
        page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
        page.get_by_text("Download CSV").filter(visible=True).first.wait_for(timeout=60_000)
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
        page.wait_for_timeout(1500)
        widths = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
                   .map(s => [s.scrollWidth, s.clientWidth])"""
        )
        assert widths and all(scroll <= client + 1 for scroll, client in widths), widths
    finally:
        page.close()


def test_the_humber_pack_carries_england_beside_and_the_map_on_page_one(
    real_database: Path, counted: Counted
) -> None:
    from datetime import date

    from dashboard import queries
    from dashboard.boardpack.contents import MAP_SECTION, gather_contents
    from dashboard.content.common import view_for

    areas = queries.areas(real_database)
    codes = tuple(areas.loc[areas["icb_code"] == "QOQ", "ccg_code"])
    view = view_for(real_database, codes, date(2024, 10, 1), False, ("Humber and North Yorkshire ICB (QOQ)",))
    contents = gather_contents(real_database, view)
    england_in, england_all = counted.england
    assert contents.beside[0] == (
        f"England, October 2024: {england_in:,} of {england_all:,} ({100 * england_in / england_all:.1f}%)"
    )
    assert contents.beside[1].startswith("Humber and North Yorkshire ICB (QOQ): 97.0% of its practices")
    (drawn,) = [chart for chart in contents.charts if chart.section == MAP_SECTION]
    assert drawn.caption.startswith(
        "Chart: a map of practices in a network by sub-ICB location, October 2024"
    )
    assert "Contains OS data © Crown copyright" in drawn.caption
    assert all(trace.meta != "area dots" for trace in drawn.figure.data)  # paper has no click


def test_a_practice_newer_than_the_location_file_is_placed_by_the_registers_postcode(
    real_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(real_database, monkeypatch, "map", month="2025-12", ccg="03Q")
    practices = table_with(at, "practice_code").set_index("practice_code")
    # York GP Extended Access (YO24 4LJ, opened August 2024): the middle of YO24's practices
    assert practices.loc["Y08516", "status"] == "not in the snapshot"
    assert practices.loc["Y08516", "located"] == "approximately"
    notes = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "are placed approximately, at the middle of their postcode district: Y08852, Y08516." in notes

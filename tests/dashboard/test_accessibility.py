"""WCAG 2.2 AA on every page (issue 13): axe-core, run by axe-playwright-python in Debian's chromium.

Every page is opened at default filters and with one area chosen, over the sample data and over
official files alone (the real ones in /work/shared/nhs-data when they are there, else the tiny
official world of helpers.py), and axe's WCAG 2.0/2.1/2.2 A and AA rules must find nothing. A
failure names the rule, each element and axe's help, so a regression says what it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from tests.dashboard.helpers import (
    PAGE_PATHS,
    PAGE_TITLES,
    free_port,
    load,
    sample_files,
    serve,
    write_official_inputs,
)

pytestmark = pytest.mark.browser

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
REAL_OFFICIAL_FILES = Path("/work/shared/nhs-data")


@dataclass(frozen=True)
class DataSet:
    name: str
    url: str
    one_area: str  # an area code the data hold, for the "one area chosen" run


def official_files(folder: Path) -> tuple[list[Path], str]:
    """The official files alone, and an area they cover (NHS Doncaster CCG in the real files)."""
    if REAL_OFFICIAL_FILES.is_dir():
        real = sorted(p for p in REAL_OFFICIAL_FILES.rglob("*") if p.suffix in (".csv", ".xlsx"))
        return real, "02X"
    return write_official_inputs(folder), "01A"


@pytest.fixture(
    scope="module",
    params=["sample", pytest.param("official", marks=pytest.mark.slow)],
)
def data_set(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DataSet]:
    """The dashboard served over one data set, as `python -m streamlit run dashboard/app.py` serves it."""
    folder = tmp_path_factory.mktemp(request.param)
    db = folder / "tracker.duckdb"
    if request.param == "sample":
        files, area = sample_files(), "02X"
    else:
        files, area = official_files(folder)
    load(db, files)
    with serve(db, free_port()) as url:
        yield DataSet(request.param, url, area)


def open_page(browser, url: str, title: str):
    """A page once its title, data and charts are drawn and the script has stopped running."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.locator("h1", has_text=title).first.wait_for(timeout=30_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(  # plotly draws after the script ends: every chart has its svg
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(c => c.querySelector('svg.main-svg'))",
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    return page


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def described(violations: list[dict]) -> str:
    """Each rule broken, with its help text and link, then each element that breaks it and why."""
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            lines.append(f"    {' > '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append(f"      {' '.join(node.get('failureSummary', '').split())[:300]}")
    return "\n".join(lines)


def charts_without_text(page) -> list[str]:
    """The titles of charts not preceded by the sentence that says what they show ("Chart: ...")."""
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')].filter(c => {"
        " const before = c.closest('.stElementContainer')?.previousElementSibling;"
        " return !(before && before.innerText.trim().startsWith('Chart:')); })"
        ".map(c => c.querySelector('.gtitle')?.textContent || 'a chart without a title')"
    )


def heading_levels(page) -> list[int]:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stMain\"] :is(h1,h2,h3,h4,h5,h6)')]"
        ".filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))"
    )


@pytest.mark.parametrize("chosen", ["default filters", "one area"])
@pytest.mark.parametrize("name", list(PAGE_TITLES))
def test_page_has_no_wcag_violations(browser, data_set: DataSet, name: str, chosen: str) -> None:
    query = f"?ccg={data_set.one_area}" if chosen == "one area" else ""
    page = open_page(browser, data_set.url + PAGE_PATHS[name] + query, PAGE_TITLES[name])
    try:
        assert not page.locator('[data-testid="stException"]').count(), page.inner_text("body")[:2000]
        violations = axe_violations(page)
        levels = heading_levels(page)
        silent_charts = charts_without_text(page)
    finally:
        page.close()

    assert not violations, f"{name} ({data_set.name} data, {chosen}):\n{described(violations)}"
    assert levels[:1] == [1] and levels.count(1) == 1, f"{name}: one h1 first, headings {levels}"
    skipped = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not skipped, f"{name}: a heading level is skipped in {levels}"
    assert not silent_charts, f"{name}: charts without a text alternative: {silent_charts}"


def test_keyboard_focus_is_visible(browser, data_set: DataSet) -> None:
    """The sidebar's first link is among the first few tab stops, and focus on it is drawn."""
    page = open_page(browser, data_set.url + "/", "Progress")
    stops = []
    try:
        for _ in range(4):  # Streamlit's "Skip to main content" link, at times a sidebar button, then ours
            page.keyboard.press("Tab")
            stops.append(
                page.evaluate(
                    "() => { const e = document.activeElement, s = getComputedStyle(e);"
                    " return [e.tagName, e.textContent.trim(), s.outlineStyle, parseFloat(s.outlineWidth),"
                    " e.outerHTML.slice(0, 200)]; }"
                )
            )
            if stops[-1][0] == "A" and stops[-1][1].endswith("Progress"):
                break
    finally:
        page.close()

    tag, text, outline_style, outline_width, _ = stops[-1]
    assert (tag, text.endswith("Progress")) == ("A", True), [stop[4] for stop in stops]
    assert outline_style != "none" and outline_width >= 2

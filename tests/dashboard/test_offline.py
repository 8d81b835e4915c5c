"""Nothing on a page leaves the server, and the tables fit the window a lead has (real chromium).

An NHS machine often cannot reach Google's font server or a CDN, and nothing a page shows should be
asked of a host other than the dashboard's own. Every page is opened over `make demo`'s data (England's
official files and the sample CCGs' returns) with every expander open; any request to another host is
refused and recorded, and so is any element of the page that names one (a tab icon, a script, a
picture). The Networks, Data and Needing support pages' tables must show every column they show at a
1,280 by 800 window without scrolling sideways.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.dashboard.helpers import (
    PAGE_PATHS,
    PAGE_TITLES,
    ROOT,
    demo_files,
    free_port,
    load,
    serve,
    wait_until_drawn,
)

# England's newest month (the default), and a sample CCG in a month of its returns (an ICB's map on
# England's real files is test_real_files_map's)
CHOICES = {"England": "", "02X, March 2019": "?ccg=02X&month=2019-03"}
# every element that makes the browser fetch what it names
FETCHED = """() => [...document.querySelectorAll(
    'link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src], embed[src],'
    + ' object[data], image[href]')]
  .map(e => e.href?.baseVal ?? e.href ?? e.src ?? e.data)
  .filter(u => u && !u.startsWith(location.origin + '/') && !/^(data|blob|about):/.test(u))"""


def test_no_page_names_a_material_icon() -> None:
    """A `:material/…:` icon as a page's tab icon is fetched from fonts.gstatic.com: none is named."""
    named = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "dashboard").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r":material/\w+:", line)
    ]
    assert named == []


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("demo") / "tracker.duckdb"
    load(db, demo_files())
    with serve(db, free_port()) as url:
        yield url


def open_every_expander(page: object) -> None:
    for summary in page.locator('[data-testid="stExpander"] summary').all():  # type: ignore[attr-defined]
        summary.click()
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("choice", list(CHOICES))
@pytest.mark.parametrize("name", list(PAGE_TITLES))
def test_a_page_asks_nothing_of_any_other_host(browser, demo_server: str, name: str, choice: str) -> None:
    own = urlsplit(demo_server).netloc
    elsewhere: list[str] = []

    def only_this_server(route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == own or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            elsewhere.append(url)
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", only_this_server)
    page = context.new_page()
    try:
        page.goto(demo_server + PAGE_PATHS[name] + CHOICES[choice])
        wait_until_drawn(page, PAGE_TITLES[name])
        open_every_expander(page)
        wait_until_drawn(page, PAGE_TITLES[name])
        assert not page.locator('[data-testid="stException"]').count()
        named = page.evaluate(FETCHED)
    finally:
        context.close()

    assert elsewhere == [], f"{name} ({choice}) asked another host for {elsewhere}"
    assert named == [], f"{name} ({choice}) names another host's {named}"


# each table's grid: how wide its content is, and how wide the window it scrolls in
GRID_WIDTHS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(table => {
  const grid = table.querySelector('.dvn-scroller');
  const headings = [...table.querySelectorAll('[role="columnheader"]')].map(h => h.innerText.trim());
  return {headings: headings.join(' | '), scroll: grid.scrollWidth, client: grid.clientWidth};
})"""
FITTING = {"England": "", "02X, March 2019": "?ccg=02X&month=2019-03", "QOQ": "?icb=QOQ"}


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("choice", list(FITTING))
@pytest.mark.parametrize("name", ["networks", "data", "needing_support"])
def test_tables_fit_a_1280_by_800_window(browser, demo_server: str, name: str, choice: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(demo_server + PAGE_PATHS[name] + FITTING[choice])
        wait_until_drawn(page, PAGE_TITLES[name])
        open_every_expander(page)
        page.wait_for_function(  # every table drawn, those in the expanders too
            "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')]"
            ".every(t => t.querySelector('.dvn-scroller') && t.querySelector('[role=\"columnheader\"]'))",
            timeout=60_000,
        )
        assert page.locator('[data-testid="stSidebar"]').is_visible()  # the sidebar takes its room
        tables = page.evaluate(GRID_WIDTHS)
    finally:
        page.close()

    assert len(tables) >= 2, tables
    scrolling = [table for table in tables if table["scroll"] > table["client"]]
    assert scrolling == [], f"{name} ({choice}): tables scroll sideways: {scrolling}"

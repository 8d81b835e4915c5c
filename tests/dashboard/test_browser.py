"""End to end: the real server over the sample data, every page opened in Debian's chromium.

Each page's screenshot is saved to test-output/screenshots/<page>.png for a person to look at.
Without /usr/bin/chromium the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboard.helpers import PAGE_PATHS, SCRIPT_ENDED, free_port, load, sample_files, serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
# page -> (the query after its URL path, text only that page shows once its data are in)
PAGES = {
    "progress": ("?month=2019-03", "Practices in a network"),
    "needing_support": ("", "Practices with at least one reason"),
    "map": ("?ccg=02X", "The map's numbers"),
    "networks": ("?ccg=02X", "Member practices"),
    "milestones": ("?month=2018-12", "Every milestone"),
    "changes": ("?month=2018-06", "Every change"),
    "data": ("", "Check a file"),
}


@pytest.fixture(scope="module")
def sample_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "tracker.duckdb"
    load(db, sample_files())
    return db


def headline_of(month_file: Path) -> str:
    """The Progress headline for a month of the tracker, counted straight from its CSV file."""
    with open(month_file, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    in_network = sum(1 for row in rows if row["network_code"].strip())
    return f"{in_network} of {len(rows)} ({100 * in_network / len(rows):.1f}%)"


@pytest.fixture(scope="module")
def server(sample_database: Path) -> Iterator[str]:
    with serve(sample_database, free_port()) as url:
        yield url


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_in_a_browser_and_shows_its_content(
    server: str, browser, sample_database: Path, name: str
) -> None:
    query, content = PAGES[name]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(server + PAGE_PATHS[name] + query)
        page.wait_for_selector('[data-testid="stApp"]', timeout=20_000)
        page.get_by_text(content).filter(visible=True).first.wait_for(timeout=20_000)
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=20_000)
        page.wait_for_load_state("networkidle")
        assert not page.locator('[data-testid="stException"]').count()
        # Streamlit scrolls inside its main block, so grow the window to the content to capture it all
        height = 0
        for _ in range(4):  # charts and tables grow as they draw; stop once the height holds
            now = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"]')]"
                ".map(e => e.scrollHeight), 900)"
            )
            if now == height:
                break
            height = now
            page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 12_000)})
            page.wait_for_timeout(700)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert page.get_by_text(content).filter(visible=True).count() >= 1
        if name == "progress":
            march = ROOT / "data" / "sample" / "status_2019-03.csv"
            assert page.get_by_test_id("stMetricValue").first.inner_text() == headline_of(march)
    finally:
        page.close()


SIGN_IN = """
[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "a test secret"
client_id = "tracker"
client_secret = "not a real secret"
server_metadata_url = "https://login.example.nhs.uk/.well-known/openid-configuration"

[tracker]
editors = ["lead@nhs.net"]
"""


@pytest.mark.parametrize("settings", ["sign-in", "sign-in with a typo"])
def test_a_strangers_deep_link_to_a_fresh_server_shows_no_data(
    browser, sample_database: Path, tmp_path: Path, settings: str
) -> None:
    secrets = tmp_path / "secrets.toml"
    text = SIGN_IN if settings == "sign-in" else SIGN_IN.replace('"lead@nhs.net"]', '"lead@nhs.net]')
    secrets.write_text(text, encoding="utf-8")
    expected = "Sign in" if settings == "sign-in" else "The dashboard is closed"
    with serve(sample_database, free_port(), "--secrets.files", str(secrets)) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        elsewhere: list[str] = []  # the sign-in page too asks nothing of another host (its tab icon)

        def only_this_server(route) -> None:
            if route.request.url.startswith((url, "data:", "blob:")):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        page.route("**/*", only_this_server)
        try:
            page.goto(url + "/data")  # the first visit this server has
            page.wait_for_selector('[data-testid="stApp"]', timeout=20_000)
            page.get_by_text(expected).first.wait_for(timeout=20_000)
            page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=20_000)
            shown = page.inner_text('[data-testid="stApp"]')
        finally:
            page.close()

    assert "Check a file" not in shown and "Load history" not in shown
    assert elsewhere == []
    assert not any(name in shown for name in ("changes", "milestones", "needing support"))  # no legacy nav


def test_a_chosen_areas_whole_name_shows_in_the_sidebar(server: str, browser, sample_database: Path) -> None:
    """A long chosen name wraps in its chip instead of being cut with "…".

    Each check waits for what it checks (the script's end, the chip's text, the page's fonts, its
    style) rather than for a time, so a busy machine makes it slower, never wrong.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    from dashboard import queries
    from dashboard.content.common import area_names

    names = area_names(queries.areas(sample_database))
    code = max(names, key=lambda c: len(names[c]))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{server}/needing_support?ccg={code}")
        page.wait_for_selector(SCRIPT_ENDED, timeout=60_000)
        chip = page.locator('[data-testid="stSidebar"] [data-tag] > span[title]').first
        expect(chip).to_have_text(names[code], timeout=60_000)
        expect(chip).to_have_css("white-space", "normal", timeout=60_000)
        page.evaluate("() => document.fonts.ready.then(() => true)")  # the text's width is its font's
        whole = "e => !(e.scrollWidth > e.clientWidth + 1) && getComputedStyle(e).textOverflow === 'clip'"
        try:
            chip.element_handle().wait_for_element_state("stable", timeout=60_000)
            page.wait_for_function(whole, arg=chip.element_handle(), timeout=30_000)
        except PlaywrightTimeout:
            pass  # the assertions below say what the chip showed
        assert chip.inner_text() == names[code]
        cut = chip.evaluate("e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow")
        assert cut in (False, "clip"), (names[code], cut)
        assert chip.evaluate("e => getComputedStyle(e).whiteSpace") == "normal"
    finally:
        page.close()

"""End to end: the real server over the sample data, every page opened in Debian's chromium.

Each page's screenshot is saved to test-output/screenshots/<page>.png for a person to look at.
Without /usr/bin/chromium the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from etl.load import load_files

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# page -> (URL path and query, text only that page shows once its data are in)
PAGES = {
    "progress": ("/", "Practices in a network"),
    "needing_support": ("/needing_support", "Practices with at least one reason"),
    "networks": ("/networks?ccg=02X", "Member practices"),
    "milestones": ("/milestones?month=2018-12", "Every milestone"),
    "changes": ("/changes?month=2018-06", "Every change"),
    "data": ("/data", "Check a file"),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def sample_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "tracker.duckdb"
    load_files(sorted((ROOT / "data" / "sample").glob("*.csv")), db)
    return db


def headline_of(db: Path) -> str:
    """The Progress headline for the newest month, counted straight from the database."""
    with duckdb.connect(str(db), read_only=True) as con:
        practices, in_network = con.execute(
            "select count(*), count(network_code) from practice_status "
            "where snapshot_date = (select max(snapshot_date) from practice_status)"
        ).fetchone()
    return f"{in_network} of {practices} ({100 * in_network / practices:.1f}%)"


@contextmanager
def serve(db: Path, port: int) -> Iterator[str]:
    """`python -m streamlit run dashboard/app.py` over `db`, as a person starts it; yields its URL."""
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py"]
    command += [
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    env = {**os.environ, "TRACKER_DB": str(db)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.poll() is not None else ""
                    pytest.fail(f"the dashboard did not start: {output}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(sample_database: Path) -> Iterator[str]:
    with serve(sample_database, free_port()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI installs Debian's chromium, so the browser test must run")
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium to run the browser test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_in_a_browser_and_shows_its_content(
    server: str, browser, sample_database: Path, name: str
) -> None:
    path, content = PAGES[name]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(server + path)
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
            assert page.get_by_test_id("stMetricValue").first.inner_text() == headline_of(sample_database)
    finally:
        page.close()

"""End to end: the real server over the sample data, every page opened in Debian's chromium.

Each page's screenshot is saved to test-output/screenshots/<page>.png for a person to look at.
Without /usr/bin/chromium the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

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
    "progress": ("/?month=2019-03", "Practices in a network"),
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


def load(db: Path, files: list[Path]) -> None:
    """`python -m etl load --db DB FILE...`, as a person loads files."""
    command = [sys.executable, "-m", "etl", "load", "--db", str(db), *map(str, files)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def sample_files() -> list[Path]:
    """The bundled sample: the official files and the tracker's returns and milestones."""
    official = ROOT / "data" / "sample" / "official"
    tracker = sorted((ROOT / "data" / "sample").glob("*.csv"))
    return sorted(official.glob("*.xlsx")) + sorted(official.glob("*.csv")) + tracker


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


@contextmanager
def serve(db: Path, port: int, *options: str) -> Iterator[str]:
    """`python -m streamlit run dashboard/app.py` over `db`, as a person starts it; yields its URL.

    `options` are more of Streamlit's command-line options, e.g. "--secrets.files", "/tmp/s.toml".
    """
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false", *options]
    env = {**os.environ, "TRACKER_DB": str(db)}
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would block the server
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield wait_until_healthy(f"http://127.0.0.1:{port}", process, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> str:
    """The server's URL once it answers its health check; its output as the failure if it never does."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.read() == b"ok":
                    return url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"the dashboard did not start: {log.read().decode(errors='replace')}")
            time.sleep(0.2)


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
        try:
            page.goto(url + "/data")  # the first visit this server has
            page.wait_for_selector('[data-testid="stApp"]', timeout=20_000)
            page.get_by_text(expected).first.wait_for(timeout=20_000)
            page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=20_000)
            shown = page.inner_text('[data-testid="stApp"]')
        finally:
            page.close()

    assert "Check a file" not in shown and "Load history" not in shown
    assert not any(name in shown for name in ("changes", "milestones", "needing support"))  # no legacy nav

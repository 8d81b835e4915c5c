"""Fixtures only; what they are built from lives in helpers.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.runtime.secrets import secrets_singleton
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from etl.api import load_files
from tests.dashboard.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OCTOBER_2024_FILES,
    OpenPage,
    app_on,
    database_of,
    october_2024_database,
    run_page,
    write_official_inputs,
    write_tracker_inputs,
)


@pytest.fixture(scope="session")
def tiny_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracker alone, loaded once through the loader like any other."""
    folder = tmp_path_factory.mktemp("tiny")
    return database_of(folder, write_tracker_inputs(folder))


@pytest.fixture(scope="session")
def official_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the official files (and nothing else)."""
    folder = tmp_path_factory.mktemp("official_files")
    write_official_inputs(folder)
    return folder


@pytest.fixture(scope="session")
def official_only_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The official files alone."""
    folder = tmp_path_factory.mktemp("official_only")
    return database_of(folder, write_official_inputs(folder))


@pytest.fixture(scope="session")
def official_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracker (with 02B's December 2019) and the official files together."""
    folder = tmp_path_factory.mktemp("mixed")
    return database_of(folder, write_tracker_inputs(folder, december=True) + write_official_inputs(folder))


@pytest.fixture
def app(tiny_database: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard over the tracker alone, not yet run."""
    return app_on(tiny_database, monkeypatch)


@pytest.fixture
def official_app(official_database: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard over the tracker and the official files, not yet run."""
    return app_on(official_database, monkeypatch)


@pytest.fixture
def official_only_app(official_only_database: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard over the official files alone, not yet run."""
    return app_on(official_only_database, monkeypatch)


@pytest.fixture
def writable_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard over its own tracker database in tmp_path, for tests that load files into it."""
    db = tmp_path / "tracker.duckdb"
    load_files(write_tracker_inputs(tmp_path), db)
    return app_on(db, monkeypatch)


@pytest.fixture
def open_page(app: AppTest) -> OpenPage:
    """open_page("changes", month="2019-02") -> the AppTest showing that page over the tracker alone."""
    return lambda page, **query: run_page(app, page, query)


@pytest.fixture
def open_official_page(official_app: AppTest) -> OpenPage:
    """Like open_page, over the tracker and the official files together."""
    return lambda page, **query: run_page(official_app, page, query)


@pytest.fixture
def open_official_only_page(official_only_app: AppTest) -> OpenPage:
    """Like open_page, over the official files alone."""
    return lambda page, **query: run_page(official_only_app, page, query)


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


@pytest.fixture(scope="session")
def october_2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """England's real official files up to the October 2024 ePCN release."""
    return october_2024_database(tmp_path_factory.mktemp("october_2024"), OCTOBER_2024_FILES)


@pytest.fixture
def secrets_file(tmp_path: Path) -> Iterator[Path]:
    """Streamlit reads secrets from this file only (absent unless a test writes it), not the
    developer's; what it read is forgotten afterwards, so no later test in the process sees it."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    with patch_config_options({"secrets.files": [str(path)]}):
        try:
            yield path
        finally:
            secrets_singleton._reset()  # Streamlit keeps a parsed file for the process's life

"""Fixtures only; what they are built from lives in helpers.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from etl import months
from tests.helpers import (
    MILESTONE_ROWS,
    MILESTONES_HEADER,
    SPELLS,
    STATUS_HEADER,
    STATUS_ROWS,
    write_epcn,
    write_register,
)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """write_csv("status.csv", header, rows) -> the path of a small CSV in tmp_path."""

    def write(name: str, header: str, rows: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
        path = tmp_path / name
        path.write_bytes(newline.join([header, *rows, ""]).encode(encoding))
        return path

    return write


@pytest.fixture
def status_file(write_csv: Callable[..., Path]) -> Path:
    return write_csv("status_2018-03.csv", STATUS_HEADER, STATUS_ROWS)


@pytest.fixture
def milestones_file(write_csv: Callable[..., Path]) -> Path:
    return write_csv("milestones.csv", MILESTONES_HEADER, MILESTONE_ROWS)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "tracker.duckdb"


@pytest.fixture
def official_db(tmp_path: Path) -> Path:
    db = tmp_path / "tracker.duckdb"
    register = write_register(tmp_path / "epraccur.csv")
    epcn = write_epcn(tmp_path / "ePCN.xlsx", details_sheet="PCN Details", layout=2019, spells=SPELLS)
    from etl.api import load_files

    results = load_files([register, epcn], db)
    assert [r.outcome for r in results] == ["loaded", "loaded"]
    return db


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Today, read once and pinned for the test: a check and the message a test expects of it agree
    even when the test runs across midnight."""
    day = months.today()
    monkeypatch.setattr(months, "today", lambda: day)
    return day

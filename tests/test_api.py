"""etl/api.py is the one road in: the command line reaches the same functions as the Data page and
the tests, and a new kind of file is one module and one registry line, also with a table of its own."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import etl.api
import etl.sources
from etl.api import check_files, load_files
from etl.cli import main
from tests.helpers import rows_of
from tests.kinds import opening_hours

HOURS_HEADER = "practice_code,weekday,opening_hours"


@pytest.fixture
def with_opening_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The toy kind registered as a new kind is: its module, and its name in KIND_NAMES."""
    monkeypatch.setitem(sys.modules, "etl.sources.opening_hours", opening_hours)
    monkeypatch.setattr(etl.sources, "KIND_NAMES", (*etl.sources.KIND_NAMES, "opening_hours"))


def spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    """Every call of etl.api's `name`, recorded as its arguments."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., Any] = getattr(etl.api, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(etl.api, name, recorded)
    return calls


def test_etl_load_and_etl_check_go_through_the_api(
    monkeypatch: pytest.MonkeyPatch, status_file: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored = spy(monkeypatch, "store_all")
    checked = spy(monkeypatch, "checked")
    with pytest.raises(SystemExit) as loaded:
        main(["load", "--db", str(db), str(status_file)])
    with pytest.raises(SystemExit) as checked_against:
        main(["check", "--db", str(db), str(status_file)])
    assert (loaded.value.code, checked_against.value.code) == (0, 0)
    assert [[f.name for f in inputs] for _, inputs, *_ in stored] == [["status_2018-03.csv"]]
    assert [f.name for _, f, *_ in checked] == ["status_2018-03.csv"]
    said = capsys.readouterr().out.splitlines()
    assert "status_2018-03.csv: OK, 4 rows of participation for March 2018, CCG 02X" in said


def test_a_file_read_once_is_checked_and_loaded_without_reading_it_again(
    monkeypatch: pytest.MonkeyPatch, status_file: Path, db: Path
) -> None:
    [read] = etl.api.read_files([status_file])
    status_file.unlink()  # a second read would fail: the file is gone
    [checked] = check_files([read])
    assert checked.problems == []
    [result] = load_files([read], db)
    assert result.summary() == "status_2018-03.csv: loaded 4 rows of participation for March 2018, CCG 02X"
    assert rows_of(db, "select count(*) from participation") == [(4,)]


def test_a_new_kind_with_a_table_of_its_own_loads_replaces_and_is_loaded_once(
    with_opening_hours: None, tmp_path: Path, db: Path
) -> None:
    first = tmp_path / "hours.csv"
    first.write_text(f"{HOURS_HEADER}\nC86001,Monday,10\nC86001,Tuesday,8\nC86002,Monday,9\n")
    assert load_files([first], db)[0].summary() == "hours.csv: loaded opening_hours: 3 opening hours"
    assert load_files([first], db)[0].summary() == "hours.csv: already loaded, nothing changed"
    second = tmp_path / "hours_c86001.csv"
    second.write_text(f"{HOURS_HEADER}\nC86001,Monday,12\n")
    assert load_files([second], db)[0].outcome == "loaded"
    hours = "select practice_code, weekday, hours from opening_hours order by all"
    assert rows_of(db, hours) == [("C86001", "Monday", 12), ("C86002", "Monday", 9)]
    # the first file's C86001 rows were replaced, so it is no longer all in force: it loads again
    assert load_files([first], db)[0].outcome == "loaded"
    assert rows_of(db, hours) == [
        ("C86001", "Monday", 10),
        ("C86001", "Tuesday", 8),
        ("C86002", "Monday", 9),
    ]


def test_a_new_kinds_problems_reject_its_file_and_change_nothing(
    with_opening_hours: None, tmp_path: Path, db: Path
) -> None:
    bad = tmp_path / "hours.csv"
    bad.write_text(f"{HOURS_HEADER}\nC86001,Monday,25\n")
    [checked] = check_files([bad])
    assert [str(p) for p in checked.problems] == ['hours.csv line 2, opening_hours "25": expected 0 to 24']
    [result] = load_files([bad], db)
    assert result.summary() == "hours.csv: rejected, 1 problem; nothing was stored"
    assert rows_of(
        db, "select count(*) from information_schema.tables where table_name = 'opening_hours'"
    ) == [(0,)]

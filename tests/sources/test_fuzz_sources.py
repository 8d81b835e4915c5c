"""Whatever bytes arrive, reading never raises, every problem is one line, and a tracker workbook or
a big file reads as its small CSV twin does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import etl.bulk_csv
from etl.problems import Problem
from etl.sources import read_input
from tests.helpers import STATUS_HEADER, STATUS_ROWS

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
VALID = "\n".join([STATUS_HEADER, *STATUS_ROWS, ""]).encode()


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """The valid file with a few bytes changed: control characters, quotes, separators."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(
            st.sampled_from([b"\x1b[2J", b"\n", b"\r", b"\t", b'"', b",", b";", b"\x00", b"\xff"])
        )
    return bytes(data)


@pytest.mark.slow
@FUZZ
@given(data=st.one_of(damaged(), st.binary(max_size=300)))
def test_reading_never_raises_and_every_problem_is_one_printable_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzzed.csv"
    path.write_bytes(data)
    read = read_input(path)
    assert read.problem_count >= len(read.problems)
    for problem in read.problems:
        shown = str(problem)
        assert shown.isprintable(), shown


@FUZZ
@given(value=st.text(max_size=40))
def test_a_problem_is_one_line_whatever_its_value_holds(value: str) -> None:
    shown = str(Problem("status.csv", 3, "notes", value, "expected something else"))
    assert len(shown.splitlines()) == 1 and "\x1b" not in shown


@pytest.mark.slow
@FUZZ
@given(data=damaged())
def test_a_file_read_as_a_big_one_gives_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    path = tmp_path / "fuzzed.csv"
    path.write_bytes(data)
    small = read_input(path)
    with monkeypatch.context() as patched:
        patched.setattr(etl.bulk_csv, "BIG_FILE", 10)
        big = read_input(path)
    assert [str(p) for p in big.problems] == [str(p) for p in small.problems]
    assert big.frames.keys() == small.frames.keys()
    for name, table in small.frames.items():
        assert big.frames[name].equals(table)

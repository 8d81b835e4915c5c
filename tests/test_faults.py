"""Under fire: readers during back-to-back loads, any bytes at all given to the reader, and the
bulk reader held to the reference reader's answers."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.api import load_files
from etl.bulk_csv import read_in_bulk, well_formed
from etl.cli import main
from etl.database import connect_read_only
from etl.problems import FileRejected
from etl.sources import read_input
from etl.text import decode, read_line_by_line
from tests.helpers import MILESTONE_ROWS, MILESTONES_HEADER, STATUS_HEADER, STATUS_ROWS, write_big_status

REPO = Path(__file__).resolve().parent.parent
LOADS = 20
PRACTICES_PER_LOAD = 500

# --- readers never fail and never see half a load ---------------------------------------------


def what_a_reader_sees(db: Path) -> tuple[int, int, int]:
    """Loads recorded, months stored and rows stored, read in one short-lived read-only connection."""
    con = connect_read_only(db)
    try:
        loads, months, rows = con.execute(
            "select (select count(*) from loads), "
            "(select count(distinct snapshot_date) from practice_status), "
            "(select count(*) from practice_status)"
        ).fetchall()[0]
        return loads, months, rows
    finally:
        con.close()


@pytest.mark.slow
def test_readers_never_fail_and_never_see_half_a_load_during_twenty_loads(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    months = [f"20{18 + i // 12}-{i % 12 + 1:02d}" for i in range(LOADS + 1)]
    files = [write_big_status(tmp_path / f"status_{m}.csv", m, PRACTICES_PER_LOAD) for m in months]
    load_files(files[:1], db)
    one_by_one = 'for file in "$@"; do "$0" -m etl load --db "$DB" "$file" || exit 1; done'
    loading = subprocess.Popen(
        ["sh", "-c", one_by_one, sys.executable, *map(str, files[1:])],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    answers: list[tuple[int, int, int]] = []
    while True:
        finished = loading.poll() is not None  # asked first: the answer after it sees the last load
        answers.append(what_a_reader_sees(db))  # any error here fails the test
        if finished and len(answers) >= 200:
            break
        time.sleep(0.02)

    assert loading.returncode == 0, loading.stderr.read().decode() if loading.stderr else ""
    assert len(answers) >= 200
    for loads, stored_months, rows in answers:
        assert (stored_months, rows) == (loads, loads * PRACTICES_PER_LOAD)  # whole loads only
    seen = [loads for loads, _, _ in answers]
    assert seen == sorted(seen)  # never back to an older database
    assert seen[-1] == LOADS + 1
    assert len(set(seen)) > LOADS // 2  # the readers really ran while the loads did


# --- the reader takes any bytes and answers in sentences ---------------------------------------

VALID_STATUS = "\n".join([STATUS_HEADER, *STATUS_ROWS, ""]).encode()
VALID_MILESTONES = "\n".join([MILESTONES_HEADER, *MILESTONE_ROWS, ""]).encode()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """A valid file after a few of the accidents files meet: flipped bytes, lost or doubled
    lines, stray commas and quotes, a cut-off end."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        accident = draw(st.sampled_from(["flip", "delete line", "double line", "insert", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if accident == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif accident in ("delete line", "double line"):
            lines = bytes(data).split(b"\n")
            which = draw(st.integers(0, len(lines) - 1))
            lines[which : which + 1] = [] if accident == "delete line" else [lines[which]] * 2
            data = bytearray(b"\n".join(lines))
        elif accident == "insert":
            data[at:at] = draw(st.sampled_from([b",", b'"', b'""', b'","', b"\r", b"\n", b" ", b"\xe9"]))
        else:
            data = data[:at]
    return bytes(data)


any_file = st.one_of(
    st.binary(max_size=600),
    mutated(VALID_STATUS),
    mutated(VALID_MILESTONES),
)


def written(folder: str, data: bytes) -> Path:
    path = Path(folder) / "fuzzed.csv"
    path.write_bytes(data)
    return path


@pytest.mark.slow
@FUZZ
@given(data=any_file)
def test_read_input_answers_any_bytes_with_problems_or_tables(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        checked = read_input(written(folder, data))

    assert bool(checked.problems) != bool(checked.tables)
    for problem in checked.problems:
        assert problem.message and str(problem).startswith("fuzzed.csv")


@pytest.mark.slow
@FUZZ
@given(data=any_file)
def test_the_cli_exits_0_or_1_with_a_message_for_any_bytes(data: bytes) -> None:
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder, redirect_stdout(out), redirect_stderr(err):
        path = written(folder, data)
        with pytest.raises(SystemExit) as exit_:
            main(["load", "--db", str(Path(folder) / "tracker.duckdb"), str(path)])

    assert exit_.value.code in (0, 1)
    said = (out if exit_.value.code == 0 else err).getvalue()
    assert said.startswith("fuzzed.csv: ")
    assert "Traceback" not in said


def test_a_file_holding_only_a_byte_order_mark_is_answered_in_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bom_only = tmp_path / "bom.csv"
    bom_only.write_bytes(b"\xef\xbb\xbf")  # once an IndexError from the kind detection

    with pytest.raises(SystemExit) as exit_:
        main(["check", str(bom_only)])

    assert exit_.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        "bom.csv: 1 problem",
        "  bom.csv: expected a header row and data rows; the file is empty",
    ]


# --- the bulk reader is only ever a faster way to the reference reader's answer ----------------


@FUZZ
@given(data=st.one_of(mutated(VALID_STATUS), mutated(VALID_MILESTONES)))
def test_the_bulk_reader_reads_exactly_what_the_line_by_line_reader_reads(data: bytes) -> None:
    try:
        text = decode(data, "fuzzed.csv")
    except FileRejected:
        return  # neither reader is asked to read what is not text
    if not text.strip():
        return
    try:
        reference = read_line_by_line("fuzzed.csv", text)
    except FileRejected:
        reference = None

    bulk = read_in_bulk("fuzzed.csv", text, memoryview(text.encode("utf-8")))

    if bulk is None:
        return  # the bulk reader handed the file over: nothing to compare
    assert reference is not None, "the bulk reader accepted a file the reference rejects"
    assert bulk.frame.equals(reference.frame)
    assert list(bulk.frame.columns) == list(reference.frame.columns)
    assert bulk.raw_headers == reference.raw_headers
    assert [bulk.line_of(row) for row in range(len(bulk.frame))] == reference.lines


def strictly_readable(text: str) -> bool:
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error:
        return False
    return True


@FUZZ
@given(text=st.text(alphabet='a,"\r\n ', max_size=120))
def test_checking_only_the_quoted_records_agrees_with_reading_the_whole_file(text: str) -> None:
    assert well_formed(text) == strictly_readable(text)

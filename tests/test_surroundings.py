"""What lies around a load (issue 19 item 3): the --db is a new file or a tracker database and
nothing else, special files are refused before anything waits on them, a full disk is one line,
--report and --out never overwrite the database or an input, --month is checked, and a file's
name never forges a line of output."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.store import load_files
from tests.helpers import REGISTER, STATUS_HEADER, STATUS_ROWS, rows_of, snapshot, write_register
from tests.test_store_safety import run

REPO = Path(__file__).resolve().parent.parent
ANOTHER_APP = "is another application's DuckDB database (its tables: {}), not a tracker database; "


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def python_m_etl(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
    )


# --- --db: a new file or a tracker database ------------------------------------------------------


@pytest.mark.parametrize(
    ("tables", "shown"),
    [
        (["create table invoices (id integer, amount decimal(9, 2))"], "invoices"),
        (["create table participation (id integer, who varchar)", "create table people (id integer)"],
         "participation, people"),
    ],
)  # fmt: skip
def test_another_applications_duckdb_file_is_refused_and_left_as_it_was(
    status_file: Path, tmp_path: Path, tables: list[str], shown: str
) -> None:
    theirs = tmp_path / "accounts.duckdb"
    with duckdb.connect(str(theirs)) as con:
        for statement in tables:
            con.execute(statement)
    before = fingerprint(theirs)

    assert run("load", "--db", theirs, status_file) == (
        2,
        "",
        f"error: {theirs} {ANOTHER_APP.format(shown)}nothing was changed; choose another --db\n",
    )
    assert fingerprint(theirs) == before
    assert sorted(p.name for p in tmp_path.iterdir() if ".loading" in p.name) == []


def test_check_against_another_applications_database_is_refused(status_file: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "accounts.duckdb"
    with duckdb.connect(str(theirs)) as con:
        con.execute("create table participation (id integer, who varchar)")

    assert run("check", "--db", theirs, status_file) == (
        2,
        "",
        f"error: {theirs} {ANOTHER_APP.format('participation')}nothing was changed; choose another --db\n",
    )


def test_the_template_refuses_another_applications_database_too(tmp_path: Path) -> None:
    theirs = tmp_path / "accounts.duckdb"
    with duckdb.connect(str(theirs)) as con:
        con.execute("create table invoices (id integer)")

    assert run(
        "template", "--db", theirs, "--ccg", "02X", "--month", "2019-12", "--out", tmp_path / "t.csv"
    ) == (
        2,
        "",
        f"error: {theirs} {ANOTHER_APP.format('invoices')}nothing was changed; choose another --db\n",
    )


def test_an_empty_duckdb_file_is_a_new_database(status_file: Path, tmp_path: Path) -> None:
    empty = tmp_path / "new.duckdb"
    duckdb.connect(str(empty)).close()

    assert run("load", "--db", empty, status_file)[0] == 0
    assert rows_of(empty, "select count(*) from practice_status") == [(4,)]


def test_a_named_pipe_as_the_database_or_an_input_is_refused_at_once(
    status_file: Path, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe.duckdb"
    os.mkfifo(pipe)

    as_db = python_m_etl("load", "--db", pipe, status_file, timeout=60)  # it used to wait for ever
    as_input = python_m_etl("load", "--db", tmp_path / "t.duckdb", pipe, timeout=60)
    as_report = python_m_etl("check", "--report", pipe, status_file, timeout=60)

    assert (as_db.returncode, as_db.stderr) == (
        2,
        f"error: {pipe} is a named pipe, not a database file; choose another --db\n",
    )
    assert (as_input.returncode, as_input.stderr) == (2, f"error: {pipe} is a named pipe, not a file\n")
    assert (as_report.returncode, as_report.stderr) == (
        2,
        f"error: --report {pipe} is a named pipe, not a file\n",
    )
    assert not (tmp_path / "t.duckdb").exists()


def test_a_device_as_the_database_is_refused(status_file: Path) -> None:
    assert run("load", "--db", "/dev/null", status_file) == (
        2,
        "",
        "error: /dev/null is a device, not a database file; choose another --db\n",
    )


# --- --report and --out never overwrite the database or an input --------------------------------


def test_a_report_naming_the_database_is_refused_and_the_database_kept(
    status_file: Path, milestones_file: Path, db: Path
) -> None:
    load_files([status_file], db)
    before = fingerprint(db)

    assert run("load", "--db", db, "--report", db, milestones_file) == (
        2,
        "",
        f"error: --report {db} is the database; choose another file (nothing was written)\n",
    )
    assert fingerprint(db) == before


def test_check_against_a_database_never_writes_its_report_over_it(status_file: Path, db: Path) -> None:
    load_files([status_file], db)
    before = fingerprint(db)

    assert run("check", "--db", db, "--report", db, status_file) == (
        2,
        "",
        f"error: --report {db} is the database; choose another file (nothing was written)\n",
    )
    assert fingerprint(db) == before


def test_a_report_naming_an_input_is_refused_and_the_input_kept(status_file: Path, db: Path) -> None:
    before = status_file.read_bytes()
    refusal = (
        f"error: --report {status_file} is one of the files read; choose another file (nothing was written)\n"
    )

    assert run("load", "--db", db, "--report", status_file, status_file) == (2, "", refusal)
    assert run("check", "--report", status_file.parent / "." / status_file.name, status_file) == (
        2,
        "",
        refusal.replace(str(status_file), str(status_file.parent / "." / status_file.name)),
    )
    assert status_file.read_bytes() == before
    assert not db.exists()


def test_a_report_through_a_link_to_the_database_is_refused(
    status_file: Path, db: Path, tmp_path: Path
) -> None:
    load_files([status_file], db)
    before = fingerprint(db)
    link = tmp_path / "report.csv"
    os.link(db, link)

    assert run("load", "--db", db, "--report", link, status_file)[0] == 2
    assert fingerprint(db) == before


def test_template_out_naming_the_database_is_refused(official_db: Path) -> None:
    disguised = official_db.with_suffix(".csv")
    official_db.rename(disguised)
    before = fingerprint(disguised)

    assert run("template", "--db", disguised, "--ccg", "02X", "--month", "2019-12", "--out", disguised) == (
        2,
        "",
        f"error: --out {disguised} is the database; choose another file (nothing was written)\n",
    )
    assert fingerprint(disguised) == before


# --- the template: months and formulas ------------------------------------------------------------


@pytest.mark.parametrize("month", ["9999-12", "1899-12", "2200-01", "2019-13", "2019-1", "19-12", "December"])
def test_a_bad_template_month_is_one_line_and_exit_2(official_db: Path, tmp_path: Path, month: str) -> None:
    out = tmp_path / "status.csv"
    done = python_m_etl("template", "--db", official_db, "--ccg", "02X", "--month", month, "--out", out)

    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"error: --month {month!r}: expected a month as YYYY-MM from 1900-01 to 2199-12, such as 2019-12\n"
    )
    assert not out.exists()


HOSTILE_NAMES = ["=HYPERLINK(A1)", "+44 SURGERY", "-THE SURGERY", "@SUM(A1)"]


@pytest.fixture
def hostile_db(official_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The official database with a register that also lists four practices so named."""
    hostile = [
        (f"C8610{n}", name, "19740401", "", "02X", "4") for n, name in enumerate(HOSTILE_NAMES, start=1)
    ]
    monkeypatch.setattr("tests.helpers.REGISTER", [*REGISTER, *hostile])
    register = write_register(tmp_path / "epraccur_2.csv")
    assert [r.outcome for r in load_files([register], official_db)] == ["loaded"]
    return official_db


def test_the_template_workbook_keeps_names_that_begin_like_formulas_as_text(
    hostile_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "status_2019-12.xlsx"
    assert run("template", "--db", hostile_db, "--ccg", "02X", "--month", "2019-12", "--out", out)[0] == 0

    book = openpyxl.load_workbook(out)
    sheet = book["participation"]
    hostile = [row for row in sheet.iter_rows(min_row=2) if str(row[2].value).startswith("C861")]
    cells = [row[3] for row in hostile]
    assert [(cell.value, cell.data_type, cell.quotePrefix) for cell in cells] == [
        (name, "s", True) for name in HOSTILE_NAMES
    ]
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):  # the lead completes it
        row[4].value, row[5].value, row[6].value = 8000, "GMS", "none"
    book.save(out)

    assert [r.outcome for r in load_files([out], hostile_db)] == ["loaded"]
    names = (
        "select practice_name from practice_status where practice_code like 'C861%' order by practice_code"
    )
    assert rows_of(hostile_db, names) == [(name,) for name in HOSTILE_NAMES]


def test_the_template_csv_neutralises_names_that_begin_like_formulas(
    hostile_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "status_2019-12.csv"
    assert run("template", "--db", hostile_db, "--ccg", "02X", "--month", "2019-12", "--out", out)[0] == 0

    rows = list(csv.reader(out.open(encoding="utf-8")))
    names = [row[3] for row in rows if row[2].startswith("C861")]
    assert names == ["'" + name for name in HOSTILE_NAMES]


@pytest.mark.parametrize("notes", ["", '"a note, with a comma"'])  # read by DuckDB's rules, or by the model
def test_the_template_csv_loads_back_with_the_names_as_they_were(
    hostile_db: Path, tmp_path: Path, notes: str
) -> None:
    out = tmp_path / "status_2019-12.csv"
    assert run("template", "--db", hostile_db, "--ccg", "02X", "--month", "2019-12", "--out", out)[0] == 0
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    completed = [row.split(",") for row in rows]
    for cells in completed:  # the lead completes it
        cells[4], cells[5], cells[6], cells[11] = "8000", "GMS", "none", notes
    out.write_text("\n".join([header, *(",".join(cells) for cells in completed)]) + "\n", encoding="utf-8")

    assert [r.summary() for r in load_files([out], hostile_db)] == [
        "status_2019-12.csv: loaded 7 rows of participation for December 2019, CCG 02X"
    ]
    names = (
        "select practice_name from practice_status where practice_code like 'C861%' order by practice_code"
    )
    assert rows_of(hostile_db, names) == [(name,) for name in HOSTILE_NAMES]


# --- a full disk: one line and exit 2, everywhere --------------------------------------------------

SMALL_DISK = """
set -e
mount -t tmpfs -o size={size} tmpfs "$1"
shift
{fill}
"$@"
"""


def on_a_small_disk(
    folder: Path, size: str, *args: object, fill: str = ""
) -> subprocess.CompletedProcess[str]:
    """python -m etl ARGS with `folder` a tmpfs of `size` (in a mount namespace of its own)."""
    script = SMALL_DISK.format(size=size, fill=fill)
    command = [
        "unshare",
        "-rm",
        "sh",
        "-c",
        script,
        "sh",
        str(folder),
        sys.executable,
        "-m",
        "etl",
        *map(str, args),
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)


def can_mount_a_small_disk(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    trial = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path}"], capture_output=True
    )
    return trial.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    if not can_mount_a_small_disk(folder):
        pytest.skip("cannot mount a tmpfs here (unshare -rm is not allowed)")
    return folder


def test_a_load_onto_a_full_disk_is_one_line_and_exit_2(status_file: Path, small_disk: Path) -> None:
    db = small_disk / "tracker.duckdb"
    done = on_a_small_disk(small_disk, "300k", "load", "--db", db, status_file)

    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"error: the disk holding {db} is full; nothing was stored\n",
    )


def test_a_report_onto_a_full_disk_is_one_line_and_exit_2(
    status_file: Path, small_disk: Path, write_csv: object
) -> None:
    bad = status_file.with_name("bad.csv")
    # twenty long, different codes: problems a report cannot say once (issue 18 groups repeated ones)
    bad.write_text(
        STATUS_HEADER
        + "\n"
        + "\n".join(STATUS_ROWS[0].replace("C86001", f"X{n}" + "9" * 4000) for n in range(20))
    )
    report = small_disk / "problems.csv"
    fill = f'head -c 1000000 /dev/zero > "{small_disk}/filler" 2>/dev/null || true'
    done = on_a_small_disk(small_disk, "64k", "check", "--report", report, bad, fill=fill)

    assert done.returncode == 2
    assert (
        done.stderr.splitlines()[-1]
        == f"error: the disk holding the report {report} is full; it was not written"
    )
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_template_onto_a_full_disk_is_one_line_and_exit_2(
    official_db: Path, small_disk: Path, suffix: str
) -> None:
    out = small_disk / f"status{suffix}"
    fill = f'head -c 1000000 /dev/zero > "{small_disk}/filler" 2>/dev/null || true'
    arguments = ("template", "--db", official_db, "--ccg", "02X", "--month", "2019-12", "--out", out)
    done = on_a_small_disk(small_disk, "64k", *arguments, fill=fill)

    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"error: the disk holding {out} is full; it was not written\n",
    )


def test_a_full_disk_at_the_checkpoint_is_one_line(
    status_file: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB reports a checkpoint that cannot be written as a FatalException, not an IOException."""
    import etl.database

    load_files([status_file], db)
    before = snapshot(db)
    real_create_schema = etl.database.create_schema

    def schema_then_full_disk(con: duckdb.DuckDBPyConnection) -> None:
        real_create_schema(con)
        raise duckdb.FatalException(
            'Failed to create checkpoint: Could not write file "x": No space left on device'
        )

    monkeypatch.setattr(etl.database, "create_schema", schema_then_full_disk)

    assert run("load", "--db", db, status_file) == (
        2,
        "",
        f"error: the disk holding {db} is full; nothing was stored\n",
    )
    assert snapshot(db) == before


# --- a file's name never forges a line ----------------------------------------------------------


def test_a_line_break_in_a_file_name_is_written_out_not_obeyed(tmp_path: Path) -> None:
    forged = tmp_path / "status.csv\nerror: everything was deleted"
    forged.write_text(STATUS_HEADER + "\n" + STATUS_ROWS[0].replace("C86001", "C8601") + "\n")
    db = tmp_path / "tracker.duckdb"

    loaded = python_m_etl("load", "--db", db, forged)
    missing = python_m_etl("load", "--db", db, tmp_path / "gone\nerror: forged.csv")

    assert loaded.returncode == 1
    assert loaded.stderr.splitlines()[0] == (
        "status.csv\\nerror: everything was deleted: rejected, 1 problem; nothing was stored"
    )
    assert not any(line.startswith("error:") for line in loaded.stderr.splitlines())
    assert missing.stderr == f"error: no such file: {tmp_path}/gone\\nerror: forged.csv\n"

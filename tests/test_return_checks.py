"""Tracker returns checked against the database they would join: the official register (practices
it does not list, practices of other areas, months far short of it), the month a file's name says,
and ePCN's networks (warnings). Built from the real files of data/official and ../shared."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.api import load_files
from tests.helpers import STATUS_HEADER, rows_of

REPO = Path(__file__).resolve().parent.parent
OFFICIAL = sorted((REPO / "data" / "official").glob("*.[cx]*"))
SAMPLE = REPO / "data" / "sample"
SHARED = REPO.parent / "shared" / "nhs-data"
REGISTER_2023 = REPO / "data" / "official" / "epraccur_2023-02.csv"
REGISTER_2019 = SHARED / "ods" / "epraccur_2019-09.csv"


def etl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def register_practices(path: Path, ccg: str, day: dt.date) -> list[str]:
    """The GP practices a register (read with csv, not the loader) gives `ccg`, open on `day`."""
    open_then = []
    with path.open(encoding="latin-1", newline="") as file:
        for row in csv.reader(file):
            opened = dt.datetime.strptime(row[10], "%Y%m%d").date() if row[10] else None
            closed = dt.datetime.strptime(row[11], "%Y%m%d").date() if row[11] else None
            if (
                row[14] == ccg
                and row[25] == "4"
                and opened
                and opened <= day
                and (not closed or closed > day)
            ):
                open_then.append(row[0])
    return sorted(open_then)


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/official loaded once: the demo's register (epraccur 2023), eccg and ePCN."""
    db = tmp_path_factory.mktemp("official") / "official.duckdb"
    assert all(r.outcome == "loaded" for r in load_files(OFFICIAL, db))
    return db


@pytest.fixture
def db(official: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "tracker.duckdb"
    shutil.copyfile(official, copy)
    return copy


def networks_on(db: Path, day: dt.date) -> dict[str, tuple[str, str]]:
    return {
        code: (network, name)
        for code, network, name in rows_of(
            db,
            "select practice_code, network_code, network_name from network_membership "
            "where spell_on(start_date, end_date, ?)",
            [day],
        )
    }


def doncaster_return(db: Path, folder: Path) -> Path:
    """The issue's December 2019 return for Doncaster (02X): 40 rows, with a practice code that does
    not exist (C99999), a practice of Tees Valley (A81001), a network ePCN does not know, and one
    row typed 30/04/2019."""
    practices = register_practices(REGISTER_2023, "02X", dt.date(2019, 12, 31))
    networks = networks_on(db, dt.date(2019, 12, 31))
    rows = []
    for number, code in enumerate(practices[:38]):
        network, name = networks.get(code, ("", ""))
        if number == 5:
            network, name = "02X-LOCAL", "Doncaster Local Network"
        day = "30/04/2019" if number == 37 else "31/12/2019"
        rows.append(f"{day},02X,{code},Practice {code},8000,GMS,virtual,{network},{name},active,4,")
    rows.append("31/12/2019,02X,C99999,Nowhere Surgery,5000,GMS,none,,,,2,")
    rows.append("31/12/2019,02X,A81001,The Densham Surgery,4000,GMS,none,,,,2,")
    path = folder / "status_2019-12.csv"
    path.write_text("\n".join([STATUS_HEADER, *rows]) + "\n")
    return path


DONCASTER_PROBLEMS = [  # in file order
    "status_2019-12.csv line 39: holds 1 practice for 02X in April 2019, fewer than half of the 42 the "
    "practice register has open there that month; the file's name says December 2019 (a mistyped snapshot "
    "date?); if the return for April 2019 is partial, load it with --partial",
    'status_2019-12.csv line 40, practice_code "C99999": listed under 02X for December 2019, but no practice '
    "register lists this code (registers loaded: epraccur_2023-02.csv, epraccur_2026-02.csv); correct the "
    "practice code",
    'status_2019-12.csv line 41, practice_code "A81001": listed under 02X for December 2019, but the '
    "register (epraccur_2023-02.csv) gives this practice to 16C then; an area reports its own practices: "
    "correct the CCG code, or leave the practice to 16C's return",
]
DONCASTER_WARNINGS = [  # C86007 is in U72999 in ePCN; the return puts it in a local network
    'status_2019-12.csv, network_code "02X-LOCAL": ePCN does not know this network in December 2019 '
    "(a local network?)",
    'status_2019-12.csv, network_code "U72999": ePCN knows this network in December 2019 with other '
    "practices: ePCN puts C86007 in it and this file does not",
]
WARNING_LINES = "".join(f"  warning: {warning}\n" for warning in DONCASTER_WARNINGS)


def test_the_register_counts_doncasters_practices_as_the_file_does() -> None:
    assert len(register_practices(REGISTER_2023, "02X", dt.date(2019, 12, 31))) == 40
    assert len(register_practices(REGISTER_2023, "02X", dt.date(2019, 4, 30))) == 42


def test_doncasters_december_return_passes_a_plain_check(db: Path, tmp_path: Path) -> None:
    checked = etl("check", str(doncaster_return(db, tmp_path)))

    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0,
        "status_2019-12.csv: OK, 40 rows of participation for April 2019 to December 2019, CCG 02X\n"
        "  status_2019-12.csv: not checked against the practice register, because no database was "
        "given (add --db PATH to check it against a tracker database's register)\n",
        "",
    )


def test_doncasters_december_return_is_refused_against_the_register(db: Path, tmp_path: Path) -> None:
    path = doncaster_return(db, tmp_path)
    before = rows_of(db, "select count(*) from load_history")

    checked = etl("check", "--db", str(db), str(path))
    loaded = etl("load", "--db", str(db), str(path))

    for result in (checked, loaded):
        assert result.returncode == 1
        assert result.stdout == WARNING_LINES
        assert result.stderr.splitlines()[1:] == [f"  {problem}" for problem in DONCASTER_PROBLEMS]
    assert checked.stderr.splitlines()[0] == "status_2019-12.csv: 3 problems"
    assert loaded.stderr.splitlines()[0] == "status_2019-12.csv: rejected, 3 problems; nothing was stored"
    assert rows_of(db, "select count(*) from practice_status") == [(0,)]
    assert rows_of(db, "select count(*) from load_history") == [(before[0][0] + 1,)]  # check stores nothing
    assert rows_of(db, "select outcome, problems, warnings from loads order by load_id desc limit 1") == [
        ("rejected", 3, 2)
    ]
    assert rows_of(db, "select warning from load_warnings order by all") == [(w,) for w in DONCASTER_WARNINGS]


def test_a_partial_return_loads_with_partial_and_its_warning_is_recorded(db: Path, tmp_path: Path) -> None:
    path = doncaster_return(db, tmp_path)
    lines = [line for line in path.read_text().splitlines() if "C99999" not in line and "A81001" not in line]
    path.write_text("\n".join(lines) + "\n")

    refused = etl("load", "--db", str(db), str(path))
    loaded = etl("load", "--db", str(db), "--partial", str(path))

    assert refused.returncode == 1 and "load it with --partial" in refused.stderr
    assert (loaded.returncode, loaded.stderr) == (0, "")
    assert loaded.stdout == (
        "status_2019-12.csv: loaded 38 rows of participation for April 2019 to December 2019, CCG 02X\n"
        + WARNING_LINES
    )
    assert rows_of(
        db, "select outcome, warnings, loaded_by is not null from loads order by load_id desc limit 1"
    ) == [("loaded", 2, True)]
    assert rows_of(
        db, "select count(*) from load_warnings where load_id = (select max(load_id) from load_history)"
    ) == [(2,)]


def test_a_return_without_a_register_loads_and_says_it_was_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "status_2018-03.csv"
    shutil.copyfile(SAMPLE / "status_2018-03.csv", path)
    db = tmp_path / "tracker.duckdb"

    loaded = etl("load", "--db", str(db), str(path))

    assert loaded.returncode == 0
    assert loaded.stdout.splitlines()[1:] == [
        "  warning: status_2018-03.csv: not checked against the practice register, because none is loaded "
        "(load an epraccur file to check returns against it)"
    ]
    assert rows_of(db, "select warnings from loads") == [(1,)]


def test_a_march_file_typed_as_february_needs_replace(tmp_path: Path) -> None:
    db = tmp_path / "tracker.duckdb"
    load_files([SAMPLE / "status_2018-02.csv"], db)
    march = (SAMPLE / "status_2018-03.csv").read_text().replace("2018-03-01,", "2018-02-01,")
    path = tmp_path / "status_2018-03.csv"
    path.write_text(march)
    stored = rows_of(db, "select * from practice_status order by all")

    refused = etl("load", "--db", str(db), str(path))

    assert refused.returncode == 1
    assert refused.stderr == (
        "status_2018-03.csv: rejected, 1 problem; nothing was stored\n"
        "  status_2018-03.csv, snapshot_date: the file's name says March 2018, but every row is February "
        "2018, which is already stored for 02N, 02X, 04K, 08C: loading it would replace February 2018 (a "
        "mistyped snapshot date?); correct the dates, or if February 2018 is right, load it with --replace\n"
    )
    assert rows_of(db, "select * from practice_status order by all") == stored
    replaced = etl("load", "--db", str(db), "--replace", str(path))
    assert replaced.returncode == 0, replaced.stderr
    assert rows_of(db, "select count(*) from practice_status where snapshot_date = '2018-03-01'") == [(0,)]


def test_a_return_of_an_area_that_closed_is_checked_against_what_it_became(db: Path, tmp_path: Path) -> None:
    """Hambleton, Richmondshire and Whitby (03D) closed in 2020; the 2023 register gives its practices
    to North Yorkshire (42D), which it became. Its 2018 return loads; a practice of elsewhere does not."""
    practices = register_practices(REGISTER_2019, "03D", dt.date(2018, 6, 30))
    assert len(practices) == 22
    rows = [f"2018-06-01,03D,{code},Practice {code},6000,GMS,none,,,,3," for code in practices]
    path = tmp_path / "status_2018-06.csv"
    path.write_text("\n".join([STATUS_HEADER, *rows]) + "\n")

    assert etl("check", "--db", str(db), str(path)).returncode == 0
    path.write_text("\n".join([STATUS_HEADER, *rows, rows[0].replace(practices[0], "C86001")]) + "\n")
    refused = etl("check", "--db", str(db), str(path))
    assert refused.stderr.splitlines()[1:] == [
        '  status_2018-06.csv line 24, practice_code "C86001": listed under 03D for June 2018, but the '
        "register (epraccur_2023-02.csv) gives this practice to 02X then; an area reports its own "
        "practices: correct the CCG code, or leave the practice to 02X's return"
    ]


def test_the_register_nearest_the_month_gives_the_area(db: Path, tmp_path: Path) -> None:
    """With the 2019 register loaded too, a 2018 return for 03D is counted against 03D's practices of
    2018 (22), not North Yorkshire's (42D) of 2023."""
    assert load_files([REGISTER_2019], db)[0].outcome == "loaded"
    practices = register_practices(REGISTER_2019, "03D", dt.date(2018, 6, 30))
    rows = [f"2018-06-01,03D,{code},Practice {code},6000,GMS,none,,,,3," for code in practices[:10]]
    path = tmp_path / "status_2018-06.csv"
    path.write_text("\n".join([STATUS_HEADER, *rows]) + "\n")

    refused = etl("check", "--db", str(db), str(path))

    assert refused.stderr.splitlines()[1:] == [
        "  status_2018-06.csv: holds 10 practices for 03D in June 2018, fewer than half of the 22 the "
        "practice register has open there that month (a mistyped snapshot date?); if the return for June "
        "2018 is partial, load it with --partial"
    ]
    assert etl("check", "--db", str(db), "--partial", str(path)).returncode == 0


def test_networks_that_epcn_knows_with_other_practices_are_a_warning(db: Path, tmp_path: Path) -> None:
    networks = networks_on(db, dt.date(2019, 12, 31))
    practices = register_practices(REGISTER_2023, "02X", dt.date(2019, 12, 31))
    first = practices[0]
    second = next(code for code in practices if code in networks and networks[code][0] != networks[first][0])
    rows = []
    for code in practices:
        network, name = networks.get(code, ("", ""))
        if code == second:
            network, name = networks[first]
        rows.append(f"2019-12-01,02X,{code},Practice {code},8000,GMS,none,{network},{name},,3,")
    path = tmp_path / "status_2019-12.csv"
    path.write_text("\n".join([STATUS_HEADER, *rows]) + "\n")

    loaded = etl("load", "--db", str(db), str(path))

    assert loaded.returncode == 0
    assert loaded.stdout.splitlines()[1:] == [
        f'  warning: status_2019-12.csv, network_code "{networks[first][0]}": ePCN knows this network in '
        f"December 2019 with other practices: this file puts {second} in it and ePCN does not",
        f'  warning: status_2019-12.csv, network_code "{networks[second][0]}": ePCN knows this network in '
        f"December 2019 with other practices: ePCN puts {second} in it and this file does not",
    ]


@pytest.mark.slow
def test_the_demo_loads_every_sample_return_against_the_register(db: Path) -> None:
    results = load_files(sorted(SAMPLE.glob("*.csv")), db)

    assert [(r.outcome, r.file.problems, r.file.warnings) for r in results] == [("loaded", [], [])] * 25


def test_check_db_changes_nothing_and_refuses_what_is_no_tracker_database(db: Path, tmp_path: Path) -> None:
    import duckdb

    path = doncaster_return(db, tmp_path)
    before = db.read_bytes()
    other = tmp_path / "invoices.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("create table invoices (amount integer)")

    assert etl("check", "--db", str(db), str(path)).returncode == 1
    assert db.read_bytes() == before
    none = tmp_path / "none.duckdb"
    missing = etl("check", "--db", str(none), str(path))
    assert (missing.returncode, missing.stderr) == (
        2,
        f"error: no such database: {none} (check --db reads an existing tracker database)\n",
    )
    foreign = etl("check", "--db", str(other), str(path))
    assert (foreign.returncode, foreign.stderr) == (
        2,
        f"error: {other} is another application's DuckDB database (its tables: invoices), not a tracker "
        "database; nothing was changed; choose another --db\n",
    )
    assert (
        etl("check", "--db", str(tmp_path), str(path)).stderr
        == f"error: {tmp_path} is a folder, not a database file\n"
    )


@pytest.mark.parametrize("register_first", [True, False])
def test_a_return_and_a_register_in_one_load_are_checked_whichever_comes_first(
    tmp_path: Path, register_first: bool
) -> None:
    from tests.helpers import write_register

    register = write_register(tmp_path / "epraccur.csv")
    status = tmp_path / "status_2019-12.csv"
    rows = [
        "2019-12-01,02X,C86001,Great North,9000,GMS,none,,,,3,",
        "2019-12-01,02X,C99999,Nowhere,5000,GMS,none,,,,2,",
    ]
    status.write_text("\n".join([STATUS_HEADER, *rows]) + "\n")
    files = [register, status] if register_first else [status, register]

    results = {r.file.name: r for r in load_files(files, tmp_path / "tracker.duckdb")}

    assert results["epraccur.csv"].outcome == "loaded"
    assert [str(p) for p in results["status_2019-12.csv"].file.problems] == [
        'status_2019-12.csv line 3, practice_code "C99999": listed under 02X for December 2019, but no '
        "practice register lists this code (register loaded: epraccur.csv); correct the practice code"
    ]

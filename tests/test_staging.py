"""A plain participation CSV is read by DuckDB and vouched for by SQL (etl/staging.py); every other
file by the pandera model. Whichever path a file takes, the user sees the same problems and the
database holds the same rows: each test here reads a file both ways and compares."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.database import create_schema
from etl.incoming import incoming
from etl.sources import InputFile, read_input
from etl.staging import Staged

REPO = Path(__file__).resolve().parent.parent
SAMPLE = sorted((REPO / "data" / "sample").glob("status_*.csv"))
HEADER = (
    "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level,"
    "network_code,network_name,contract_status,gp_count,notes"
)
GOOD_ROW = "2018-03-01,02X,C86001,Church Street Surgery,12000,GMS,virtual,U12345,North PCN,active,6,"
# The stored form, compared column by column whichever reader read the file.
STORED = (
    "select snapshot_date::date, ccg_code, practice_code, practice_name, list_size::integer, contract_type,"
    " integration_level, network_code, network_name, contract_status, gp_count::integer, notes from incoming"
)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    create_schema(connection)
    return connection


def both_ways(path: Path, con: duckdb.DuckDBPyConnection) -> tuple[InputFile, InputFile]:
    """The file read as the loader reads it (DuckDB first), and by the pandera model alone."""
    return read_input(path, None, con), read_input(path)


def stored_rows(f: InputFile, con: duckdb.DuckDBPyConnection) -> list[tuple]:
    if f.problems:
        return []
    with incoming(con, f.tables["participation"]):
        return con.execute(STORED).fetchall()


def assert_same(path: Path, con: duckdb.DuckDBPyConnection) -> bool:
    """Both ways give the same problems, or the same rows, months and CCGs; True when DuckDB read it."""
    sql, model = both_ways(path, con)
    assert [str(p) for p in sql.problems] == [str(p) for p in model.problems]
    assert sql.problem_count == model.problem_count
    assert stored_rows(sql, con) == stored_rows(model, con)
    assert (sql.rows, sql.months, sql.ccgs) == (model.rows, model.months, model.ccgs)
    return isinstance(sql.tables.get("participation"), Staged)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_every_sample_file_is_read_by_duckdb_into_the_rows_the_model_gives(con):
    assert all(assert_same(path, con) for path in SAMPLE)


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(
            ["15/03/2018,02x,c86001,Church Street Surgery,0,pms,Partial,,,,,"], id="UK date, lower case"
        ),
        pytest.param(
            ["2018-03-31,D4U1Y,C86001,Clinique é,250000,Apms,Fully Integrated,pcn-01,North,Suspended,,note"],
            id="synonyms, 5-character CCG, accents",
        ),
        pytest.param(
            ["  2018-03-01 , 02X ,C86001,  O’Brien Practice  ,007,GMS,NONE, , ,  ,  3,  "], id="spaces around"
        ),
        pytest.param([GOOD_ROW, GOOD_ROW.replace("C86001", "C86002"), ""], id="a blank line at the end"),
        pytest.param([GOOD_ROW + ","], id="an empty cell beyond the header"),
    ],
)
def test_a_plain_file_is_read_by_duckdb_as_the_model_reads_it(tmp_path, con, rows):
    path = write(tmp_path / "status.csv", "\n".join([HEADER, *rows]) + "\n")
    assert assert_same(path, con)


def test_crlf_a_bom_reordered_and_missing_optional_columns_are_read_by_duckdb(tmp_path, con):
    text = "\ufeffintegration_level,Practice Code,snapshot_date,ccg_code,practice_name,list_size,"
    text += "contract_type\r\n"
    text += "full,C86001,2018-03-01,02X,Church Street Surgery,100,GMS\r\n"
    path = write(tmp_path / "status.csv", text)
    sql, _ = both_ways(path, con)
    assert [str(p) for p in sql.problems] == [
        "status.csv line 2, contract_status: expected suspended, because integration_level is full "
        "(a fully integrated practice suspends its contract)"
    ]
    path = write(tmp_path / "status.csv", text.replace("full,", "virtual,"))
    assert assert_same(path, con)


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(
            '2018-03-01,02X,C86001,"Smith, Jones and Partners",12000,GMS,virtual,,,,,', id="a quoted name"
        ),
        pytest.param('2018-03-01,02X,C86001,Church Street,"12,000",GMS,virtual,,,,,', id="12,000 patients"),
        pytest.param("2018-03-01,02X,C86001,Church Street,12000.0,GMS,virtual,,,,,", id="12000.0 patients"),
        pytest.param("2018-3-1,02X,C86001,Church Street,12000,GMS,virtual,,,,,", id="a date without zeros"),
        pytest.param("2018-03-01,02X,C86001,Church Street,12000,GMS,virtual,,,,,a\tnote", id="a tab"),
        pytest.param(
            "2018-03-01,02X,C86001,\u00a0Church Street,12000,GMS,virtual,,,,,", id="a no-break space"
        ),
        pytest.param("2018-03-01,02X,C8600\u0665,Church Street,12000,GMS,virtual,,,,,", id="an Arabic digit"),
        pytest.param("2018-03-01,02X,\u017f86001,Church Street,12000,GMS,virtual,,,,,", id="a long s"),
    ],
)
def test_a_file_duckdb_cannot_vouch_for_is_read_by_the_model(tmp_path, con, row):
    path = write(tmp_path / "status.csv", f"{HEADER}\n{row}\n")
    assert not assert_same(path, con)


def test_a_windows_1252_file_and_mixed_line_breaks_are_read_by_the_model(tmp_path, con):
    text = f"{HEADER}\n{GOOD_ROW.replace('Church', 'Café')}\n"
    assert not assert_same(write(tmp_path / "cp1252.csv", text, "cp1252"), con)
    mixed = f"{HEADER}\r\n{GOOD_ROW}\n{GOOD_ROW.replace('C86001', 'C86002')}\r\n"
    assert not assert_same(write(tmp_path / "mixed.csv", mixed), con)


def test_a_file_name_duckdb_would_take_for_a_pattern_is_read_by_the_model(tmp_path, con):
    write(tmp_path / "status_x.csv", f"{HEADER}\n{GOOD_ROW.replace('C86001', 'C86009')}\n")
    path = write(tmp_path / "status_?.csv", f"{HEADER}\n{GOOD_ROW}\n")
    assert not assert_same(path, con)
    assert [row[2] for row in stored_rows(read_input(path, None, con), con)] == ["C86001"]


def test_a_folder_named_like_a_column_changes_no_cell(tmp_path, con):
    folder = tmp_path / "ccg_code=99Z" / "notes=hi"  # DuckDB once read such names as cells
    folder.mkdir(parents=True)
    path = write(folder / "status.csv", f"{HEADER}\n{GOOD_ROW}\n")
    assert assert_same(path, con)
    assert [(row[1], row[-1]) for row in stored_rows(read_input(path, None, con), con)] == [("02X", None)]


@pytest.mark.parametrize("digits", ["\u0661\u0662", "\uff11\uff12"], ids=["Arabic-Indic", "fullwidth"])
def test_digits_of_another_script_are_a_problem_not_a_crash(tmp_path, con, digits):
    row = GOOD_ROW.replace(",12000,", f",{digits},").replace(",6,", f",{digits},")
    path = write(tmp_path / "status.csv", f"{HEADER}\n{row}\n")
    sql, _ = both_ways(path, con)
    assert [str(p) for p in sql.problems] == [
        f'status.csv line 2, list_size "{digits}": expected a whole number of registered patients '
        "from 0 to 250,000",
        f'status.csv line 2, gp_count "{digits}": expected a whole number of GPs, 1 or more, or blank',
    ]
    assert not assert_same(path, con)


BAD_ROWS = {
    "no date": ("2018-03-01", ""),
    "a day that does not exist": ("2018-03-01", "2018-02-30"),
    "before 2010": ("2018-03-01", "2009-12-01"),
    "years ahead": ("2018-03-01", "2099-03-01"),
    "a CCG code of 4": ("02X", "02XX"),
    "a practice code of 5": ("C86001", "C8600"),
    "no name": ("Church Street Surgery", ""),
    "too many patients": ("12000", "250001"),
    "negative patients": ("12000", "-5"),
    "an unknown contract": ("GMS", "XMS"),
    "an unknown level": ("virtual", "some"),
    "a network code with a space": ("U12345", "U 12345"),
    "a network without a name": ("North PCN", ""),
    "an unknown status": ("active", "paused"),
    "no GPs": (",6,", ",0,"),
    "suspended, not full": ("active", "suspended"),
    "full, not suspended": ("virtual", "full"),
}


@pytest.mark.parametrize("change", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_duckdb_never_vouches_for_a_row_the_model_rejects(tmp_path, con, change):
    bad = GOOD_ROW.replace(change[0], change[1], 1)
    path = write(tmp_path / "status.csv", f"{HEADER}\n{GOOD_ROW.replace('C86001', 'C86002')}\n{bad}\n")
    sql, _ = both_ways(path, con)
    assert sql.problems
    assert not assert_same(path, con)


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([GOOD_ROW, GOOD_ROW.replace("North PCN", "Other")], id="a practice twice in a month"),
        pytest.param(
            [GOOD_ROW, GOOD_ROW.replace("C86001", "C86002").replace("North", "South")], id="two names"
        ),
        pytest.param([GOOD_ROW, "2018-03-01,02X,C86002"], id="a short row"),
        pytest.param([GOOD_ROW, GOOD_ROW.replace(",,", ",,,x,")], id="a long row"),
        pytest.param([GOOD_ROW, ",,,,,,,,,,,"], id="a row of empty cells"),
        pytest.param([], id="no rows"),
    ],
)
def test_rules_across_rows_and_ragged_rows_are_left_to_the_model(tmp_path, con, rows):
    path = write(tmp_path / "status.csv", "\n".join([HEADER, *rows]) + "\n")
    assert not assert_same(path, con)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(HEADER + ",colour", id="an unknown column"),
        pytest.param(HEADER.replace("list_size,", ""), id="a required column missing"),
        pytest.param(HEADER.replace("notes", "gp_count"), id="a column twice"),
        pytest.param(HEADER + ",", id="an empty header cell"),
    ],
)
def test_a_header_the_model_must_judge_is_left_to_it(tmp_path, con, header):
    width = header.count(",") + 1
    row = ",".join((GOOD_ROW.split(",") + [""] * width)[:width])
    path = write(tmp_path / "status.csv", f"{header}\n{row}\n")
    assert not assert_same(path, con)


# --- many random files, each read both ways -----------------------------------------------------

CELLS = {
    "snapshot_date": [
        "2018-03-01",
        "01/03/2018",
        "2018-03-15",
        " 31/03/2018",
        "2018-3-1",
        "2018-02-30",
        "2009-12-01",
    ],
    "ccg_code": ["02X", "02x", "D4U1Y", "02XX", "", "ø2X"],
    "practice_code": ["C86001", "c86002", "C86003", "C8600", "C8600\u0665"],
    "practice_name": [
        "Church Street Surgery",
        "Clinique é",
        "O’Brien Practice",
        "",
        "=HYPERLINK(1)",
        "Smith, Jones",
    ],
    "list_size": ["12000", "0", "250000", "007", "250001", "12,000", "12000.0", "-5", ""],
    "contract_type": ["GMS", "pms", "Apms", "XMS"],
    "integration_level": [
        "none",
        "virtual",
        "Partial",
        "partially integrated",
        "FULL",
        "Fully Integrated",
        "some",
    ],
    "network_code": ["", "U12345", "pcn-01", "TOOLONGNETWORKCODE12345", "A B"],
    "network_name": ["", "North PCN", "South PCN"],
    "contract_status": ["", "active", "Suspended", "paused"],
    "gp_count": ["", "3", "0", "2.0", "x"],
    "notes": ["", "note", "tab\there", " spaced "],
}


def random_file(chance: random.Random, path: Path) -> None:
    """Mostly good rows (the first value of a column is good, the rest are odd or bad now and then)."""
    columns = list(CELLS)
    if chance.random() < 0.3:
        columns = [c for c in columns if c in HEADER.split(",")[:7] or chance.random() < 0.5]
    if chance.random() < 0.2:
        chance.shuffle(columns)
    rows = []
    odd = chance.choice([0.0, 0.03, 0.15])  # a third of the files have nothing odd
    for number in range(chance.randint(1, 6)):
        row = {c: (chance.choice(CELLS[c]) if chance.random() < odd else CELLS[c][0]) for c in columns}
        if "practice_code" in row and chance.random() < 0.9:
            row["practice_code"] = f"C{86001 + number}"
        level = row["integration_level"].strip().lower()
        if "contract_status" in row and chance.random() < 0.9:
            row["contract_status"] = "suspended" if level.startswith("full") else "active"
        elif "contract_status" not in row and level.startswith("full"):
            row["integration_level"] = "virtual"
        if (
            row.get("network_code")
            and "network_name" in row
            and not row["network_name"]
            and chance.random() < 0.9
        ):
            row["network_name"] = "North PCN"
        rows.append(row)
    line_end = chance.choice(["\n", "\r\n"])
    with path.open("w", newline="", encoding="utf-8-sig" if chance.random() < 0.2 else "utf-8") as file:
        writer = csv.DictWriter(file, columns, lineterminator=line_end)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.slow
def test_random_files_give_the_same_problems_or_rows_whichever_way_they_are_read(tmp_path, con):
    chance = random.Random(20261123)
    by_duckdb = 0
    for number in range(150):
        path = tmp_path / f"status_{number}.csv"
        random_file(chance, path)
        by_duckdb += assert_same(path, con)
    assert 30 <= by_duckdb <= 120  # both paths are exercised


def test_a_plain_file_loads_without_importing_pandas(tmp_path):
    path = write(tmp_path / "status_2018-03.csv", f"{HEADER}\n{GOOD_ROW}\n")
    script = (
        "import sys; from pathlib import Path; from etl.store import load_files; "
        f"result, = load_files([Path({str(path)!r})], Path({str(tmp_path / 'tracker.duckdb')!r})); "
        "print(result.summary()); "
        "print(sorted(m for m in ('pandas', 'pandera', 'pyarrow', 'numpy') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert run.stdout.splitlines() == [
        "status_2018-03.csv: loaded 1 row of participation for March 2018, CCG 02X",
        "[]",
    ]


def test_the_sql_rules_and_the_model_name_the_same_columns(tmp_path, con):
    from etl.sources.participation import COLUMNS
    from etl.sources.participation_model import PracticeStatus

    assert tuple(PracticeStatus.to_schema().columns) == COLUMNS
    staged = read_input(write(tmp_path / "status.csv", f"{HEADER}\n{GOOD_ROW}\n"), None, con).tables[
        "participation"
    ]
    assert isinstance(staged, Staged)
    assert tuple(name for name, *_ in con.execute(f"describe {staged.table}").fetchall()) == COLUMNS


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("31/04/2019", "April has 30 days"),
        ("2019-04-31", "April has 30 days"),
        ("29/02/2019", "2019 is not a leap year: February has 28 days"),
        ("30/02/2020", "February 2020 has 29 days"),
        ("32/01/2019", "no month has more than 31 days"),
        ("15/13/2019", "a year has 12 months"),
    ],
)
def test_an_impossible_date_is_explained_the_same_whichever_reader_meets_it(tmp_path, con, typed, why):
    path = write(tmp_path / "status.csv", f"{HEADER}\n{GOOD_ROW.replace('2018-03-01', typed)}\n")
    sql, model = both_ways(path, con)
    expected = [f'status.csv line 2, snapshot_date "{typed}": no such day: {why}']
    assert [str(p) for p in sql.problems] == [str(p) for p in model.problems] == expected

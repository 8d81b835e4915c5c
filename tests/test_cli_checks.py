"""`etl check` says everything it did and did not check: a return checked without a database says
that its practice codes were not checked against the register, and a return checked against one
is told every problem in one round, each register problem with the lines it was found on."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.api import check_files
from etl.cli import main
from etl.sources import InputFile, content_hash
from etl.sources.participation.lines import plain_file_lines
from etl.sources.participation.returns import partial_message
from tests.helpers import STATUS_HEADER, STATUS_ROWS, rows_of, write_register

NOT_CHECKED = "not checked against the practice register, because no database was given"
HOW_TO_CHECK = "(add --db PATH to check it against a tracker database's register)"


def run_etl(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    """`python -m etl ARGS` in this process: exit code, stdout and stderr lines."""
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out.splitlines(), err.splitlines()


def test_a_return_checked_without_a_database_says_the_register_was_not_consulted(
    status_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_etl(capsys, "check", str(status_file))
    assert (code, err) == (0, [])
    assert out == [
        "status_2018-03.csv: OK, 4 rows of participation for March 2018, CCG 02X",
        f"  status_2018-03.csv: {NOT_CHECKED} {HOW_TO_CHECK}",
    ]


def test_a_return_with_problems_checked_without_a_database_says_so_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "status_2018-03.csv"
    bad.write_text("\n".join([STATUS_HEADER, STATUS_ROWS[0].replace("C86001", "C8601")]) + "\n")
    code, out, err = run_etl(capsys, "check", str(bad))
    assert code == 1
    assert err[0] == "status_2018-03.csv: 1 problem"
    assert out == [f"  status_2018-03.csv: {NOT_CHECKED} {HOW_TO_CHECK}"]


def test_the_api_says_what_a_check_without_a_database_left_unchecked(
    status_file: Path, milestones_file: Path, official_db: Path, tmp_path: Path
) -> None:
    register = write_register(tmp_path / "epraccur_copy.csv")
    alone = check_files([status_file, milestones_file, register])
    assert [f.unchecked for f in alone] == [NOT_CHECKED, None, None]
    assert [f.problems for f in alone] == [[], [], []]
    # against a database with a register, the return was checked against it: nothing left unsaid
    [against] = check_files([status_file], official_db)
    assert against.unchecked is None


def test_a_return_checked_against_a_database_says_nothing_of_a_missing_database(
    status_file: Path, official_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, err = run_etl(capsys, "check", "--db", str(official_db), str(status_file))
    assert not any(NOT_CHECKED in line for line in out + err)


# --- register problems name their lines, and come with the file's own problems in one round ------

# The official_db fixture's register (tests/helpers.py REGISTER): C86001–C86004 are 02X's, E85001 08C's.
RETURN_ROWS = [
    "{month},02X,C86001,Great North,9000,GMS,none,,,,3,",
    "{month},02X,C99999,Nowhere,5000,GMS,none,,,,2,",  # no register lists it
    "{month},02X,E85001,Brook Green,4000,GMS,none,,,,2,",  # the register gives it to 08C
    "{month},02X,C86004,Denaby,8000,GMS,none,,,,4,",
]
MONTHS = ["2019-09-01", "2019-10-01", "2019-11-01"]
UNKNOWN = (
    'practice_code "C99999": listed under 02X for {when}, but no practice register lists this code '
    "(register loaded: epraccur.csv); correct the practice code"
)
ELSEWHERE = (
    'practice_code "E85001": listed under 02X for {when}, but the register (epraccur.csv) gives this '
    "practice to 08C then; an area reports its own practices: correct the CCG code, or leave the "
    "practice to 08C's return"
)


def write_return(path: Path, months: list[str], quoted: bool = False) -> Path:
    rows = [row.format(month=month) for month in months for row in RETURN_ROWS]
    if quoted:  # a quote anywhere: not a plain file, so the pandera model reads it, not DuckDB
        rows = [row.replace("Nowhere", '"Nowhere"') for row in rows]
    path.write_text("\n".join([STATUS_HEADER, *rows]) + "\n")
    return path


def lines_holding(path: Path, code: str) -> list[int]:
    """The lines of the file holding `code`, counted by plain Python, not the project's reader."""
    with path.open(encoding="utf-8") as file:
        return [number for number, line in enumerate(file, start=1) if f",{code}," in line]


@pytest.mark.parametrize("reader", ["DuckDB (a plain file)", "pandera (a quoted one)"])
def test_a_register_problem_names_the_line_it_is_on(
    official_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], reader: str
) -> None:
    path = write_return(tmp_path / "status_2019-09.csv", MONTHS[:1], quoted=reader.startswith("pandera"))
    assert (lines_holding(path, "C99999"), lines_holding(path, "E85001")) == ([3], [4])
    code, out, err = run_etl(capsys, "check", "--db", str(official_db), str(path))
    assert out == []
    assert code == 1
    assert err == [
        "status_2019-09.csv: 2 problems",
        "  status_2019-09.csv line 3, " + UNKNOWN.format(when="September 2019"),
        "  status_2019-09.csv line 4, " + ELSEWHERE.format(when="September 2019"),
    ]


@pytest.mark.parametrize("reader", ["DuckDB (a plain file)", "pandera (a quoted one)"])
def test_a_register_problem_on_many_rows_is_said_once_with_their_count_and_lines(
    official_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], reader: str
) -> None:
    path = write_return(tmp_path / "status_2019-11.csv", MONTHS, quoted=reader.startswith("pandera"))
    unknown, elsewhere = lines_holding(path, "C99999"), lines_holding(path, "E85001")
    assert (unknown, elsewhere) == ([3, 7, 11], [4, 8, 12])
    code, out, err = run_etl(capsys, "check", "--db", str(official_db), "--partial", str(path))
    assert out == []
    when = "September 2019 to November 2019"
    assert code == 1
    assert err == [
        "status_2019-11.csv: 6 problems",  # each row counts, as a file's own problems do
        "  status_2019-11.csv lines 3–11 (3 rows), " + UNKNOWN.format(when=when),
        "  status_2019-11.csv lines 4–12 (3 rows), " + ELSEWHERE.format(when=when),
    ]
    # two rows: each said on its own line, as a file's own problems are
    path = write_return(tmp_path / "status_2019-10.csv", MONTHS[:2], quoted=reader.startswith("pandera"))
    code, out, err = run_etl(capsys, "check", "--db", str(official_db), "--partial", str(path))
    assert out == []
    when = "September 2019 to October 2019"
    assert err == [
        "status_2019-10.csv: 4 problems",
        "  status_2019-10.csv line 3, " + UNKNOWN.format(when=when),
        "  status_2019-10.csv line 4, " + ELSEWHERE.format(when=when),
        "  status_2019-10.csv line 7, " + UNKNOWN.format(when=when),
        "  status_2019-10.csv line 8, " + ELSEWHERE.format(when=when),
    ]


def test_row_problems_and_register_problems_come_in_one_round(
    official_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_return(tmp_path / "status_2019-09.csv", MONTHS[:1])
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace(",9000,", ",lots,")  # C86001's list size: a problem of the row itself
    lines.append("2019-09-01,02X,C8600,Typo Surgery,100,GMS,none,,,,1,")  # no valid practice code
    lines.append("2019-09-31,02X,C99998,No Such Day,100,GMS,none,,,,1,")  # no valid month
    path.write_text("\n".join(lines) + "\n")
    before = path.read_bytes()

    checked = run_etl(capsys, "check", "--db", str(official_db), str(path))
    loaded = run_etl(capsys, "load", "--db", str(official_db), str(path))

    said = [
        '  status_2019-09.csv line 2, list_size "lots": expected a whole number of registered patients from '
        "0 to 250,000",
        "  status_2019-09.csv line 3, " + UNKNOWN.format(when="September 2019"),
        "  status_2019-09.csv line 4, " + ELSEWHERE.format(when="September 2019"),
        '  status_2019-09.csv line 6, practice_code "C8600": expected a capital letter and 5 digits, such as '
        "C86001",
        '  status_2019-09.csv line 7, snapshot_date "2019-09-31": no such day: September has 30 days',
    ]
    assert checked == (1, [], ["status_2019-09.csv: 5 problems", *said])
    assert loaded == (1, [], ["status_2019-09.csv: rejected, 5 problems; nothing was stored", *said])
    assert path.read_bytes() == before
    # the load history keeps each problem with its line
    assert rows_of(
        official_db, "select line, column_name, value from load_problems order by line"
    ) == [(2, "list_size", "lots"), (3, "practice_code", "C99999"), (4, "practice_code", "E85001"),
          (6, "practice_code", "C8600"), (7, "snapshot_date", "2019-09-31")]  # fmt: skip


def test_a_plain_files_lines_are_found_whatever_its_column_order_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    header = "ccg_code,practice_name,list_size,contract_type,integration_level,snapshot_date,practice_code"
    rows = [
        "02X,A,1,GMS,none,01/09/2019, c99999 ",
        "02X,B,1,GMS,none,2019-10-01,C99999",
        "02X,C,1,GMS,none,2019-10-01,C86001",
    ]
    path.write_bytes("\r\n".join([header, *rows]).encode())  # no line break after the last row
    f = InputFile(path, content_hash(path), "participation")
    wanted = {("C99999", "2019-09"), ("C99999", "2019-10"), ("C86001", "2019-11")}
    assert plain_file_lines(f, wanted) == {("C99999", "2019-09"): [2], ("C99999", "2019-10"): [3]}
    # a file changed since it was checked gives no lines rather than wrong ones
    path.write_bytes(path.read_bytes().replace(b"02X,A", b"02X,Z"))
    assert plain_file_lines(f, wanted) == {}


def test_a_month_far_short_of_the_register_names_the_line_of_its_row(
    official_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The register has 3 GP practices of 02X open in August 2019 (C86001, C86002, C86004): a row
    typed as August in a September return makes an August of 1, and says where it is."""
    path = tmp_path / "status_2019-09.csv"
    rows = [
        "2019-09-01,02X,C86001,Great North,9000,GMS,none,,,,3,",
        "2019-09-01,02X,C86002,Bawtry,9000,GMS,none,,,,3,",
        "2019-08-01,02X,C86004,Denaby,8000,GMS,none,,,,4,",  # meant for September
    ]
    path.write_text("\n".join([STATUS_HEADER, *rows]) + "\n")
    code, out, err = run_etl(capsys, "check", "--db", str(official_db), str(path))
    assert (code, out) == (1, [])
    assert err == [
        "status_2019-09.csv: 1 problem",
        "  status_2019-09.csv line 4: holds 1 practice for 02X in August 2019, fewer than half of the 3 the "
        "practice register has open there that month; the file's name says September 2019 (a mistyped "
        "snapshot date?); if the return for August 2019 is partial, load it with --partial",
    ]


def test_a_month_of_a_few_rows_far_short_of_the_register_names_each_line() -> None:
    assert partial_message("status_2019-09.csv", "2019-08", "02X", 2, 40, [5, 9]) == (
        "holds 2 practices (lines 5 and 9) for 02X in August 2019, fewer than half of the 40 the practice "
        "register has open there that month; the file's name says September 2019 (a mistyped snapshot "
        "date?); if the return for August 2019 is partial, load it with --partial"
    )


def test_a_register_problem_in_a_workbook_names_its_sheet_row(
    official_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(STATUS_HEADER.split(","))
    for row in RETURN_ROWS:
        sheet.append(row.format(month="2019-09-01").split(","))
    path = tmp_path / "status_2019-09.xlsx"
    workbook.save(path)
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert [number for number, row in enumerate(rows, start=1) if row[2] in ("C99999", "E85001")] == [3, 4]

    code, out, err = run_etl(capsys, "check", "--db", str(official_db), str(path))
    assert (code, out) == (1, [])
    assert err == [
        "status_2019-09.xlsx: 2 problems",
        "  status_2019-09.xlsx line 3, " + UNKNOWN.format(when="September 2019"),
        "  status_2019-09.xlsx line 4, " + ELSEWHERE.format(when="September 2019"),
    ]

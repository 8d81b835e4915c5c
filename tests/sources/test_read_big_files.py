"""A big tracker file is parsed from disk without holding its text; it must read exactly as a small
one does: the same cells, the same problems on the same lines."""

from __future__ import annotations

from pathlib import Path

import pytest

import etl.bulk_csv
from etl.sources import InputFile, read_input
from tests.helpers import STATUS_HEADER, STATUS_ROWS
from tests.sources.helpers import write_bytes

BAD_ROW = STATUS_ROWS[1].replace("C86002", "C8602")


def many_rows(count: int) -> list[str]:
    return [
        f"2018-03-01,02X,C{n:05d},Practice {n},{5000 + n},GMS,virtual,02X-N01,Doncaster North,active,3,"
        for n in range(count)
    ]


LAYOUTS = {
    "plain": [*many_rows(300), BAD_ROW],
    "blank-lines": [*many_rows(100), "", *many_rows(200)[100:], "", BAD_ROW],
    "quoted-line-break": [
        *many_rows(50),
        '2018-03-01,02X,C99001,"Practice\nwith a break",9000,GMS,virtual,02X-N01,Doncaster North,'
        'active,3,"a ""note"""',
        *many_rows(300)[50:],
        BAD_ROW,
    ],
    "crlf": [*many_rows(300), BAD_ROW],
}


def read_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[InputFile, InputFile]:
    small = read_input(path)
    monkeypatch.setattr(etl.bulk_csv, "BIG_FILE", 1_000)  # read as a big file is
    big = read_input(path)
    return small, big


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_big_file_reports_the_same_problem_on_the_same_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    newline = "\r\n" if layout == "crlf" else "\n"
    text = newline.join([STATUS_HEADER, *LAYOUTS[layout], ""])
    path = write_bytes(tmp_path / "status.csv", text.encode())
    small, big = read_both_ways(path, monkeypatch)
    # the quoted cell runs over two lines: the bad row is on line 1 + 50 + 2 + 250 + 1
    line = text.split(newline).index(BAD_ROW) + 1 if layout != "quoted-line-break" else 304
    expected = [
        f'status.csv line {line}, practice_code "C8602": expected a capital letter and 5 digits, '
        "such as C86001"
    ]
    assert [str(p) for p in small.problems] == expected
    assert [str(p) for p in big.problems] == expected


def test_a_big_clean_file_gives_the_same_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join([STATUS_HEADER, *LAYOUTS["quoted-line-break"][:-1], ""])
    path = write_bytes(tmp_path / "status.csv", ("\ufeff" + text).encode())
    small, big = read_both_ways(path, monkeypatch)
    small_table = small.frames["participation"]
    big_table = big.frames["participation"]
    assert big_table.equals(small_table)
    assert dict(big_table.dtypes) == dict(small_table.dtypes)
    assert small_table["practice_name"].iloc[50] == "Practice\nwith a break"


def test_a_big_windows_1252_file_is_read_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [row.replace("Practice", "Cliniq\u00e9") for row in many_rows(300)]
    path = write_bytes(tmp_path / "status.csv", "\n".join([STATUS_HEADER, *rows, ""]).encode("cp1252"))
    small, big = read_both_ways(path, monkeypatch)
    assert big.frames["participation"].equals(small.frames["participation"])
    assert big.frames["participation"]["practice_name"].iloc[0] == "Cliniq\u00e9 0"

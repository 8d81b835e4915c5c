"""`python -m dashboard.boardpack`, as a user runs it: the PNGs and the PDF it writes, and its refusals.

Over the tiny database of helpers.py, February 2019, every area: three charts (coverage, integration
levels, integration by contract), the call list as CSV and the PDF.
Drawing needs Debian's chromium: without /usr/bin/chromium those tests are skipped on a
developer's machine and fail in CI.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import dashboard.boardpack.__main__ as command
from dashboard import boardpack, queries
from dashboard.boardpack import images
from dashboard.boardpack.__main__ import main
from dashboard.content.common import area_names
from dashboard.view import View

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
STEM = "boardpack_every-loaded-area_2019-02"
PDF = f"{STEM}.pdf"
CHARTS = [
    f"{STEM}_01_coverage_over_time.png",
    f"{STEM}_02_integration_levels.png",
    f"{STEM}_03_integration_by_contract.png",
    f"{STEM}_04_coverage_map.png",  # drawn on page 1
]
CSV = f"{STEM}_practices_needing_support.csv"


@pytest.fixture(scope="module")
def chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{CHROMIUM} is missing; CI installs Debian's chromium, so the board pack must be drawn"
            )
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium to draw the board pack)")


@pytest.fixture(scope="module")
def pack_folder(chromium: None, tiny_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pack of February 2019 for every area, made once by the command with its default --out."""
    folder = tmp_path_factory.mktemp("pack")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_DB", str(tiny_database))
        patch.chdir(folder)
        assert main(["--month", "2019-02"]) == 0
    return folder / "boardpack" / "2019-02"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_command(*args: str, db: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m dashboard.boardpack ARGS` as a user runs it, over the database `db`."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard.boardpack", *args],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB": str(db), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.browser
@pytest.mark.slow
def test_board_pack_has_every_chart_as_png_and_one_pdf_named_for_areas_and_month(pack_folder: Path) -> None:
    assert sorted(p.name for p in pack_folder.iterdir()) == sorted([*CHARTS, CSV, PDF])
    assert all((pack_folder / name).read_bytes().startswith(b"\x89PNG") for name in CHARTS)
    first = PdfReader(pack_folder / PDF).pages[0].extract_text()
    assert "Practices in a network, February 2019: 8 of 10 (80.0%); +1 since January 2019." in " ".join(
        first.split()
    )


@pytest.mark.browser
@pytest.mark.slow
def test_board_pack_twice_gives_identical_pngs_and_pdf(
    pack_folder: Path, tiny_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = tmp_path / "again"
    again.mkdir()
    (again / f"{STEM}_07_left_from_an_earlier_pack.png").write_bytes(b"old")  # this pack's: replaced
    # another pack's files in the same folder (README: `--out boardpack/2022-01` twice) are kept
    others = ["boardpack_England_2019-02.pdf", "boardpack_England_2019-02_01_coverage_over_time.png"]
    others += ["boardpack_01A_2019-02_01_coverage_over_time.png", "notes.txt"]
    for name in others:
        (again / name).write_bytes(b"another pack")
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    assert main(["--month", "2019-02", "--out", str(again)]) == 0
    assert sorted(p.name for p in again.iterdir()) == sorted([*CHARTS, CSV, PDF, *others])
    assert all((again / name).read_bytes() == b"another pack" for name in others)
    assert [sha256(again / name) for name in [*CHARTS, CSV, PDF]] == [
        sha256(pack_folder / name) for name in [*CHARTS, CSV, PDF]
    ]


def test_board_pack_without_chromium_says_what_to_install(
    tiny_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser on PATH...
    monkeypatch.setattr(images, "TYPICAL_PATHS", ())  # ...nor in its usual place
    assert main(["--month", "2019-02", "--out", str(tmp_path / "pack")]) == 2
    assert capsys.readouterr().err == (
        "error: the board pack needs Chromium to draw its charts; install it with: apt-get install chromium\n"
    )
    assert not (tmp_path / "pack").exists()


def test_board_pack_with_browser_path_at_nothing_says_so(tiny_database: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "chromium"
    finished = run_command("--month", "2019-02", db=tiny_database, env={"BROWSER_PATH": str(missing)})
    assert finished.returncode == 2
    assert finished.stderr == (
        f"error: the board pack needs Chromium to draw its charts, but BROWSER_PATH={missing} is not a "
        "program; install it with: apt-get install chromium (or point BROWSER_PATH at Chromium or Chrome)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--month", "2019-03"],
            "error: no data for March 2019; the months of these areas run from January 2019 to February 2019",
        ),
        (["--month", "2019-02", "--ccg", "99Z"], "error: no data for area 99Z; the database has 01A, 02B"),
        (
            ["--month", "2019-02", "--ccg", "02b", "--ccg", "99Z"],
            "error: no data for area 99Z; the database has 01A, 02B",
        ),
    ],
)
def test_board_pack_refuses_a_month_or_area_without_data(
    args: list[str],
    message: str,
    tiny_database: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    monkeypatch.setenv("BROWSER_PATH", sys.executable)  # any program will do: nothing gets drawn
    assert main(args) == 2
    assert capsys.readouterr().err == message + "\n"


def test_board_pack_without_a_database_says_how_to_load_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "missing.duckdb"))
    monkeypatch.setenv("BROWSER_PATH", sys.executable)
    assert main(["--month", "2019-02"]) == 2
    assert capsys.readouterr().err == (
        f"error: no tracker data in {tmp_path / 'missing.duckdb'}: "
        "run `make demo` or `python -m etl load FILE...` first\n"
    )


def test_board_pack_refuses_a_month_that_is_not_yyyy_mm(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--month", "2019-13"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(
        "error: argument --month: expected a month as YYYY-MM, such as 2019-03, not '2019-13'\n"
    )


def test_progress_page_draws_the_board_pack_only_when_asked(open_page) -> None:
    at = open_page("progress")
    assert at.sidebar.button(key="board_pack").label == "Board pack (PDF)"
    assert "board_pack_download" not in [b.key for b in at.download_button]  # an ordinary run draws nothing


def test_progress_page_turns_a_missing_browser_into_a_message(
    open_page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "chromium"))
    at = open_page("progress")
    at.sidebar.button(key="board_pack").click().run()
    assert not at.exception
    assert at.sidebar.error[0].value == (
        f"The board pack needs Chromium to draw its charts, but BROWSER_PATH={tmp_path / 'chromium'} is not "
        "a program; install it with: apt-get install chromium (or point BROWSER_PATH at Chromium or Chrome)."
    )
    assert "board_pack_download" not in [b.key for b in at.download_button]


@pytest.mark.browser
@pytest.mark.slow
def test_progress_page_offers_the_board_pack_of_its_filters_as_a_download(chromium: None, open_page) -> None:
    at = open_page("progress", ccg="01A")
    at.sidebar.button(key="board_pack").click().run()
    assert not at.exception and not at.error
    download = at.download_button(key="board_pack_download")
    view, name, pdf = at.session_state["board_pack_drawn"]
    assert download.label == f"Download {name}"
    assert view.areas == ("01A",) and name.startswith("boardpack_") and name.endswith("01A_2019-02.pdf")
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Practices in a network, February 2019: 3 of 5 (60.0%); no change since January 2019." in text


def test_the_command_and_the_progress_page_make_the_pack_of_the_same_view(
    official_database: Path, open_official_page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same choice, same pack, whichever door: the area's name comes from one rule (area_names)."""
    asked: list[View] = []

    def asked_by_page(_db: Path, view: View) -> str:
        asked.append(view)
        return "not drawn"

    def asked_by_command(_db: Path, view: View, **_: object) -> None:
        asked.append(view)
        raise SystemExit(0)  # the view is all this test needs: nothing is drawn

    monkeypatch.setattr(boardpack, "build_board_pack_or_message", asked_by_page)
    at = open_official_page("progress", ccg="01A", month="2019-12")
    at.sidebar.button(key="board_pack").click().run()
    monkeypatch.setattr(command, "build_board_pack", asked_by_command)
    monkeypatch.setenv("TRACKER_DB", str(official_database))
    monkeypatch.setenv("BROWSER_PATH", sys.executable)
    with pytest.raises(SystemExit):
        main(["--month", "2019-12", "--ccg", "01a"])
    page_view, command_view = asked
    assert page_view == command_view
    name = area_names(queries.areas(official_database))["01A"]
    assert command_view.scope == name and name.endswith("(01A)") and name != "01A"

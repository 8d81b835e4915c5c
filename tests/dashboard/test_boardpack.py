"""The board pack: a month's charts as PNG and one PDF, from the command line and the Progress page.

Over the tiny database of conftest.py, February 2019, all CCGs: six charts (coverage, integration
levels, integration by contract, network population, network integration mix, milestones) and a
PDF of ten pages (cover, headline, six charts, practices needing support, overdue milestones).
Drawing needs Debian's chromium: without /usr/bin/chromium those tests are skipped on a
developer's machine and fail in CI.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard import boardpack_images, queries
from dashboard.boardpack import main
from dashboard.boardpack_build import gather_contents

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
FEBRUARY = date(2019, 2, 1)
CHARTS = [
    "01_coverage_over_time.png",
    "02_integration_levels.png",
    "03_integration_by_contract.png",
    "04_network_population.png",
    "05_network_integration_mix.png",
    "06_milestone_timeline.png",
]
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


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
    """The pack of February 2019 for all CCGs, made once by the command with its default --out."""
    folder = tmp_path_factory.mktemp("pack")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_DB", str(tiny_database))
        patch.chdir(folder)
        assert main(["--month", "2019-02"]) == 0
    return folder / "boardpack" / "2019-02"


def pdf_text(pdf: Path | bytes) -> str:
    """The PDF's words in reading order, one space apart: a table's cells come out a line each."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_pages(path: Path) -> int:
    return len(PdfReader(path).pages)


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
def test_board_pack_has_every_chart_as_png_and_one_pdf(pack_folder: Path) -> None:
    assert sorted(p.name for p in pack_folder.iterdir()) == [*CHARTS, "boardpack_2019-02.pdf"]
    assert all((pack_folder / name).read_bytes().startswith(b"\x89PNG") for name in CHARTS)


@pytest.mark.browser
def test_board_pack_pdf_has_a_cover_the_headline_six_charts_and_two_tables(pack_folder: Path) -> None:
    pdf = pack_folder / "boardpack_2019-02.pdf"
    assert pdf_pages(pdf) == 10
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert pages[0].startswith("GP networks board pack\nFebruary 2019, all CCGs (01A, 02B)")
    assert pages[1].startswith("Headline figures, February 2019")
    chart_headings = [page.split("\n")[0] for page in pages[2:8]]
    assert chart_headings == ["Progress", "Progress", "Progress", "Networks", "Networks", "Milestones"]
    assert pages[8].startswith("Practices needing support, February 2019")
    assert pages[9].startswith("Overdue milestones on 28 February 2019")
    assert all(f"Page {number} of 10" in page for number, page in enumerate(pages, start=1))


@pytest.mark.browser
def test_board_pack_pdf_gives_the_headline_as_the_progress_page_does(pack_folder: Path) -> None:
    text = pdf_text(pack_folder / "boardpack_2019-02.pdf")
    assert "Practices in a network 8 of 10 (80.0%) +1" in text
    assert "Registered patients covered 93.4% +4.1 points" in text
    assert "Practices left out 2 -1" in text
    assert "Overdue milestones 2 +1" in text
    assert "Changes are since the previous snapshot, January 2019." in text


@pytest.mark.browser
def test_board_pack_pdf_lists_practices_needing_support_with_their_reasons(pack_folder: Path) -> None:
    text = pdf_text(pack_folder / "boardpack_2019-02.pdf")
    assert "01A A00004 Delta Health Centre Not in a network; Single-handed 3,500 none" in text
    assert "02B B00002 Zeta Practice Network below 30,000 patients; Contract" in text
    assert "4 practices with at least one reason" in text


@pytest.mark.browser
def test_board_pack_pdf_lists_the_overdue_milestones(pack_folder: Path) -> None:
    text = pdf_text(pack_folder / "boardpack_2019-02.pdf")
    assert "2 milestones due on or before that day and not achieved by then" in text
    assert "01A North Network Clinical director appointed 15 Feb 2019 13 Lead" in text
    assert "02B CCG-wide ACS designated 28 Feb 2019 0 Director" in text


@pytest.mark.browser
def test_board_pack_cover_names_the_source_files_and_their_hashes(
    pack_folder: Path, tiny_database: Path
) -> None:
    cover = PdfReader(pack_folder / "boardpack_2019-02.pdf").pages[0].extract_text()
    assert "Data as at February 2019 (the newest snapshot of all CCGs), loaded " in cover
    assert "3 source files, listed below with their SHA-256 hashes" in cover
    for name in ("status_2019-01.csv", "status_2019-02.csv", "milestones.csv"):
        source = tiny_database.parent / name  # the fixture's inputs lie beside its database
        assert f"{name}\n" in cover
        assert sha256(source) in cover
    assert OGL not in cover  # no official data in this database


@pytest.mark.browser
def test_board_pack_twice_gives_identical_pngs_and_pdf(
    pack_folder: Path, tiny_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = tmp_path / "again"
    again.mkdir()
    (again / "07_left_from_an_earlier_pack.png").write_bytes(b"old")
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    assert main(["--month", "2019-02", "--out", str(again)]) == 0
    assert sorted(p.name for p in again.iterdir()) == [*CHARTS, "boardpack_2019-02.pdf"]
    assert [sha256(again / name) for name in CHARTS] == [sha256(pack_folder / name) for name in CHARTS]
    assert pdf_text(again / "boardpack_2019-02.pdf") == pdf_text(pack_folder / "boardpack_2019-02.pdf")
    assert sha256(again / "boardpack_2019-02.pdf") == sha256(pack_folder / "boardpack_2019-02.pdf")


@pytest.mark.browser
def test_board_pack_with_official_data_adds_the_official_chart_and_the_licence(
    chromium: None, official_database: Path, tmp_path: Path
) -> None:
    finished = run_command("--month", "2019-02", "--out", str(tmp_path), db=official_database)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith(
        f"{tmp_path}: 7 charts as PNG and boardpack_2019-02.pdf (11 pages) for all CCGs (01A, 02B), "
        "February 2019, in "
    )
    assert "No runtime found" not in finished.stderr  # streamlit's caching, quieted outside its server
    assert (tmp_path / "02_official_coverage.png").is_file()
    text = pdf_text(tmp_path / "boardpack_2019-02.pdf")
    assert text.count(OGL) == 11  # on every page
    assert "01A C00001 New Road Surgery Missing from the tracker (open in the official register)" in text


def test_board_pack_of_one_ccg_has_that_ccgs_headline(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    contents = gather_contents(queries.database_version(), ("01A",), FEBRUARY, every_ccg=False)
    assert contents.ccg_text == "CCG 01A"
    assert contents.headline.iloc[0].tolist() == ["Practices in a network", "3 of 5 (60.0%)", "no change", ""]
    assert set(contents.support["ccg_code"]) == {"01A"}
    assert [chart.file_name for chart in contents.charts] == CHARTS


def test_board_pack_splits_a_long_milestone_timeline_into_parts_that_fit_a_page(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    monkeypatch.setattr("dashboard.boardpack_build.MILESTONES_PER_CHART", 3)
    contents = gather_contents(queries.database_version(), ("01A", "02B"), FEBRUARY, every_ccg=True)
    timelines = [chart for chart in contents.charts if chart.section == "Milestones"]
    assert [chart.file_name for chart in timelines] == [
        "06_milestone_timeline_1.png",
        "07_milestone_timeline_2.png",
        "08_milestone_timeline_3.png",
    ]
    assert timelines[0].figure.layout.title.text.endswith("(part 1 of 3)")


def test_board_pack_of_the_first_snapshot_ticks_its_time_axes_in_months(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    contents = gather_contents(queries.database_version(), ("01A", "02B"), date(2019, 1, 1), every_ccg=True)
    coverage, levels = contents.charts[0].figure, contents.charts[1].figure
    assert (coverage.layout.xaxis.dtick, coverage.layout.xaxis.tickformat) == ("M1", "%B %Y")
    assert (levels.layout.xaxis.dtick, levels.layout.xaxis.tickformat) == ("M1", "%B %Y")
    assert contents.previous_month is None


def test_board_pack_without_chromium_says_what_to_install(
    tiny_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser on PATH...
    monkeypatch.setattr(boardpack_images, "TYPICAL_PATHS", ())  # ...nor in its usual place
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
    assert "Traceback" not in finished.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--month", "2019-03"],
            "error: no snapshot for March 2019; the snapshots of these CCGs run from January 2019 "
            "to February 2019",
        ),
        (
            ["--month", "2019-02", "--ccg", "99Z"],
            "error: no snapshots for CCG 99Z; the database has 01A, 02B",
        ),
        (
            ["--month", "2019-02", "--ccg", "02b", "--ccg", "99Z"],
            "error: no snapshots for CCG 99Z; the database has 01A, 02B",
        ),
    ],
)
def test_board_pack_refuses_a_month_or_ccg_without_snapshots(
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


@pytest.mark.browser
def test_progress_page_offers_the_board_pack_of_its_filters_as_a_download(chromium: None, open_page) -> None:
    at = open_page("progress", ccg="01A")
    at.sidebar.button(key="board_pack").click().run()
    assert not at.exception and not at.error
    assert at.download_button(key="board_pack_download").label == "Download boardpack_2019-02.pdf"
    view, name, pdf = at.session_state["board_pack_drawn"]
    assert (view.ccgs, name) == (("01A",), "boardpack_2019-02.pdf")
    text = pdf_text(pdf)
    assert "February 2019, CCG 01A" in text
    assert "Practices in a network 3 of 5 (60.0%) no change" in text


def test_progress_page_without_chromium_says_what_to_install(
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

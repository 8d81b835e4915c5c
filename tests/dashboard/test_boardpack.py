"""The board pack's PDF, read as a board secretary reads it: page 1, the tables, the appendix, the file name.

These tests lay the PDF out from the real contents of the tiny database of helpers.py (February
2019, areas 01A and 02B) with plain grey pictures in place of the charts, so they need no browser;
tests/dashboard/test_boardpack_command.py draws the real charts with Chromium.
"""

from __future__ import annotations

import hashlib
import io
import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pypdf import PdfReader

from dashboard.boardpack import build, pdf, pdf_parts
from dashboard.boardpack.build import BoardPack, build_board_pack_or_message
from dashboard.boardpack.contents import PackContents, gather_contents
from dashboard.boardpack.images import BrowserMissing
from dashboard.content.progress import progress_content
from dashboard.view import View
from tests.dashboard.helpers import ROOT, laid_out, load, page_texts

FEBRUARY = date(2019, 2, 1)
EVERY_AREA = View(("01A", "02B"), FEBRUARY, every_area=True, scope="every loaded area")


@pytest.fixture(scope="module")
def sample_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample: tracker returns April 2017 to March 2019, and the official files of late 2019."""
    db = tmp_path_factory.mktemp("sample") / "tracker.duckdb"
    sample = ROOT / "data" / "sample"
    files = [
        *sample.glob("status_*.csv"),
        sample / "milestones.csv",
        *sample.glob("official/*.csv"),
        *sample.glob("official/*.xlsx"),
    ]
    load(db, files)
    return db


@pytest.fixture(scope="module")
def contents(tiny_database: Path) -> PackContents:
    return gather_contents(tiny_database, EVERY_AREA)


@pytest.fixture(scope="module")
def pack(contents: PackContents) -> BoardPack:
    return laid_out(contents)


def test_page_one_gives_the_headline_with_its_changes_and_the_map_then_the_table_by_area(
    pack: BoardPack,
) -> None:
    pages = page_texts(pack.pdf)
    first = pages[0]
    assert first.startswith(
        "GP networks board pack February 2019, every loaded area "
        "Practices in a network, February 2019: 8 of 10 (80.0%); +1 since January 2019."
    )
    assert "Practices in a network 8 of 10 (80.0%) +1 since January 2019" in first
    assert "Registered patients covered 93.4% +4.1 points since January 2019" in first
    assert "Practices left out 2 -1 since January 2019" in first
    assert "Overdue milestones 1 +1 since January 2019" in first
    # 01A is a real sub-ICB location's code, so the tiny world's 01A has an outline; 02B has none
    assert (
        "Chart: a map of practices in a network by sub-ICB location, February 2019, and each practice. "
        "2 sub-ICB locations shaded by their share of practices in a network" in first
    )
    assert "Contains OS data © Crown copyright and database right 2023." in first
    # the table by area: the lowest share in a network first, each with its change since last month
    text = " ".join(pages)
    assert (
        "Practices in a network by area 2 areas of every loaded area with data in February 2019, the lowest "
        "share in a network first." in text
    )
    assert "Area Practices in a network Practices Left out Change 01A 3 of 5 (60.0%) 5 2 no change " in text
    assert "02B 5 of 5 (100.0%) 5 0 +1" in text
    assert "Coverage over time Source: the tracker (January 2019 – February 2019)." in text
    assert (
        "01A: 50.0% in January 2019, 60.0% in February 2019 (100% by June 2019); "
        "02B: 100.0% in January 2019, 100.0% in February 2019 (at 100%)." in text
    )


def test_sources_are_only_in_the_appendix_on_the_last_pages(pack: BoardPack, tiny_database: Path) -> None:
    pages = page_texts(pack.pdf)
    appendix = next(number for number, text in enumerate(pages) if text.startswith("Appendix: sources"))
    assert appendix == len(pages) - 1
    for name in ("status_2019-01.csv", "status_2019-02.csv", "milestones.csv"):
        digest = hashlib.sha256((tiny_database.parent / name).read_bytes()).hexdigest()
        assert name in pages[appendix] and digest in pages[appendix].replace(" ", "")
        assert not any(digest[:16] in text or name in text for text in pages[:appendix])
    assert "The figures of this pack come from 3 loaded files" in pages[appendix]


def test_pdf_names_its_title_and_language(pack: BoardPack) -> None:
    reader = PdfReader(io.BytesIO(pack.pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "GP networks board pack, February 2019, every loaded area"
    catalog: Any = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)


def test_every_chart_has_a_caption_in_the_pdf_text(pack: BoardPack) -> None:
    text = " ".join(page_texts(pack.pdf))
    assert [chart.file_name for chart in pack.contents.charts] == [
        "01_coverage_over_time.png",
        "02_integration_levels.png",
        "03_integration_by_contract.png",
        "04_coverage_map.png",  # drawn on page 1
    ]
    for chart in pack.contents.charts:
        assert chart.caption and " ".join(chart.caption.split()) in text, chart.file_name
    captions = [chart.caption for chart in pack.contents.charts]
    assert captions[1].endswith(
        "In February 2019: No integration 3, Virtual 4, Partially integrated 2, Fully integrated 1."
    )


def test_tables_are_text_with_every_practice_needing_support_and_overdue_milestone(pack: BoardPack) -> None:
    text = " ".join(page_texts(pack.pdf))
    assert (
        "Practices left out of a network, February 2019 2 practices, those that left a network since the "
        "previous month first, then the longest out." in text
    )
    assert "01A A00003 Gamma Medical Centre February 2019 1 North Network Lead to call in March" in text
    assert "01A A00004 Delta Health Centre at least January 2019 2" in text
    # a network's size is a note beside a practice listed for a reason of its own
    assert (
        "02B B00002 Zeta Practice Suspended its contract since the previous month South Network Its network "
        "has fewer than 30,000 patients" in text
    )
    assert "Epsilon Surgery" not in text  # B00001 is only in a small network: no reason to call it
    assert (
        "Networks outside the 30,000–50,000 band 2 of 3 networks: 1 below the band, 1 above it" in text
        and "South Network 02B-N1 2 17,000 Below 30,000 East Network 02B-N2 3 51,000 Above 50,000" in text
    )
    assert "1 milestone due on or before that day and not achieved by then, longest overdue first" in text
    assert "01A North Network Clinical director appointed 15 Feb 2019 13 Lead" in text
    assert "are listed;" not in text  # nothing was cut short


def test_a_table_cut_short_says_how_many_rows_it_left_out(
    contents: PackContents, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_LEFT_OUT_ROWS", 1)
    pack = laid_out(contents)
    text = " ".join(page_texts(pack.pdf))
    assert (
        "The first 1 of 2 practices left out are listed; every one is in "
        "boardpack_every-loaded-area_2019-02_practices_needing_support.csv, made with this pack, and on the "
        "dashboard's Practices needing support page." in text
    )
    assert "Delta Health Centre" not in text
    assert "milestones are listed" not in text  # the one overdue milestone fits
    # the CSV the note points at is one of the pack's files, with every practice
    csv = pack.files()[contents.csv_name].decode("utf-8-sig")
    assert "Delta Health Centre,A00004" in csv.replace('"', "") and "Lead to call in March" in csv


def test_a_practice_name_of_5000_characters_is_shortened_not_a_crash(contents: PackContents) -> None:
    support = contents.support.copy()
    support.loc[0, "practice_name"] = "Very Long Name " * 333 + "End"
    support.loc[1, "practice_name"] = "X" * 5000  # no space to wrap at
    support.loc[2, "network_name"] = "[Network](https://evil.example) " * 200
    pack = laid_out(PackContents(**{**contents.__dict__, "support": support}))
    text = " ".join(page_texts(pack.pdf))
    assert "Very Long Name Very Long Name" in text and "End" not in text.split("Appendix")[0].split()
    assert "X" * 5000 not in text.replace(" ", "")
    assert "Zeta Practice Suspended its contract since the previous month [Network](https://e vil." in text
    assert "[Network](https…" in text  # plain text, cut short
    assert pack.pages < 20


def test_the_same_contents_give_the_same_pdf_bytes(contents: PackContents, pack: BoardPack) -> None:
    assert laid_out(contents).pdf == pack.pdf


@pytest.mark.parametrize(
    ("view", "name"),
    [
        (
            View(("02X",), date(2018, 3, 1), False, "NHS Doncaster CCG (02X)"),
            "boardpack_NHS-Doncaster-CCG-02X_2018-03.pdf",
        ),
        (View(("02X", "08C"), date(2018, 3, 1), True, "England"), "boardpack_England_2018-03.pdf"),
        (
            View(("02N", "02X", "08C"), date(2019, 1, 1), False, "3 areas"),
            "boardpack_02N-02X-08C_2019-01.pdf",
        ),
        (
            View(tuple(f"{n:02d}A" for n in range(12)), FEBRUARY, False, "12 areas"),
            "boardpack_12-areas_2019-02.pdf",
        ),
        (
            View(("01A",), FEBRUARY, False, 'NHS Ynys/Môn: "<North>" (01A)'),
            "boardpack_NHS-Ynys-M-n-North-01A_2019-02.pdf",
        ),
    ],
)
def test_the_file_is_named_for_its_areas_and_month(view: View, name: str, contents: PackContents) -> None:
    from dashboard.boardpack.contents import area_slug

    renamed = PackContents(**{**contents.__dict__, "month": view.month, "area_slug": area_slug(view)})
    assert BoardPack(renamed, {}, b"", 0).pdf_name == name


@pytest.mark.slow
def test_official_months_after_the_chosen_month_are_never_charted(sample_database: Path) -> None:
    march = date(2018, 3, 1)
    contents = gather_contents(sample_database, View(("02X",), march, False, "02X"))
    latest = pd.Timestamp("2018-03-31")
    over_time = [
        c for c in contents.charts if "coverage_over" in c.file_name or "integration_levels" in c.file_name
    ]
    assert len(over_time) == 2
    for chart in over_time:
        for trace in chart.figure.data:
            if str(trace.name).endswith("projected"):
                continue  # a projection is the recent pace drawn forward, not data
            dates = pd.to_datetime(pd.Series(trace.x, dtype=object)).dropna()
            assert (dates <= latest).all(), (chart.file_name, trace.name, dates.max())
    assert "official_coverage" not in " ".join(chart.file_name for chart in contents.charts)
    assert contents.notes["Progress"] == ["Source: the tracker (April 2017 – March 2018)."]


def test_the_dashboard_gets_any_failure_as_a_sentence(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(*_: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(build, "gather_contents", fails)
    monkeypatch.setattr(build, "find_browser", lambda: "chromium")
    monkeypatch.setattr(build, "draw_while_gathering", lambda gather, *_: (gather(), []))
    assert build_board_pack_or_message(tiny_database, EVERY_AREA) == (
        "The board pack could not be made (RuntimeError: the disk is full). "
        "The pages still show every figure; please report this."
    )

    def no_browser() -> str:
        raise BrowserMissing(
            "the board pack needs Chromium to draw its charts; install it with: apt-get install chromium"
        )

    monkeypatch.setattr(build, "find_browser", no_browser)
    assert build_board_pack_or_message(tiny_database, EVERY_AREA) == (
        "The board pack needs Chromium to draw its charts; install it with: apt-get install chromium."
    )


@pytest.mark.slow
def test_a_pack_of_official_files_alone_covers_england_without_tracker_charts(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    db = tmp_path_factory.mktemp("official_only") / "tracker.duckdb"
    fixtures = ROOT / "tests" / "fixtures" / "official"
    names = ["ePCN_2019-12.xlsx", "ePCN_2022-02.xlsx", "epraccur_2019-09.csv", "eccg_2024.csv"]
    load(db, [fixtures / name for name in names])
    view = View(("00C", "00K", "02P", "02X", "03H", "03K", "13T"), date(2019, 12, 1), True, "England")
    contents = gather_contents(db, view)
    pack = laid_out(contents)
    assert pack.pdf_name == "boardpack_England_2019-12.pdf"
    # these fixtures hold no list sizes: no network has a population to draw
    assert [chart.file_name for chart in contents.charts] == ["01_coverage_over_time.png"]
    in_network = progress_content(db, view).figures[0]
    pages = page_texts(pack.pdf)
    lead = (
        f"Practices in a network, December 2019: {in_network.value}; {in_network.change} since November 2019."
    )
    assert pages[0].startswith(f"GP networks board pack December 2019, England {lead}")
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in pages[0]
    text = " ".join(pages)
    assert (
        "Overdue milestones on 31 December 2019 No milestone register has been loaded for these areas."
        in text
    )
    assert "8 networks with no known list size are in no band." in text
    assert "etl load" not in text and "python" not in text  # it speaks to a board
    assert pages[-1].startswith("Appendix: sources") and "ePCN_2022-02.xlsx" in pages[-1]


def footer_strings(document: bytes) -> list[list[tuple[float, float, float, str]]]:
    """Per page, each string under the footer rule: (x from, x to, y, text), x measured in its font."""
    pages = []
    for page in PdfReader(io.BytesIO(document)).pages:
        drawn: list[tuple[float, float, float, str]] = []

        def seen(text: str, cm: Any, tm: Any, font: Any, size: float, drawn: list = drawn) -> None:
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            if text.strip() and y < pdf_parts.FOOTER_ROOM - 4 * 2.8346:
                scale = size * tm[0] * cm[0]
                width = pdf_parts.pdfmetrics.stringWidth(text.strip(), pdf_parts.REGULAR, scale)
                drawn.append((x, x + width, round(y, 1), text.strip()))

        page.extract_text(visitor_text=seen)
        pages.append(drawn)
    return pages


def test_the_footer_lines_never_overprint_and_fit_the_page(contents: PackContents) -> None:
    long_as_at = (
        "Data as at March 2018, from the tracker (1,234 practices) and the official files (6,543 practices); "
        "files loaded by 23 November 2026 at 04:45."
    )
    pack = laid_out(PackContents(**{**contents.__dict__, "data_as_at": long_as_at, "official_data": True}))
    for strings in footer_strings(pack.pdf):
        lines = {y for _, _, y, _ in strings}
        assert len(lines) == 3  # title and page; data as at; the OGL line
        for y in lines:
            row = sorted((start, end) for start, end, at, _ in strings if at == y)
            assert all(end <= following for (_, end), (following, _) in itertools.pairwise(row))
            assert (
                row[0][0] >= pdf_parts.MARGIN - 0.1
                and row[-1][1] <= pdf_parts.PAGE[0] - pdf_parts.MARGIN + 0.1
            )
    text = page_texts(pack.pdf)[0]
    assert long_as_at in text and pdf.OGL in text


def test_networks_all_within_the_band_are_said_in_a_sentence_not_an_empty_table(
    contents: PackContents,
) -> None:
    within = contents.networks.loc[contents.networks["network_name"] == "North Network"]
    text = " ".join(page_texts(laid_out(PackContents(**{**contents.__dict__, "networks": within})).pdf))
    assert (
        "Networks outside the 30,000–50,000 band The network with a known list size is within the band."
        in text
    )
    assert "Network Code Practices Patients Band" not in text


def test_a_pack_without_a_milestone_register_says_so_in_words(contents: PackContents) -> None:
    empty = PackContents(
        **{**contents.__dict__, "milestones_registered": False, "overdue": contents.overdue.head(0)}
    )
    text = " ".join(page_texts(laid_out(empty).pdf))
    assert (
        "Overdue milestones on 28 February 2019 No milestone register has been loaded for these areas."
        in text
    )
    assert "Status Milestones" not in text and "etl load" not in text

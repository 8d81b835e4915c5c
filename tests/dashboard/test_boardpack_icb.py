"""The board paper of an ICB, made as a board secretary makes it: `python -m dashboard.boardpack --icb QOQ`,
over England's real files for October 2024, read back and checked against a plain count of the files."""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard import queries
from dashboard.boardpack.__main__ import main
from dashboard.wording import icb_title
from tests.dashboard.helpers import CHROMIUM, independent_left_out, page_texts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def humber_pack(october_2024: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The command's pack of Humber and North Yorkshire for October 2024, the database named by --db."""
    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium to draw the board pack)")
    out = tmp_path_factory.mktemp("humber")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_DB", str(out / "no-such.duckdb"))  # --db wins over TRACKER_DB
        assert main(["--icb", "qoq", "--month", "2024-10", "--db", str(october_2024), "--out", str(out)]) == 0
    return out


@pytest.mark.browser
def test_an_icb_pack_is_named_by_the_icb_in_its_file_name_and_title(
    humber_pack: Path, october_2024: Path
) -> None:
    assert sorted(p.name for p in humber_pack.iterdir()) == [
        "boardpack_QOQ_2024-10.pdf",
        "boardpack_QOQ_2024-10_01_coverage_over_time.png",
        "boardpack_QOQ_2024-10_02_coverage_map.png",  # drawn on page 1
        "boardpack_QOQ_2024-10_practices_needing_support.csv",
    ]
    areas = queries.areas(october_2024)
    name = icb_title(areas.loc[areas["icb_code"] == "QOQ", "icb_name"].dropna().iloc[0], "QOQ")
    assert name.endswith(" ICB") and not name.startswith("NHS ")
    reader = PdfReader(humber_pack / "boardpack_QOQ_2024-10.pdf")
    assert (
        reader.metadata is not None
        and reader.metadata.title == f"GP networks board pack, October 2024, {name}"
    )
    first = page_texts((humber_pack / "boardpack_QOQ_2024-10.pdf").read_bytes())[0]
    assert first.startswith(
        f"GP networks board pack October 2024, {name} Practices in a network, October 2024:"
    )


@pytest.mark.browser
def test_an_icb_pack_lists_its_sub_icb_locations_and_every_practice_left_out_with_its_telephone(
    humber_pack: Path,
) -> None:
    pages = page_texts((humber_pack / "boardpack_QOQ_2024-10.pdf").read_bytes())
    text = " ".join(pages)
    expected = {
        code: found for code, found in independent_left_out(date(2024, 10, 31)).items() if found[0] == "QOQ"
    }
    assert len(expected) == 5
    assert "Practices in a network by sub-ICB location" in text
    assert "Practices left out of a network, October 2024 5 practices" in text
    for _, _, telephone in expected.values():
        assert telephone in text
    assert (
        "REETH MEDICAL CENTRE at least October 2019 61 01748 884396 REETH SURGERY, RICHMOND, DL11 6SU" in text
    )
    assert "No milestone register has been loaded for these areas." in text
    assert "python" not in text and "etl load" not in text
    with (humber_pack / "boardpack_QOQ_2024-10_practices_needing_support.csv").open(
        encoding="utf-8-sig"
    ) as f:
        rows = list(csv.DictReader(f))
    assert sorted(row["practice_code"] for row in rows[:5]) == sorted(expected)
    assert {row["practice_code"]: row["telephone"] for row in rows[:5]} == {
        code: telephone for code, (_, _, telephone) in expected.items()
    }


def test_an_unknown_icb_is_refused_in_a_sentence(
    october_2024: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/bin/true")  # any program will do: nothing gets drawn
    icbs = queries.areas(october_2024)["icb_code"].nunique()
    assert main(["--icb", "QZZ", "--db", str(october_2024)]) == 2
    assert capsys.readouterr().err == (
        f"error: no data for ICB QZZ; the database has {icbs} of them (the Data page lists them)\n"
    )


def test_pack_scope_of_a_region_is_the_region_by_icb(october_2024: Path) -> None:
    from dashboard.boardpack.scope import pack_scope
    from dashboard.view import View

    areas = queries.areas(october_2024)
    y63 = tuple(areas.loc[areas["region_code"] == "Y63", "ccg_code"])
    scope = pack_scope(areas, View(y63, date(2024, 10, 1), False, "North East and Yorkshire (Y63)"))
    assert (scope.name, scope.slug, scope.rows_are) == ("North East and Yorkshire region", "Y63", "ICB")
    qoq = tuple(areas.loc[areas["icb_code"] == "QOQ", "ccg_code"])
    assert pack_scope(areas, View(qoq, date(2024, 10, 1), False, "x")).slug == "QOQ"
    assert pack_scope(areas, View(qoq[:2], date(2024, 10, 1), False, "x")).rows_are == "Area"


def test_the_progress_page_and_the_command_make_the_same_icb_pack(
    october_2024: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's button offers the pack of the chosen view: an ICB chosen there is `--icb`."""
    from streamlit.testing.v1 import AppTest

    import dashboard.boardpack.__main__ as command
    from dashboard import boardpack
    from dashboard.boardpack.scope import pack_scope
    from dashboard.view import View
    from tests.dashboard.helpers import APP, run_page

    asked: list[View] = []

    def asked_by_page(_db: Path, view: View) -> str:
        asked.append(view)
        return "not drawn"

    def asked_by_command(_db: Path, view: View, **_: object) -> None:
        asked.append(view)
        raise SystemExit(0)  # the view is all this test needs: nothing is drawn

    monkeypatch.setattr(boardpack, "build_board_pack_or_message", asked_by_page)
    monkeypatch.setenv("TRACKER_DB", str(october_2024))
    at = run_page(
        AppTest.from_file(str(APP), default_timeout=60), "progress", {"icb": "QOQ", "month": "2024-10"}
    )
    at.sidebar.button(key="board_pack").click().run()
    monkeypatch.setattr(command, "build_board_pack", asked_by_command)
    monkeypatch.setenv("BROWSER_PATH", "/bin/true")
    with pytest.raises(SystemExit):
        main(["--icb", "QOQ", "--month", "2024-10", "--db", str(october_2024)])
    page_view, command_view = asked
    assert page_view == command_view
    assert pack_scope(queries.areas(october_2024), page_view).slug == "QOQ"

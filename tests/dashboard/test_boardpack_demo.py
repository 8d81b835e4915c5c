"""The board pack of `make demo`'s database (England's official files and four sample CCGs), as read.

What the pack says about itself: the month it shows and that month's sources, and for what it leaves
out, the dashboard page that has it (never a table the pack does not hold); no page is only a heading
and a sentence. Laid out with grey pictures in place of the charts, as in test_boardpack.py.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dashboard import queries
from dashboard.boardpack.build import BoardPack
from dashboard.boardpack.contents import gather_contents
from dashboard.content.common import view_for
from dashboard.wording import month_name
from tests.dashboard.conftest import ROOT, laid_out, load, page_texts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make demo`'s database: England's official files in data/official, then the sample CCGs' returns."""
    db = tmp_path_factory.mktemp("demo") / "tracker.duckdb"
    official = [*(ROOT / "data" / "official").glob("*.csv"), *(ROOT / "data" / "official").glob("*.xlsx")]
    files = [*sorted(official), *sorted((ROOT / "data" / "sample").glob("*.csv"))]
    load(db, files)
    return db


@pytest.fixture(scope="module")
def march_2018(demo_database: Path) -> BoardPack:
    """The demo's pack of March 2018 for every loaded area, as the command makes it."""
    areas = tuple(queries.areas(demo_database)["ccg_code"])
    return laid_out(gather_contents(demo_database, view_for(demo_database, areas, date(2018, 3, 1), True)))


def independent_ccgs(month: str) -> set[str]:
    """The CCG codes of the sample tracker file of the month, read with csv."""
    with (ROOT / "data" / "sample" / f"status_{month}.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    column = next(c for c in rows[0] if "ccg" in c.lower())
    return {row[column].strip().upper() for row in rows}


def test_the_pack_says_what_it_shows_not_the_pages_tables(march_2018: BoardPack, demo_database: Path) -> None:
    pages = page_texts(march_2018.pdf)
    text = " ".join(pages)
    for said in ("the table has", "the tables have", "The table has", "The tables have"):
        assert said not in text
    areas = len(independent_ccgs("2018-03"))
    assert len(queries.areas(demo_database)) > areas  # more areas known than have data in March 2018
    assert (
        f"The chart draws every loaded area as one line; the dashboard's Progress page has each of its "
        f"{areas} areas with data in March 2018. Source: the tracker (April 2017 – March 2018)." in pages[0]
    )
    assert "The dashboard's Milestones page lists every one." in text


def test_the_pack_of_a_month_says_that_month_and_its_own_sources(
    march_2018: BoardPack, demo_database: Path
) -> None:
    with duckdb.connect(str(demo_database), read_only=True) as connection:
        newest = connection.execute("select max(loaded_at) from loads where outcome = 'loaded'").fetchone()
    assert newest is not None
    said = f"Data as at March 2018, from the tracker; files loaded by {newest[0]:%d %B %Y at %H:%M}."
    pages = page_texts(march_2018.pdf)
    assert all(said in page for page in pages)
    assert not any("2019 (the newest month" in page or "Data as at December 2019" in page for page in pages)


def test_no_page_is_a_heading_and_a_sentence(march_2018: BoardPack) -> None:
    """The coverage chart's notes are on page 1 with it; a section's notes never fill a page alone."""
    contents = march_2018.contents
    said = [note for notes in contents.notes.values() for note in notes]
    headings = ["Progress", "Networks", "Milestones"]
    for number, page in enumerate(page_texts(march_2018.pdf), start=1):
        body = page.split(f"GP networks board pack, {month_name(contents.month)}")[0]
        for text in [*said, *headings]:
            body = body.replace(" ".join(text.split()), "")
        assert len(body.split()) >= 10, (number, page)


def test_the_england_pack_points_at_the_dashboard_for_what_it_leaves_out(demo_database: Path) -> None:
    areas = tuple(queries.areas(demo_database)["ccg_code"])
    view = view_for(demo_database, areas, date(2022, 1, 1), True)
    pages = page_texts(laid_out(gather_contents(demo_database, view)).pdf)
    text = " ".join(pages)
    assert view.scope == "England"
    for said in ("the table has", "the tables have", "The table has", "The tables have"):
        assert said not in text
    assert re.search(
        r"The charts show the 60 smallest of [\d,]+ networks; "
        r"the dashboard's Networks page lists every one\.",
        text,
    )
    assert re.search(
        r"The chart draws England as one line; the dashboard's Progress page has each of its [\d,]+ areas "
        r"with data in January 2022\.",
        pages[0],
    )
    assert "Data as at January 2022, from the official files; files loaded by" in pages[1]

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
from dashboard.content.common import area_names, view_for
from dashboard.wording import month_name
from tests.dashboard.helpers import ROOT, laid_out, load, page_texts

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
        f"{areas} areas with data in March 2018. Source: the tracker (April 2017 – March 2018)." in text
    )
    # it speaks to a board: no command line, no table of zeros
    assert "python" not in text and "etl load" not in text and "`" not in text
    assert (
        "Milestones by status: overdue" in text and " 0 " not in text.split("Milestones by status:")[1][:80]
    )


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


HEADINGS = (
    "Practices in a network by",
    "Coverage over time",
    "Practices left out of a network",
    "Other practices needing support",
    "Networks outside the",
    "Overdue milestones on",
    "Appendix: sources",
)


def lone_headings(pack: BoardPack) -> list[tuple[int, str]]:
    """(page, heading) of every heading with fewer than ten words under it before the page ends."""
    month = month_name(pack.contents.month)
    found = []
    for number, page in enumerate(page_texts(pack.pdf), start=1):
        body = page.split(f"GP networks board pack, {month}")[0]
        for heading in HEADINGS:
            at = body.rfind(heading)
            if at >= 0 and len(body[at:].split()) < len(heading.split()) + 10:
                found.append((number, heading))
    return found


@pytest.mark.parametrize(
    ("areas", "month"),
    [((), "2018-03"), (("02X",), "2018-03"), (("02X",), "2019-03"), ((), "2022-01")],
)
def test_no_heading_sits_alone_at_the_foot_of_a_page(
    demo_database: Path, areas: tuple[str, ...], month: str
) -> None:
    every = not areas
    chosen = areas or tuple(queries.areas(demo_database)["ccg_code"])
    day = date(int(month[:4]), int(month[5:]), 1)
    names = tuple(area_names(queries.areas(demo_database))[code] for code in areas)
    pack = laid_out(gather_contents(demo_database, view_for(demo_database, chosen, day, every, names)))
    assert lone_headings(pack) == []


def test_the_england_pack_has_a_table_by_icb_and_every_practice_left_out(demo_database: Path) -> None:
    areas = tuple(queries.areas(demo_database)["ccg_code"])
    view = view_for(demo_database, areas, date(2022, 1, 1), True)
    contents = gather_contents(demo_database, view)
    pages = page_texts(laid_out(contents).pdf)
    text = " ".join(pages)
    assert view.scope == "England" and contents.rows_are == "ICB"
    for said in ("the table has", "the tables have", "The table has", "The tables have"):
        assert said not in text
    assert "Practices in a network by ICB" in text
    left_out = dict(zip(contents.headline["figure"], contents.headline["value"], strict=True))[
        "Practices left out"
    ]
    assert re.search(rf"Practices left out of a network, January 2022 {left_out} practices", text)
    assert int(contents.by_area["left_out"].sum()) == int(left_out.replace(",", ""))
    assert "practices left out are listed" not in text  # every one of them fits
    assert re.search(
        r"The chart draws England as one line; the dashboard's Progress page has each of its [\d,]+ areas "
        r"with data in January 2022\.",
        text,
    )
    assert "Data as at January 2022, from the official files; files loaded by" in pages[1]


def test_the_coverage_note_counts_the_areas_its_table_has(demo_database: Path) -> None:
    """England chosen in March 2018: the note promised one row per loaded area over a table of four."""
    from dashboard.content.progress import progress_content

    areas = tuple(queries.areas(demo_database)["ccg_code"])
    content = progress_content(demo_database, view_for(demo_database, areas, date(2018, 3, 1), True))
    rows = len(content.projection)
    assert 0 < rows < len(areas)
    assert f"the table has each of the {rows} areas with data up to March 2018." in (
        content.coverage.note or ""
    )

"""A page's charts are declared once, in dashboard/content: the page shows them, the pack draws them.

Those declared on paper are in the pack: a new chart is its SQL, its query function and a line in the
page's content, and the page and the pack cannot disagree about it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.boardpack import contents as pack_contents
from dashboard.boardpack.contents import MAP_SECTION, gather_contents
from dashboard.content.common import OnPaper
from dashboard.content.networks import NetworksContent, networks_content
from dashboard.content.progress import progress_content
from dashboard.view import View

FEBRUARY = date(2019, 2, 1)
EVERY_AREA = View(("01A", "02B"), FEBRUARY, every_area=True, scope="every loaded area")


def test_the_pack_draws_exactly_the_charts_the_pages_declare_on_paper(tiny_database: Path) -> None:
    progress = progress_content(tiny_database, EVERY_AREA)
    declared = [c.on_paper.png for c in progress.charts if c.on_paper and c.figure is not None]
    pack = gather_contents(tiny_database, EVERY_AREA)

    drawn = [c.file_name for c in pack.charts if c.section != MAP_SECTION]
    assert drawn == [f"{number:02d}_{png}.png" for number, png in enumerate(declared, start=1)]
    assert [c.caption for c in pack.charts if c.section != MAP_SECTION] == [
        c.on_paper.caption for c in progress.charts if c.on_paper and c.figure is not None
    ]
    assert declared[0] == "coverage_over_time"


def test_a_chart_put_on_paper_in_its_content_is_in_the_pack_with_no_other_change(
    tiny_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def with_population_on_paper(db: Path, view: View) -> NetworksContent:
        content = networks_content(db, view)
        paper = OnPaper("network_population", "Registered patients per network.", section="Networks")
        return replace(content, population=replace(content.population, on_paper=paper))

    monkeypatch.setattr(pack_contents, "networks_content", with_population_on_paper)
    pack = gather_contents(tiny_database, EVERY_AREA)

    names = [c.file_name.split("_", 1)[1] for c in pack.charts]
    assert names[-2:] == ["network_population.png", "coverage_map.png"]
    assert [c.caption for c in pack.charts if c.section == "Networks"] == ["Registered patients per network."]


def test_the_progress_page_shows_its_declared_charts_under_their_headings(app: AppTest) -> None:
    at = app.run()

    assert not at.exception
    # the tiny database is the tracker alone: no official coverage to set beside it
    assert [h.value for h in at.header] == ["Coverage over time", "Integration levels"]
    assert [s.value for s in at.subheader] == ["When each area would reach 100% at its recent pace"]

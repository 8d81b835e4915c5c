"""What a month's board pack holds: the pages' own content (dashboard/content), arranged for a board.

Every figure and chart comes from the content functions the pages call, so the pack shows what the
pages show: the headline, a table by area (sub-ICB locations for an ICB, ICBs for England or a
region, scope.py), every chart a page's content declares on paper (with its caption and note), every
practice left out, the networks outside the band and the overdue milestones. Nothing here draws or
lays out.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import policy, queries
from dashboard.boardpack.images import Chart
from dashboard.boardpack.scope import area_slug, by_area, pack_scope
from dashboard.charts import map as chart_map
from dashboard.content.common import MAP_SECTION, OnPaper, area_names, patients_note_for
from dashboard.content.map import map_content
from dashboard.content.milestones import milestones_content
from dashboard.content.needing_support import needing_support_content
from dashboard.content.networks import networks_content
from dashboard.content.progress import progress_content
from dashboard.view import View
from dashboard.wording import LEFT_OUT_REASONS, month_name

__all__ = ["MAP_SECTION", "TITLE", "PackContents", "area_slug", "gather_contents"]

TITLE = "GP networks board pack"


@dataclass(frozen=True)
class PackContents:
    """Everything the pack shows, worked out but not yet drawn."""

    month: date
    areas: tuple[str, ...]
    area_text: str  # the pack's name: 'Humber and North Yorkshire ICB', 'England', 'NHS Doncaster CCG (02X)'
    area_slug: str  # its name in file names: 'QOQ', 'England', 'NHS-Doncaster-CCG-02X'
    data_as_at: str  # 'Data as at March 2018, from the tracker; files loaded 23 November 2026 at 04:45.'
    since: str | None  # the month changes are counted from, 'January 2019'; None for the first
    source: str  # 'the tracker', 'the official files', ...
    headline: pd.DataFrame  # figure, value, change, note
    rows_are: str  # what a row of by_area is: 'Sub-ICB location', 'ICB' or 'Area'
    by_area: pd.DataFrame  # name, practices, in_network, share, left_out, change
    reasons: pd.DataFrame  # reason, practices
    statuses: pd.DataFrame  # status, milestones
    charts: list[Chart]  # the coverage charts (and the tracker's integration charts)
    notes: dict[str, list[str]]  # section -> sentences said beside its charts
    support: pd.DataFrame  # the call list, as NeedingSupportContent.practices
    left_out: pd.Series  # per row of `support`, whether the practice is left out of a network
    networks: pd.DataFrame  # every network of the areas, as NetworksContent.networks
    milestones_registered: bool  # whether any milestone is registered for these areas
    overdue: pd.DataFrame  # as MilestonesContent.overdue
    sources: pd.DataFrame  # as queries.source_files
    official_data: bool
    # England's figure beside the headline and where the areas stand among their peers (page 1)
    beside: tuple[str, ...] = ()
    # 'Tracker returns as at March 2019: ...' where the milestones' areas' returns are old for the month
    milestones_note: str | None = None

    @property
    def stem(self) -> str:
        """'boardpack_QOQ_2024-10': the start of every file name of the pack."""
        return f"boardpack_{self.area_slug}_{self.month:%Y-%m}"

    @property
    def csv_name(self) -> str:
        """The call list written with the pack: 'boardpack_QOQ_2024-10_practices_needing_support.csv'."""
        return f"{self.stem}_practices_needing_support.csv"

    @property
    def title(self) -> str:
        """'GP networks board pack, October 2024, Humber and North Yorkshire ICB'"""
        return f"{TITLE}, {month_name(self.month)}, {self.area_text}"

    @property
    def outside_band(self) -> pd.DataFrame:
        """The networks below or above the band, the smallest first (those without a list size left out)."""
        known = self.networks.loc[self.networks["population"].notna()]
        outside = (known["population"] < policy.NETWORK_BAND_LOW) | (
            known["population"] > policy.NETWORK_BAND_HIGH
        )
        return known.loc[outside].reset_index(drop=True)


def gather_contents(db: Path, view: View) -> PackContents:
    """The month's headline, table by area, charts and tables, from the content functions of the pages."""
    # each page's questions are independent, and DuckDB answers them without holding Python's lock
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="boardpack-contents") as pool:
        progress_asked = pool.submit(progress_content, db, view)
        networks_asked = pool.submit(networks_content, db, view)
        milestones_asked = pool.submit(milestones_content, db, view)
        support_asked = pool.submit(needing_support_content, db, view)
        coverage_asked = pool.submit(queries.coverage_by_month, db, view.areas, view.month)
        map_asked = pool.submit(map_content, db, view)
        progress, networks = progress_asked.result(), networks_asked.result()
        milestones, support = milestones_asked.result(), support_asked.result()
        coverage = coverage_asked.result()
    areas = queries.areas(db)
    scope = pack_scope(areas, view)
    # every chart the pages' content puts on paper, in the pages' order (the map last: it goes to page 1)
    pages = (progress, networks, milestones, support, map_asked.result())
    on_paper = [
        (chart.on_paper, chart.figure)
        for page in pages
        for chart in page.charts
        if chart.on_paper is not None and chart.figure is not None
    ]
    numbered = [
        Chart(f"{number:02d}_{paper.png}.png", paper.section, _on_paper(paper, figure), paper.caption)
        for number, (paper, figure) in enumerate(on_paper, start=1)
    ]
    notes: dict[str, list[str]] = {}
    for paper, _ in on_paper:
        if paper.note:
            notes.setdefault(paper.section, []).append(paper.note)
    sources = queries.source_files(db, view.areas, view.month)
    left_out = support.reason_codes.map(lambda codes: bool(set(codes) & set(LEFT_OUT_REASONS))).astype(bool)
    return PackContents(
        month=view.month,
        areas=view.areas,
        area_text=scope.name,
        area_slug=scope.slug,
        data_as_at=data_as_at(view.month, progress.source, sources),
        since=progress.since,
        source=progress.source,
        headline=_dated_patients(
            pd.DataFrame(
                [(f.label, f.value, f.change or "", f.help or "") for f in progress.figures],
                columns=["figure", "value", "change", "note"],
            ),
            patients_note_for(db, view),
        ),
        rows_are=scope.rows_are,
        by_area=by_area(coverage, areas, area_names(areas), scope, view.month),
        reasons=support.counts,
        statuses=milestones.counts,
        charts=numbered,
        notes=notes,
        support=support.practices,
        left_out=left_out,
        networks=networks.networks,
        milestones_registered=not milestones.milestones.empty,
        overdue=milestones.overdue,
        sources=sources,
        official_data=queries.official_data_loaded(db),
        beside=tuple(said for said in (progress.peers.england, progress.peers.standing) if said),
        milestones_note=milestones.returns.sentence if milestones.returns else None,
    )


def _dated_patients(headline: pd.DataFrame, patients: str | None) -> pd.DataFrame:
    """The headline with the patient figures' date said in their note, where they are old (issue 18)."""
    if patients is None:
        return headline
    about_patients = headline["figure"] == "Registered patients covered"
    headline.loc[about_patients, "note"] = f"{patients}. " + headline.loc[about_patients, "note"]
    return headline


def _on_paper(paper: OnPaper, figure: go.Figure) -> go.Figure:
    """The figure as paper draws it: the map without what only a click uses."""
    return chart_map.on_paper(figure) if paper.section == MAP_SECTION else figure


def data_as_at(month: date, source: str, sources: pd.DataFrame) -> str:
    """'Data as at March 2018, from the tracker; files loaded by 23 November 2026 at 04:45.'

    The pack's own month and that month's sources, never a later month: the pack of March 2018 shows
    March 2018 even when newer files are loaded. The time is the newest load of the files it uses.
    """
    loaded = pd.to_datetime(sources["loaded_at"]).max() if len(sources) else pd.NaT
    when = f"; files loaded by {loaded:%d %B %Y at %H:%M}" if pd.notna(loaded) else ""
    return f"Data as at {month_name(month)}, from {source}{when}."

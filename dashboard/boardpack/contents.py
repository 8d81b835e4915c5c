"""What a month's board pack holds: the pages' own content (dashboard/content), arranged for paper.

Every figure, limit and chart choice comes from the content functions the pages call, so the pack
shows what the pages show; the pack only cuts tall charts into page-sized parts (paging.py) and
writes a caption under each (captions.py). Nothing here draws or lays out.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

import dashboard.boardpack.captions as captions
import dashboard.boardpack.paging as paging
from dashboard import chart_map, policy, queries
from dashboard.boardpack.images import Chart
from dashboard.content.common import patients_note_for
from dashboard.content.map import MapContent, map_content
from dashboard.content.milestones import MilestonesContent, milestones_content
from dashboard.content.needing_support import needing_support_content
from dashboard.content.networks import NetworksContent, networks_content
from dashboard.content.progress import ProgressContent, progress_content
from dashboard.geography import ATTRIBUTION
from dashboard.view import View
from dashboard.wording import month_name, plural

TITLE = "GP networks board pack"
# more rows than these do not fit a landscape page at a readable size: such a chart is cut into parts
NETWORKS_PER_CHART = 20
MILESTONES_PER_CHART = 22
MAP_SECTION = "Map"  # the map is drawn on page 1, under the headline, not among the pages' charts


@dataclass(frozen=True)
class PackContents:
    """Everything the pack shows, worked out but not yet drawn."""

    month: date
    areas: tuple[str, ...]
    area_text: str  # 'England', 'NHS Doncaster CCG (02X)'
    area_slug: str  # the areas in the file name: 'NHS-Doncaster-CCG-02X'
    data_as_at: str  # 'Data as at March 2018, from the tracker; files loaded 23 November 2026 at 04:45.'
    since: str | None  # the month changes are counted from, 'January 2019'; None for the first
    source: str  # 'the tracker', 'the official files', ...
    headline: pd.DataFrame  # figure, value, change, note
    reasons: pd.DataFrame  # reason, practices
    statuses: pd.DataFrame  # status, milestones
    charts: list[Chart]  # the first is the coverage chart, shown on page 1
    notes: dict[str, list[str]]  # section -> sentences said instead of, or beside, its charts
    # (the Progress notes are about the coverage chart, so page 1 says them under it)
    support: pd.DataFrame  # as NeedingSupportContent.practices
    overdue: pd.DataFrame  # as MilestonesContent.overdue
    sources: pd.DataFrame  # as queries.source_files
    official_data: bool
    # England's figure beside the headline and where the areas stand among their peers (page 1)
    beside: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """'GP networks board pack, March 2018, NHS Doncaster CCG (02X)'"""
        return f"{TITLE}, {month_name(self.month)}, {self.area_text}"


def gather_contents(db: Path, view: View) -> PackContents:
    """The month's headline, charts and tables, from the content functions of the pages."""
    # each page's questions are independent, and DuckDB answers them without holding Python's lock
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="boardpack-contents") as pool:
        progress_asked = pool.submit(progress_content, db, view)
        networks_asked = pool.submit(networks_content, db, view)
        milestones_asked = pool.submit(milestones_content, db, view)
        support_asked = pool.submit(needing_support_content, db, view)
        map_asked = pool.submit(map_content, db, view)
        progress, networks = progress_asked.result(), networks_asked.result()
        milestones, support = milestones_asked.result(), support_asked.result()
    notes: dict[str, list[str]] = {"Progress": [], "Networks": [], "Milestones": []}
    charts = [
        *_progress_charts(progress, view, notes["Progress"]),
        *_network_charts(networks, notes["Networks"]),
        *_milestone_charts(milestones, notes["Milestones"]),
        *_map_chart(map_asked.result()),
    ]
    sources = queries.source_files(db, view.areas, view.month)
    numbered = [
        Chart(f"{number:02d}_{chart.file_name}", chart.section, chart.figure, chart.caption)
        for number, chart in enumerate(charts, start=1)
    ]
    return PackContents(
        month=view.month,
        areas=view.areas,
        area_text=view.scope,
        area_slug=area_slug(view),
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
        reasons=support.counts,
        statuses=milestones.counts,
        charts=numbered,
        notes={section: said for section, said in notes.items() if said},
        support=support.practices,
        overdue=milestones.overdue,
        sources=sources,
        official_data=queries.official_data_loaded(db),
        beside=tuple(said for said in (progress.peers.england, progress.peers.standing) if said),
    )


def _dated_patients(headline: pd.DataFrame, patients: str | None) -> pd.DataFrame:
    """The headline with the patient figures' date said in their note, where they are old (issue 18)."""
    if patients is None:
        return headline
    about_patients = headline["figure"] == "Registered patients covered"
    headline.loc[about_patients, "note"] = f"{patients}. " + headline.loc[about_patients, "note"]
    return headline


def _progress_charts(progress: ProgressContent, view: View, notes: list[str]) -> list[Chart]:
    """Coverage (page 1), official coverage, integration levels and contracts, as Progress has them."""
    coverage, month = progress.coverage, view.month
    drawn = [
        _chart("coverage_over_time", "Progress", coverage.figure, captions.over_time(coverage.figure, "%"))
    ]
    notes += [note] if (note := coverage_note(coverage.note, coverage.numbers, view)) else []
    official = progress.official
    if official is not None and official.figure is not None:
        drawn.append(
            _chart("official_coverage", "Progress", official.figure, captions.over_time(official.figure, "%"))
        )
    mix, by_contract = progress.integration_mix, progress.integration_by_contract
    if mix is not None and mix.figure is not None:
        drawn.append(
            _chart("integration_levels", "Progress", mix.figure, captions.stacked_latest(mix.figure, month))
        )
    if by_contract is not None and by_contract.figure is not None:
        drawn.append(
            _chart(
                "integration_by_contract",
                "Progress",
                by_contract.figure,
                captions.grouped_bars(by_contract.figure),
            )
        )
    return drawn


def _map_chart(shown: MapContent) -> list[Chart]:
    """The map of page 1 (section MAP_SECTION), its words and the outlines' attribution as its caption."""
    if shown.chart.figure is None:
        return []
    said = shown.alternative.removesuffix(" Its numbers are in the tables below it.")  # the page's tables
    caption = " ".join([said, *shown.notes, ATTRIBUTION])
    return [_chart("coverage_map", MAP_SECTION, chart_map.on_paper(shown.chart.figure), caption)]


def _network_charts(networks: NetworksContent, notes: list[str]) -> list[Chart]:
    """The Networks page's two charts, cut into parts that fit a page; none when no network."""
    population, mix = networks.population, networks.mix
    rows = networks.networks
    if population.figure is None:
        unknown = len(rows) and rows["population"].isna().all()
        notes.append(
            population.empty_text
            or networks.empty_text
            or (
                f"{plural(len(rows), 'network')}, none with a known list size: the population chart has "
                "nothing to draw."
                if unknown
                else "No networks."
            )
        )
        return []
    if population.note and len(rows) > policy.MAX_NETWORK_BARS:  # the page's note refers to its tables
        notes.append(
            f"The charts show the {policy.MAX_NETWORK_BARS} smallest of {len(rows):,} networks; "
            "the dashboard's Networks page lists every one."
        )
    drawn = [
        _chart(
            "network_population", "Networks", part, captions.networks(part, _named(rows, shown)), index, count
        )
        for index, (part, shown), count in _numbered(paging.in_parts(population.figure, NETWORKS_PER_CHART))
    ]
    if mix is not None and mix.figure is not None:
        drawn += [
            _chart(
                "network_integration_mix",
                "Networks",
                part,
                captions.network_mix(part, _named(rows, shown)),
                index,
                count,
            )
            for index, (part, shown), count in _numbered(paging.in_parts(mix.figure, NETWORKS_PER_CHART))
        ]
    return drawn


def _milestone_charts(milestones: MilestonesContent, notes: list[str]) -> list[Chart]:
    """The Milestones page's timeline, most urgent first, cut into parts that fit a page."""
    timeline = milestones.timeline
    if timeline is None or timeline.figure is None:
        notes.append(milestones.empty_text or "No milestones.")
        return []
    if timeline.note:  # '...; left out: 17 not yet due, 31 achieved. The table has every one.'
        said = re.sub(r"\s*The table has every one\.$", "", timeline.note)
        notes.append(f"{said} The dashboard's Milestones page lists every one.")
    parts = paging.in_parts(timeline.figure, MILESTONES_PER_CHART, per_row=22)
    return [
        _chart("milestone_timeline", "Milestones", part, captions.timeline(part, shown), index, count)
        for index, (part, shown), count in _numbered(parts)
    ]


def _numbered(parts: list[tuple[go.Figure, list[str]]]) -> list[tuple[int, tuple[go.Figure, list[str]], int]]:
    return [(index, part, len(parts)) for index, part in enumerate(parts, start=1)]


def _named(rows: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The rows of the networks a part of a chart shows."""
    return rows.loc[rows["network_name"].isin(names)]


def _chart(stem: str, section: str, figure: go.Figure, caption: str, index: int = 1, count: int = 1) -> Chart:
    """'network_population.png', or 'network_population_2.png' for the second of several parts."""
    name = f"{stem}.png" if count == 1 else f"{stem}_{index}.png"
    return Chart(name, section, figure, caption)


def area_slug(view: View) -> str:
    """The areas in a file name: 'England', 'NHS-Doncaster-CCG-02X', '02N-02X-08C' or '12-areas'."""
    if len(view.areas) == 1 or view.every_area:
        text = view.scope
    elif len(view.areas) <= 3:
        text = "-".join(view.areas)
    else:
        text = f"{len(view.areas)}-areas"
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:80] or "areas"


def coverage_note(page_note: str | None, numbers: pd.DataFrame, view: View) -> str | None:
    """The coverage chart's note on paper: what the chart draws and its sources, and where each area is.

    The page's note points at the page's table, which the pack has not; the areas are counted from
    the rows the chart was drawn from (areas with data in the month), not from the areas chosen.
    """
    if not page_note:
        return None
    said = page_note[page_note.find("Source:") :] if "Source:" in page_note else ""
    if len(view.areas) > policy.MAX_AREA_LINES:  # the chart draws the areas as one line
        month = month_name(view.month)
        counted = numbers.loc[numbers["month"] == month, "area"].nunique()
        drawn = (
            f"The chart draws {view.scope} as one line"
            if view.every_area
            else f"{len(view.areas):,} areas are chosen, so the chart draws them as one line"
        )
        each = "each one" if counted == 1 else f"each of its {counted:,} areas with data in {month}"
        said = f"{drawn}; the dashboard's Progress page has {each}. {said}"
    return said.strip() or None


def data_as_at(month: date, source: str, sources: pd.DataFrame) -> str:
    """'Data as at March 2018, from the tracker; files loaded by 23 November 2026 at 04:45.'

    The pack's own month and that month's sources, never a later month: the pack of March 2018 shows
    March 2018 even when newer files are loaded. The time is the newest load of the files it uses.
    """
    loaded = pd.to_datetime(sources["loaded_at"]).max() if len(sources) else pd.NaT
    when = f"; files loaded by {loaded:%d %B %Y at %H:%M}" if pd.notna(loaded) else ""
    return f"Data as at {month_name(month)}, from {source}{when}."

"""What a month's board pack holds, built from the same queries, summaries and charts as the pages.

build_board_pack() is shared by `python -m dashboard.boardpack` and the dashboard's download: it
gathers the month's figures, draws every chart of the Progress, Networks and Milestones pages as
PNG and lays the whole out as one PDF.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, queries
from dashboard.boardpack_images import Chart, draw_charts, find_browser
from dashboard.boardpack_pdf import pack_pdf
from dashboard.queries import Version
from dashboard.summaries import (
    combined_coverage,
    compared_rows,
    headline_figures,
    month_name,
    reason_counts,
    status_counts,
)

TITLE = "GP networks board pack"
# the limits of the pages, so that the pack shows what they show
MAX_CCG_LINES = 8  # Progress: more CCGs than this are drawn as one line
MAX_NETWORKS = 60  # Networks: the smallest networks, which matter most
MAX_MILESTONES = 60  # Milestones: the most pressing, overdue first
MAX_CCGS_NAMED = 8  # more codes than this do not fit the footer; the cover lists them all
# more bars than these do not fit a landscape page at a readable size: such a chart is split
NETWORKS_PER_CHART = 20
MILESTONES_PER_CHART = 22
# one browser at a time: two people downloading at once would otherwise start two
_drawing = threading.Lock()


@dataclass(frozen=True)
class PackContents:
    """Everything the pack shows, worked out but not yet drawn."""

    month: date
    ccgs: tuple[str, ...]
    ccg_text: str
    data_as_at: str
    previous_month: date | None
    headline: pd.DataFrame  # figure, value, change, note
    reasons: pd.DataFrame  # reason, practices
    statuses: pd.DataFrame  # status, milestones
    charts: list[Chart]
    left_out: dict[str, str]  # section -> what its page says instead of charts, when it has none
    support: pd.DataFrame  # as queries.practices_needing_support
    overdue: pd.DataFrame  # as queries.milestone_statuses, the overdue ones
    sources: pd.DataFrame  # as queries.source_files
    official_data: bool

    @property
    def title(self) -> str:
        """'GP networks board pack, March 2018'"""
        return f"{TITLE}, {month_name(self.month)}"


@dataclass(frozen=True)
class BoardPack:
    """The drawn pack: each chart's PNG by file name, and the PDF."""

    contents: PackContents
    images: dict[str, bytes]
    pdf: bytes
    pages: int

    @property
    def pdf_name(self) -> str:
        """'boardpack_2018-03.pdf'"""
        return f"boardpack_{self.contents.month:%Y-%m}.pdf"


def build_board_pack(
    version: Version, ccgs: tuple[str, ...], month: date, *, every_ccg: bool, browser: str | None = None
) -> BoardPack:
    """The pack of the chosen CCGs for the month; BrowserMissing when there is no Chromium to draw with."""
    browser = browser or find_browser()
    contents = gather_contents(version, ccgs, month, every_ccg=every_ccg)
    with _drawing:
        pngs = draw_charts(contents.charts, browser)
    images = {chart.file_name: png for chart, png in zip(contents.charts, pngs, strict=True)}
    pdf, pages = pack_pdf(contents, images)
    return BoardPack(contents, images, pdf, pages)


def gather_contents(version: Version, ccgs: tuple[str, ...], month: date, *, every_ccg: bool) -> PackContents:
    """The month's headline, charts and tables, from the queries the pages ask."""
    headline = queries.headline(version, ccgs, month)
    before = compared_rows(headline)[1]
    milestones = queries.milestone_statuses(version, ccgs, month)
    support = queries.practices_needing_support(version, ccgs, month)
    official = queries.official_data_loaded(version)
    progress, networks, timeline = (
        _progress_charts(version, ccgs, month, official),
        _network_charts(version, ccgs, month),
        _milestone_charts(milestones),
    )
    left_out = {}
    if not networks:
        left_out["Networks"] = f"No practice of these CCGs is in a network in {month_name(month)}."
    if not timeline:
        left_out["Milestones"] = "No milestones are registered for these CCGs."
    numbered = [
        Chart(f"{number:02d}_{chart.file_name}", chart.section, chart.figure)
        for number, chart in enumerate(progress + networks + timeline, start=1)
    ]
    return PackContents(
        month=month,
        ccgs=ccgs,
        ccg_text=_ccg_text(ccgs, every_ccg),
        data_as_at=_data_as_at(version, ccgs, every_ccg),
        previous_month=None if before is None else before["snapshot_date"].date(),
        headline=pd.DataFrame(
            [(f.label, f.value, f.change or "", f.help or "") for f in headline_figures(headline)],
            columns=["figure", "value", "change", "note"],
        ),
        reasons=reason_counts(support),
        statuses=status_counts(milestones),
        charts=numbered,
        left_out=left_out,
        support=support,
        overdue=milestones.loc[milestones["status"] == "Overdue"].reset_index(drop=True),
        sources=queries.source_files(version, ccgs, month),
        official_data=official,
    )


def _progress_charts(version: Version, ccgs: tuple[str, ...], month: date, official: bool) -> list[Chart]:
    """The Progress page's charts, chosen as the page chooses them."""
    coverage = queries.coverage_by_month(version, ccgs, month)
    if len(ccgs) > MAX_CCG_LINES:
        figure = charts.coverage_over_time(combined_coverage(coverage).assign(ccg_code="Chosen CCGs"))
    else:
        figure = charts.coverage_over_time(coverage, queries.coverage_projection(version, ccgs, month))
    drawn = [Chart("coverage_over_time.png", "Progress", figure)]
    if official:
        official_coverage = queries.official_coverage_by_month(version, ccgs, month)
        drawn.append(
            Chart("official_coverage.png", "Progress", charts.official_coverage_over_time(official_coverage))
        )
    mix = queries.integration_mix_by_month(version, ccgs, month)
    by_contract = queries.integration_by_contract(version, ccgs, month)
    return [
        *drawn,
        Chart("integration_levels.png", "Progress", charts.integration_mix_over_time(mix)),
        Chart("integration_by_contract.png", "Progress", charts.integration_by_contract(by_contract, month)),
    ]


def _network_charts(version: Version, ccgs: tuple[str, ...], month: date) -> list[Chart]:
    """The Networks page's two charts, split into parts that fit a page; none when no network."""
    networks = queries.network_sizes(version, ccgs, month).head(MAX_NETWORKS)
    if networks.empty:
        return []
    parts = _in_parts(networks, NETWORKS_PER_CHART)
    # split charts share one scale, so that bars on different pages compare
    population_top = max(float(networks["population"].max()), charts.BAND_HIGH) * 1.15
    most_practices = float(networks["practices"].max()) * 1.05
    population = [
        _part(charts.network_population(part, month), number, len(parts), x_range=population_top)
        for number, part in enumerate(parts, start=1)
    ]
    mix = [
        _part(charts.network_integration_mix(part, month), number, len(parts), x_range=most_practices)
        for number, part in enumerate(parts, start=1)
    ]
    return _named("network_population", "Networks", population) + _named(
        "network_integration_mix", "Networks", mix
    )


def _milestone_charts(milestones: pd.DataFrame) -> list[Chart]:
    """The Milestones page's timeline, most pressing first, split into parts that fit a page."""
    if milestones.empty:
        return []
    parts = _in_parts(milestones.head(MAX_MILESTONES), MILESTONES_PER_CHART)
    timelines = [
        _part(charts.milestone_timeline(part), number, len(parts))
        for number, part in enumerate(parts, start=1)
    ]
    return _named("milestone_timeline", "Milestones", timelines)


def _in_parts(rows: pd.DataFrame, most: int) -> list[pd.DataFrame]:
    """The rows in as few equal parts as keep each within `most`: 45 rows, at most 20 -> 15, 15, 15."""
    count = max(1, math.ceil(len(rows) / most))
    size = math.ceil(len(rows) / count)
    return [rows.iloc[start : start + size] for start in range(0, len(rows), size)]


def _part(figure: go.Figure, number: int, count: int, x_range: float | None = None) -> go.Figure:
    """A chart that is one of `count` parts says which, and shares the other parts' scale."""
    if count == 1:
        return figure
    figure.update_layout(title_text=f"{figure.layout.title.text} (part {number} of {count})")
    if x_range is not None:
        figure.update_xaxes(range=[0, x_range])
    return figure


def _named(stem: str, section: str, figures: list[go.Figure]) -> list[Chart]:
    """'network_population.png', or 'network_population_1.png', ... for a chart in parts."""
    if len(figures) == 1:
        return [Chart(f"{stem}.png", section, figures[0])]
    return [Chart(f"{stem}_{number}.png", section, f) for number, f in enumerate(figures, start=1)]


def _ccg_text(ccgs: tuple[str, ...], every_ccg: bool) -> str:
    """'all CCGs (02N, 02X)', 'CCG 02X', or 'all 42 CCGs' where the codes would not fit a footer."""
    if len(ccgs) > MAX_CCGS_NAMED:
        return f"{'all ' * every_ccg}{len(ccgs)} CCGs"
    if every_ccg:
        return f"all CCGs ({', '.join(ccgs)})"
    return f"CCG{'s' * (len(ccgs) != 1)} {', '.join(ccgs)}"


def _data_as_at(version: Version, ccgs: tuple[str, ...], every_ccg: bool) -> str:
    """'March 2019 (the newest snapshot of all CCGs), loaded 22 November 2026 at 11:23', as the pages say."""
    as_at = queries.data_as_at(version, ccgs).iloc[0]
    loaded = f", loaded {as_at['loaded_at']:%d %B %Y at %H:%M}" if pd.notna(as_at["loaded_at"]) else ""
    whose = "all CCGs" if every_ccg else _ccg_text(ccgs, every_ccg)
    return f"{month_name(as_at['snapshot_date'])} (the newest snapshot of {whose}){loaded}"

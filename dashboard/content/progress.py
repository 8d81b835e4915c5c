"""The Progress page's content: the headline, coverage over time with the pace to 100%, official
coverage beside the tracker's, and integration levels (tracker only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import charts, policy, queries
from dashboard.charts import captions
from dashboard.content.common import (
    Chart,
    OnPaper,
    Table,
    area_names,
    drawn,
    labelled,
    months_written,
)
from dashboard.content.map import icb_label
from dashboard.content.peers import NO_PEERS, Peers, peers_content
from dashboard.headline import (
    HeadlineFigure,
    combined_coverage,
    compared_rows,
    headline_figures,
    headline_table,
)
from dashboard.view import View
from dashboard.wording import SOURCE_WORDS, month_name, plural, share_text


@dataclass(frozen=True)
class ProgressContent:
    """Everything Progress shows, in order; the board pack's first page is the headline and coverage."""

    scope: str
    source: str
    figures: list[HeadlineFigure]
    since: str | None
    # "Changes are since February 2019[, for the areas ...]." or "There is no earlier month ..."
    since_text: str
    headline_table: pd.DataFrame
    coverage: Chart
    projection: pd.DataFrame
    official: Chart | None
    integration_mix: Chart | None
    integration_by_contract: Chart | None
    # England's figure for the month beside the view's, and where the view stands among its peers
    peers: Peers = NO_PEERS

    @property
    def charts(self) -> tuple[Chart, ...]:
        """Progress's charts in the page's order: the page shows each, the pack draws those on paper."""
        declared = (self.coverage, self.official, self.integration_mix, self.integration_by_contract)
        return tuple(chart for chart in declared if chart is not None)


def progress_content(db: Path, view: View) -> ProgressContent:
    """Progress for the view: figures from practice_months, tracker-only figures where tracker rows exist."""
    known = queries.areas(db)
    names = area_names(known, view.month)
    headline = queries.headline(db, view.areas, view.month)
    now, before = compared_rows(headline)
    source = source_note(int(now["tracker_practices"]), int(now["official_practices"]))
    figures = headline_figures(headline, source)
    since = None if before is None else month_name(before["month"])
    partly = since is not None and bool(now["partly_compared"])
    coverage, projection = _coverage(db, view, names, own_areas(known, view))
    tracked = int(now["tracker_practices"]) > 0
    official = _official(db, view) if tracked else None
    mix, by_contract = _integration(db, view) if tracked else (None, None)
    return ProgressContent(
        scope=view.scope,
        source=source,
        figures=figures,
        since=since,
        since_text=(
            "There is no earlier month with data from the same source to compare with."
            if since is None
            else f"Changes are since {since}"
            + (", for the areas with data from the same source in both months." if partly else ".")
        ),
        headline_table=headline_table(figures, since or "no earlier month"),
        coverage=coverage,
        projection=projection,
        official=official,
        integration_mix=mix,
        integration_by_contract=by_contract,
        peers=peers_content(db, view),
    )


PROJECTION_TEXT = (
    "A straight line through each area's latest months with data (its pace in percentage points a "
    "month), the areas furthest from 100% first. 'not at the current pace' means coverage has been flat "
    "or falling. An area without data in the chosen month is not projected. The CSV also has how many "
    "months each line is drawn through."
)


def source_note(tracker_practices: int, official_practices: int) -> str:
    """'the tracker', 'the official files', or both with how many practices each gives."""
    if tracker_practices and official_practices:
        return (
            f"the tracker ({plural(tracker_practices, 'practice')}) and "
            f"the official files ({plural(official_practices, 'practice')})"
        )
    return "the tracker" if tracker_practices else "the official files"


def own_areas(areas: pd.DataFrame, view: View) -> int:
    """How many of the chosen areas have figures of their own: an area that closed and whose practices
    are all counted under the area that took them (queries.areas lists it, without data, so that a link
    with its code finds that area) is not one, nor a line on a chart."""
    with_data = areas["has_tracker"].fillna(False).astype(bool) | areas["has_official"].fillna(False).astype(
        bool
    )
    counted_elsewhere = set(areas.loc[~with_data, "ccg_code"])
    return len(set(view.areas) - counted_elsewhere)


def _coverage(db: Path, view: View, names: dict[str, str], chosen: int) -> tuple[Chart, pd.DataFrame]:
    coverage = queries.coverage_by_month(db, view.areas, view.month)
    projection = queries.coverage_projection(db, view.areas, view.month)
    together = chosen > policy.MAX_AREA_LINES
    series = (
        _combined(coverage, view) if together else coverage.assign(ccg_code=coverage["ccg_code"].map(names))
    )
    charted_projection = (
        projection[projection["ccg_code"] == ""].assign(ccg_code=series["ccg_code"].iloc[-1])
        if together
        else projection[projection["ccg_code"] != ""].assign(
            ccg_code=lambda rows: rows["ccg_code"].map(names)
        )
    )
    context, context_name = _context(db, coverage, view, names) if together else (None, "")
    figure = drawn(
        charts.coverage_over_time(
            series.rename(columns={"month": "snapshot_date"}), charted_projection, context, context_name
        )
    )
    tabled = int((projection["ccg_code"] != "").sum())  # the table's rows: areas with data by the month
    note = (
        (
            f"The chart draws {view.scope} as one line; the table has each of the {tabled:,} areas with "
            f"data up to {month_name(view.month)}."
            if view.every_area
            else f"{chosen:,} areas are chosen, so the chart shows them together; the table has each one."
        )
        if together
        else ""
    )
    note = " ".join(part for part in (note, coverage_sources(coverage)) if part)
    numbers = months_written(labelled(coverage, names), ["month"])
    shown_projection = labelled(projection[projection["ccg_code"] != ""], names)
    shown_projection = shown_projection.assign(
        reaches_100=shown_projection["reaches_100"].map(_month_words),
    )[["area", "latest_month", "coverage_pct", "months_in_trend", "points_per_month", "reaches_100"]]
    # the areas furthest from 100% first: those are the ones to look at
    shown_projection = shown_projection.sort_values(["coverage_pct", "area"], kind="stable").reset_index(
        drop=True
    )
    shown_projection = months_written(shown_projection, ["latest_month"])
    chart = Chart(
        figure,
        numbers,
        "coverage",
        f"coverage_{view.month:%Y-%m}.csv",
        note=note,
        heading="Coverage over time",
        table=Table(
            shown_projection,
            "projection",
            f"reaching_100_{view.month:%Y-%m}.csv",
            "When each area would reach 100% at its recent pace",
            PROJECTION_TEXT,
            on_screen=["area", "coverage_pct", "reaches_100", "points_per_month", "latest_month"],
        ),
        on_paper=None
        if figure is None
        else OnPaper(
            "coverage_over_time",
            captions.over_time(figure, "%"),
            note=coverage_note(note, numbers, view, chosen),
        ),
    )
    return chart, shown_projection


def coverage_sources(coverage: pd.DataFrame) -> str:
    """'Source: the tracker (April 2017 – March 2019) and the official files (October 2019 – April 2022).'"""
    spans = []
    for source in ("tracker", "official"):
        months = coverage.loc[coverage["source"] == source, "month"]
        if len(months):
            first, last = month_name(months.min()), month_name(months.max())
            spans.append(f"{SOURCE_WORDS[source]} ({first if first == last else f'{first} – {last}'})")
    return f"Source: {' and '.join(spans)}." if spans else ""


def _combined(coverage: pd.DataFrame, view: View) -> pd.DataFrame:
    """The chosen areas summed per month; every area before the official files is not England."""
    combined = combined_coverage(coverage)
    if not view.every_area:
        return combined.assign(ccg_code=view.scope)
    official_months = set(coverage.loc[coverage["source"] == "official", "month"])
    return combined.assign(
        ccg_code=combined["month"].map(
            lambda month: "England" if month in official_months else "Areas with tracker returns"
        )
    )


def _context(db: Path, coverage: pd.DataFrame, view: View, names: dict[str, str]) -> tuple[pd.DataFrame, str]:
    """The grey lines under the one line of many areas: each ICB for England, else each area."""
    if view.scope == "England":
        areas = queries.areas(db).dropna(subset=["icb_code"])
        icb_of = {
            code: icb_label(icb, name)
            for code, icb, name in zip(areas["ccg_code"], areas["icb_code"], areas["icb_name"], strict=True)
        }
        official = coverage.loc[coverage["source"] == "official"]
        by_icb = official.assign(ccg_code=official["ccg_code"].map(icb_of)).dropna(subset=["ccg_code"])
        summed = by_icb.groupby(["month", "ccg_code"], as_index=False)[
            ["practices", "practices_in_network"]
        ].sum()
        summed["coverage_pct"] = (100 * summed["practices_in_network"] / summed["practices"]).round(1)
        return summed.rename(columns={"month": "snapshot_date"}), "Each ICB (grey)"
    each = coverage.assign(ccg_code=coverage["ccg_code"].map(lambda code: names.get(code, code)))
    return each.rename(columns={"month": "snapshot_date"}), "Each area (grey)"


def _month_words(reaches_100: str) -> str:
    """'2019-06' -> 'June 2019'; sentences stay as they are."""
    if reaches_100[:4].isdigit():
        return month_name(pd.Timestamp(reaches_100 + "-01"))
    return reaches_100


def _official(db: Path, view: View) -> Chart | None:
    if not queries.official_data_loaded(db):
        return None
    official = queries.official_coverage_by_month(db, view.areas, view.month)
    if not official["series"].str.startswith("Official").any():
        return None
    figures = []
    for series, rows in official[official["series"].str.startswith("Official")].groupby("series", sort=True):
        latest = rows.sort_values("month").iloc[-1]
        text = share_text(int(latest["practices_in_network"]), int(latest["practices"]))
        figures.append((f"{series}, {month_name(latest['month'])}", text))
    figure = drawn(charts.official_coverage_over_time(official.rename(columns={"month": "snapshot_date"})))
    numbers = months_written(official, ["month"])
    return Chart(
        figure,
        numbers,
        "official_coverage",
        f"official_coverage_{view.month:%Y-%m}.csv",
        heading="Official PCN coverage beside the tracker's",
        figures=tuple(figures),
        figures_help="Open GP practices with a current ePCN membership spell",
        on_paper=None if figure is None else OnPaper("official_coverage", captions.over_time(figure, "%")),
    )


def _integration(db: Path, view: View) -> tuple[Chart, Chart]:
    mix = queries.integration_mix_by_month(db, view.areas, view.month)
    mix_numbers = (
        mix.pivot(index="month", columns="integration_level", values="practices").fillna(0).reset_index()
    )
    by_contract = queries.integration_by_contract(db, view.areas, view.month)
    contract_numbers = (
        by_contract.pivot(index="integration_level", columns="contract_type", values="practices")
        .fillna(0)
        .reset_index()
    )
    mix_figure = drawn(charts.integration_mix_over_time(mix.rename(columns={"month": "snapshot_date"})))
    contract_figure = drawn(charts.integration_by_contract(by_contract, view.month))
    return (
        Chart(
            mix_figure,
            months_written(mix_numbers, ["month"]),
            "integration_mix",
            f"integration_levels_by_month_{view.month:%Y-%m}.csv",
            note="Source: the tracker.",
            heading="Integration levels",
            on_paper=None
            if mix_figure is None
            else OnPaper("integration_levels", captions.stacked_latest(mix_figure, view.month)),
        ),
        Chart(
            contract_figure,
            contract_numbers,
            "integration_by_contract",
            f"integration_by_contract_{view.month:%Y-%m}.csv",
            note="Source: the tracker.",
            on_paper=None
            if contract_figure is None
            else OnPaper("integration_by_contract", captions.grouped_bars(contract_figure)),
        ),
    )


def coverage_note(page_note: str | None, numbers: pd.DataFrame, view: View, chosen: int) -> str | None:
    """The coverage chart's note on paper: what the chart draws and its sources, and where each area is.

    The page's note points at the page's table, which the pack has not; the areas are counted from
    the rows the chart was drawn from (areas with data in the month), not from the areas chosen;
    `chosen`: how many chosen areas have figures of their own (own_areas).
    """
    if not page_note:
        return None
    said = page_note[page_note.find("Source:") :] if "Source:" in page_note else ""
    if chosen > policy.MAX_AREA_LINES:  # the chart draws the areas as one line
        month = month_name(view.month)
        counted = numbers.loc[numbers["month"] == month, "area"].nunique()
        drawn = (
            f"The chart draws {view.scope} as one line"
            if view.every_area
            else f"{chosen:,} areas are chosen, so the chart draws them as one line"
        )
        each = "each one" if counted == 1 else f"each of its {counted:,} areas with data in {month}"
        said = f"{drawn}; the dashboard's Progress page has {each}. {said}"
    return said.strip() or None

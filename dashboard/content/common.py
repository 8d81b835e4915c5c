"""Pieces every page's content shares: a chart with its numbers, area names, the scope, month columns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, queries
from dashboard.view import View
from dashboard.wording import (
    PATIENTS_OLDER_THAN_MONTHS,
    SOURCE_KIND_WORDS,
    area_label,
    month_name,
    sources_text,
)

MANY_AREAS = 3  # more chosen areas than this are counted, not listed, in a title


MAP_SECTION = "Map"  # the board pack draws the map on page 1, under the headline, not among the charts


@dataclass(frozen=True)
class OnPaper:
    """How the board pack draws a chart: its PNG's name, its section, and its key numbers in words."""

    png: str  # 'coverage_over_time': the pack numbers it, '01_coverage_over_time.png'
    caption: str
    section: str = "Progress"
    note: str | None = None  # said once above the section's charts


@dataclass(frozen=True)
class Table:
    """A table a page shows under a chart: its heading, what it says, and the columns shown on screen."""

    frame: pd.DataFrame
    key: str
    file_name: str
    heading: str
    caption: str
    on_screen: list[str] | None = None


@dataclass(frozen=True)
class Chart:
    """A chart, the numbers behind it, and the sentence shown instead when there is nothing to draw.

    Declared once in a page's content: the page shows it (under `heading`, after `figures`, then its
    `table`), and the board pack draws it when it is `on_paper`.
    """

    figure: go.Figure | None
    numbers: pd.DataFrame
    key: str
    file_name: str
    empty_text: str | None = None
    note: str | None = None
    heading: str | None = None  # the page's heading above it, where it starts a part of the page
    figures: tuple[tuple[str, str], ...] = ()  # (label, value) shown as figures above it
    figures_help: str | None = None
    table: Table | None = None
    on_paper: OnPaper | None = None
    numbers_on_screen: list[str] | None = None  # the numbers' columns shown, where the CSV has more


def drawn(figure: go.Figure) -> go.Figure | None:
    """The figure, or None when it has nothing to draw (the page then says so in a sentence)."""
    return None if charts.is_empty(figure) else figure


def area_names(areas: pd.DataFrame, month: date | None = None) -> dict[str, str]:
    """code -> 'NHS Doncaster CCG (02X)' from queries.areas: the one naming rule of every page and pack.

    An area is named by its CCG name where one is known (a sub-ICB location is known by its CCG's
    name, never as "NHS SOUTH YORKSHIRE ICB - 02X"), else by its newest name; always with its code.
    `month` is accepted for callers that pass it; the name does not depend on it.
    """
    del month
    names: dict[str, str | None] = {}
    for row in areas.itertuples(index=False):
        chosen = row.ccg_name if isinstance(row.ccg_name, str) and row.ccg_name.strip() else row.name
        code = str(row.ccg_code)  # an area's code, never missing
        names[code] = chosen if isinstance(chosen, str) and chosen.strip() else None
    return {code: area_label(code, names) for code in names}


def view_for(
    db: Path, areas: tuple[str, ...], month: date, every_area: bool, chosen: tuple[str, ...] = ()
) -> View:
    """The View of these areas and month, named as its figures may be ('England' only when it is England).

    `chosen` names what was chosen (regions, ICBs, areas as 'Name (CODE)'); none when every area is shown.
    """
    headline = queries.headline(db, areas, month)
    # a figure labelled England must cover England: the official files must cover the month
    official = int(headline.loc[headline["compared"] == "selected", "official_practices"].iloc[0]) > 0
    return View(
        areas, month, every_area, scope_text(every_area=every_area, official=official, chosen=list(chosen))
    )


def data_as_at_text(as_at: pd.Series, scope: str, escape: Callable[[str], str] = str) -> str:
    """'Data as at April 2022 (the newest month of England, from the official files), loaded ...'.

    From a row of queries.data_as_at; `escape` makes the scope safe where Markdown is drawn.
    """
    loaded = f", loaded {as_at['loaded_at']:%d %B %Y at %H:%M}" if pd.notna(as_at["loaded_at"]) else ""
    sources = sources_text(str(as_at["sources"]).split(","))
    newest = month_name(as_at["month"])
    return f"Data as at {newest} (the newest month of {escape(scope)}, from {sources}){loaded}."


def source_dates_text(dates: pd.DataFrame) -> str:
    """'Newest of each source: tracker returns March 2019; practice register (epraccur) 3 February 2026; ...'

    From queries.source_dates: a tracker month is said as a month, an official release as its day.
    """
    said = []
    for kind, newest in zip(dates["kind"], dates["newest"], strict=True):
        if pd.isna(newest):
            continue
        when = month_name(pd.Timestamp(newest)) if kind == "tracker" else f"{pd.Timestamp(newest):%-d %B %Y}"
        said.append(f"{SOURCE_KIND_WORDS.get(kind, kind)} {when}")
    return f"Newest of each source: {'; '.join(said)}." if said else ""


def is_old(as_at: date | None, month: date) -> bool:
    """Whether figures as at `as_at` are more than three months older than the month: the one rule
    that dates old figures beside them (registered patients, tracker returns).

    >>> is_old(date(2019, 3, 1), date(2025, 12, 1)), is_old(date(2025, 9, 1), date(2025, 12, 1))
    (True, False)
    """
    limit = pd.Timestamp(month) - pd.DateOffset(months=PATIENTS_OLDER_THAN_MONTHS)
    return as_at is not None and pd.Timestamp(as_at) < limit


def patients_note(as_at: date | None, month: date) -> str | None:
    """'Registered patients as at January 2021' when the month's patient figures are more than three
    months older than the month, else None.

    >>> patients_note(date(2021, 1, 1), date(2025, 12, 1))
    'Registered patients as at January 2021'
    >>> patients_note(date(2025, 9, 1), date(2025, 12, 1)) is None
    True
    """
    return (
        f"Registered patients as at {month_name(as_at)}"
        if as_at is not None and is_old(as_at, month)
        else None
    )


def patients_note_for(db: Path, view: View) -> str | None:
    """patients_note for the view: its areas' patient figures of its month."""
    return patients_note(queries.patients_as_at(db, view.areas, view.month), view.month)


@dataclass(frozen=True)
class ReturnsNote:
    """The chosen areas' newest tracker returns, where they are more than three months older than the
    month: said beside the figures they make, and in a column of their CSVs."""

    as_at: str  # 'March 2019'

    @property
    def sentence(self) -> str:
        """'Tracker returns as at March 2019: the newest returns loaded for these areas.'"""
        return f"Tracker returns as at {self.as_at}: the newest returns loaded for these areas."

    def dated(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame with a `tracker_returns_as_at` column ('March 2019'), for its CSV."""
        return frame.assign(tracker_returns_as_at=self.as_at)


def returns_note_for(db: Path, view: View) -> ReturnsNote | None:
    """The view's areas' newest tracker returns, when they are old for its month (is_old's rule)."""
    dates = queries.source_dates(db, view.areas)
    newest = dates.loc[dates["kind"] == "tracker", "newest"].dropna()
    as_at = pd.Timestamp(newest.max()).date() if len(newest) else None
    return ReturnsNote(month_name(as_at)) if as_at is not None and is_old(as_at, view.month) else None


def scope_text(*, every_area: bool, official: bool, chosen: list[str]) -> str:
    """'England', 'every loaded area', 'Humber ICB (QOQ)' or 'NHS Doncaster CCG (02X)'."""
    if every_area:
        return "England" if official else "every loaded area"
    return ", ".join(chosen) if len(chosen) <= MANY_AREAS else f"{len(chosen)} areas"


def labelled(frame: pd.DataFrame, names: Mapping[str, str], column: str = "ccg_code") -> pd.DataFrame:
    """The frame with an 'area' column ('NHS Doncaster CCG (02X)') first, in place of `column`."""
    if frame.empty and column not in frame.columns:
        return frame
    area = frame[column].map(lambda code: names.get(code, code))
    return pd.concat([area.rename("area"), frame.drop(columns=[column])], axis=1)


def months_written(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Month columns written as people write them ('March 2019'), blank where there is none."""
    shown = frame.copy()
    for column in columns:
        shown[column] = shown[column].map(lambda m: month_name(pd.Timestamp(m)) if pd.notna(m) else "")
    return shown


def text_columns(frame: pd.DataFrame) -> list[str]:
    """The columns that hold text, whatever pandas calls their dtype."""
    return [
        c
        for c in frame.columns
        if pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c])
    ]


def blanks(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns with empty cells for missing values (never 'None' or 'nan')."""
    shown = frame.copy()
    for column in text_columns(shown):
        shown[column] = shown[column].astype(object).where(shown[column].notna(), "")
    return shown

"""The Map page's content: the month's coverage by ICB (England) or sub-ICB location, and the practices
of a chosen ICB or area as points coloured by status; the board pack's first page carries the same map."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import geography, policy, queries
from dashboard.charts import map as chart_map
from dashboard.content.common import MAP_SECTION, Chart, OnPaper, area_names, blanks, drawn
from dashboard.geography import ATTRIBUTION
from dashboard.view import View
from dashboard.wording import group_label, month_name, plural, share_text

ICB_LEVEL, AREA_LEVEL = "icb", "ccg"  # what a click chooses: the URL filter it sets


@dataclass(frozen=True)
class MapContent:
    """The map with its areas' numbers, the practices drawn on it, and what a click on it chooses."""

    level: str  # ICB_LEVEL (England, by ICB) or AREA_LEVEL (sub-ICB locations)
    chart: Chart
    practices: pd.DataFrame | None  # practice_name, practice_code, status, network_name, area, located
    choices: dict[str, str]  # code -> name of every area drawn, to choose one without a mouse
    notes: list[str]  # areas without an outline, practices without a location
    alternative: str  # what the map shows, in words, for readers who cannot see it

    @property
    def charts(self) -> tuple[Chart, ...]:
        """The map, as the page shows it and the pack draws it on its first page."""
        return (self.chart,)


def map_content(db: Path, view: View) -> MapContent:
    """The map of the view's month: ICBs for England, else the chosen sub-ICB locations and practices."""
    month = month_name(view.month)
    by_area = queries.coverage_by_area(db, view.month)
    names = area_names(queries.areas(db))
    if view.scope == "England":
        shares = _by_icb(by_area)
        outlines = geography.outlines("icb")
        level, kind = ICB_LEVEL, "ICB"
    else:
        chosen = by_area.loc[by_area["ccg_code"].isin(view.areas)]
        shares = pd.DataFrame(
            {
                "code": chosen["ccg_code"],
                "name": chosen["ccg_code"].map(lambda code: names.get(code, code)),
                "practices": chosen["practices"],
                "practices_in_network": chosen["practices_in_network"],
            }
        )
        outlines = geography.outlines("sub_icb")
        level, kind = AREA_LEVEL, "sub-ICB location"
    practices = None if level == ICB_LEVEL else _practices(db, view, names)
    title = f"Practices in a network by {kind}, {month}"
    if practices is not None and len(practices):
        title += ", and each practice"
    located = None if practices is None else practices.dropna(subset=["latitude", "longitude"])
    figure = chart_map.coverage_map(outlines, shares, title, located)
    numbers = _numbers(shares, kind)
    notes = _notes(shares, outlines, practices, kind)
    alternative = _alternative(title, numbers, practices, kind)
    chart = Chart(
        drawn(figure),
        numbers,
        "coverage_map",
        f"coverage_map_{view.month:%Y-%m}.csv",
        empty_text=f"No {kind} of this choice has data for {month}.",
        note=" ".join(notes) or None,
        # on paper under the headline: its words (the page's tables are not in the pack) and attribution
        on_paper=OnPaper(
            "coverage_map",
            " ".join(
                [alternative.removesuffix(" Its numbers are in the tables below it."), *notes, ATTRIBUTION]
            ),
            section=MAP_SECTION,
        ),
    )
    shown = (
        None
        if practices is None
        else blanks(practices.drop(columns=["latitude", "longitude", "ccg_code"])).assign(
            located=lambda rows: rows["located"].replace("", "not known")
        )
    )
    drawn_codes = set(outlines["code"])
    choices = {c: n for c, n in zip(shares["code"], shares["name"], strict=True) if c in drawn_codes}
    return MapContent(
        level, chart, shown, dict(sorted(choices.items(), key=lambda i: i[1])), notes, alternative
    )


def _by_icb(by_area: pd.DataFrame) -> pd.DataFrame:
    """The areas' practices summed by ICB, each named 'Humber and North Yorkshire ICB (QOQ)'."""
    known = by_area.dropna(subset=["icb_code"])
    icbs = known.groupby(["icb_code", "icb_name"], as_index=False)[
        ["practices", "practices_in_network"]
    ].sum()
    return pd.DataFrame(
        {
            "code": icbs["icb_code"],
            "name": [
                icb_label(code, name) for code, name in zip(icbs["icb_code"], icbs["icb_name"], strict=True)
            ],
            "practices": icbs["practices"],
            "practices_in_network": icbs["practices_in_network"],
        }
    )


def icb_label(code: str, name: object) -> str:
    """An ICB as every page names it today: 'Humber and North Yorkshire ICB (QOQ)'."""
    return group_label(code, name)


def _practices(db: Path, view: View, names: dict[str, str]) -> pd.DataFrame | None:
    """The chosen areas' practices with their locations; None when there are too many to draw."""
    rows = queries.practices_on_map(db, view.areas, view.month)
    if rows.empty or len(rows) > policy.MAX_MAP_PRACTICES:
        return None
    located = geography.placed(rows)
    return pd.DataFrame(
        {
            "practice_name": located["practice_name"],
            "practice_code": located["practice_code"],
            "status": located["status"],
            "network_name": located["network_name"],
            "area": located["ccg_code"].map(lambda code: names.get(code, code)),
            "ccg_code": located["ccg_code"],
            "latitude": located["latitude"],
            "longitude": located["longitude"],
            "located": located["located"],
        }
    ).sort_values(["status", "area", "practice_name"], key=_status_first, kind="stable")


def _status_first(column: pd.Series) -> pd.Series:
    """Practices left out or not in the snapshot first: they are the ones a lead looks for."""
    if column.name != "status":
        return column
    return column.map({"left out": 0, "not in the snapshot": 1, "in a network": 2}).fillna(3)


def _numbers(shares: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The map's numbers: one row per area, the lowest share first."""
    column = "icb" if kind == "ICB" else "sub_icb_location"
    table = pd.DataFrame(
        {
            column: shares["name"],
            "practices": shares["practices"].astype(int),
            "practices_in_network": shares["practices_in_network"].astype(int),
            "coverage_pct": (100 * shares["practices_in_network"] / shares["practices"]).round(1),
            "shade": [
                chart_map.shade(int(p), int(n))[0]
                for p, n in zip(shares["practices"], shares["practices_in_network"], strict=True)
            ],
        }
    )
    return table.sort_values(["coverage_pct", column], kind="stable").reset_index(drop=True)


def _notes(
    shares: pd.DataFrame, outlines: pd.DataFrame, practices: pd.DataFrame | None, kind: str
) -> list[str]:
    """What the map cannot draw, said: areas without an outline, practices without a location."""
    notes = []
    missing = shares.loc[~shares["code"].isin(outlines["code"]), "name"].tolist()
    if missing:
        one = len(missing) == 1
        notes.append(
            f"{plural(len(missing), kind)} of this choice {'has' if one else 'have'} no outline "
            f"in the April 2023 boundaries and {'is' if one else 'are'} in the table only: "
            f"{', '.join(missing)}."
        )
    if practices is not None:
        roughly = practices.loc[practices["located"] == "approximately"]
        if len(roughly):
            one = len(roughly) == 1
            notes.append(
                f"{plural(len(roughly), 'practice')} newer than the location file (February 2024) "
                f"{'is' if one else 'are'} placed approximately, at the middle of "
                f"{'its' if one else 'their'} postcode district: {', '.join(roughly['practice_code'])}."
            )
        unlocated = practices.loc[practices["latitude"].isna()]
        if len(unlocated):
            notes.append(
                f"{plural(len(unlocated), 'practice')} {'has' if len(unlocated) == 1 else 'have'} no known "
                "location (the location file lists the practices of February 2024), so "
                f"{'it is' if len(unlocated) == 1 else 'they are'} in the table but not on the map: "
                f"{', '.join(unlocated['practice_code'])}."
            )
    return notes


def _alternative(title: str, numbers: pd.DataFrame, practices: pd.DataFrame | None, kind: str) -> str:
    """'Map: Practices in a network by ICB, October 2024. 42 ICBs, from X (93.1%) to Y (100.0%). ...'"""
    if numbers.empty:
        return f"Chart: a map of {title[:1].lower()}{title[1:]}. There is nothing to draw."
    low, high = numbers.iloc[0], numbers.iloc[-1]
    name = numbers.columns[0]
    shares = f"{plural(len(numbers), kind)} shaded by their share of practices in a network"
    spread = (
        f", from {low[name]} ({low['coverage_pct']:.1f}%) to {high[name]} ({high['coverage_pct']:.1f}%)"
        if len(numbers) > 1
        else f": {low[name]}, {share_text(int(low['practices_in_network']), int(low['practices']))}"
    )
    said = f"Chart: a map of {title[:1].lower()}{title[1:]}. {shares}{spread}."
    if practices is not None:
        counts = practices["status"].value_counts()
        said += (
            " Practices drawn as points: "
            + ", ".join(
                f"{int(counts.get(status, 0)):,} {status}"
                for status in ("in a network", "left out", "not in the snapshot")
                if status != "not in the snapshot" or counts.get(status, 0)
            )
            + "."
        )
    return said + " Its numbers are in the tables below it."

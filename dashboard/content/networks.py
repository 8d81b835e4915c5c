"""The Networks page's content: each network's registered population against the band, its members
and (tracker) its integration mix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import charts, policy, queries
from dashboard.content.common import Chart, area_names, drawn, labelled
from dashboard.view import View
from dashboard.wording import month_name

MIX_COLUMNS = [
    "network_code",
    "network_name",
    "practices",
    "level_none",
    "level_virtual",
    "level_partial",
    "level_full",
]

# what a lead reads of each network on screen, so that it fits a 1,280-pixel window; the CSV has
# every column (codes, sources, practices without a list size, integration levels)
POPULATION_ON_SCREEN = ["network_name", "areas", "practices", "population", "band"]


@dataclass(frozen=True)
class NetworksContent:
    """Band counts as (label, number), the population chart, the mix chart (tracker only) and the tables.

    The band counts add up to the networks: one with no known list size is counted as such; the
    single-practice networks (a fact about a network, never a reason to call a practice) are counted too.
    """

    band_counts: list[tuple[str, int]]
    networks: pd.DataFrame
    population: Chart
    mix: Chart | None
    empty_text: str | None

    @property
    def charts(self) -> tuple[Chart, ...]:
        """The page's charts (the pack draws those declared on paper)."""
        return tuple(chart for chart in (self.population, self.mix) if chart is not None)


def networks_content(db: Path, view: View) -> NetworksContent:
    """Networks with a member in the chosen areas in the month, the smallest first."""
    names = area_names(queries.areas(db), view.month)
    networks = queries.network_sizes(db, view.areas, view.month)
    if networks.empty:
        empty = f"No practice of {view.scope} is in a network in {month_name(view.month)}."
        return NetworksContent(
            [], networks, Chart(None, networks, "network_population", "", empty), None, empty
        )
    bands = networks["band"].value_counts()
    band_counts = [
        ("Networks", len(networks)),
        (f"{policy.below_band_label()} patients", int(bands.get(policy.below_band_label(), 0))),
        (policy.within_band_label(), int(bands.get(policy.within_band_label(), 0))),
        (f"{policy.above_band_label()} patients", int(bands.get(policy.above_band_label(), 0))),
    ]
    # a network none of whose members has a known list size is in no band: counted, so the bands add up
    if unknown := int(bands.get("Unknown", 0)):
        band_counts.append(("No known list size", unknown))
    band_counts.append(("Single-practice networks", int((networks["practices"] == 1).sum())))
    charted = networks.head(policy.MAX_NETWORK_BARS)  # sorted smallest first: those matter most
    note = (
        f"The charts show the {policy.MAX_NETWORK_BARS} smallest of {len(networks):,} networks; "
        "the tables have all."
        if len(networks) > policy.MAX_NETWORK_BARS
        else None
    )
    shown = networks.assign(
        areas=networks["areas"].map(lambda codes: ", ".join(names.get(c, c) for c in codes.split(", ")))
    )
    population = Chart(
        drawn(charts.network_population(charted, view.month)),
        shown,
        "network_population",
        f"network_population_{view.month:%Y-%m}.csv",
        note=note,
        numbers_on_screen=POPULATION_ON_SCREEN,
    )
    tracked = networks[["level_none", "level_virtual", "level_partial", "level_full"]].to_numpy().sum() > 0
    mix = (
        Chart(
            drawn(
                charts.network_integration_mix(charted[charted["source"].str.contains("tracker")], view.month)
            ),
            networks.loc[networks["source"].str.contains("tracker"), MIX_COLUMNS],
            "network_mix",
            f"network_integration_mix_{view.month:%Y-%m}.csv",
            note="Source: the tracker (the official files hold no integration levels).",
        )
        if tracked
        else None
    )
    return NetworksContent(band_counts, networks, population, mix, None)


def members(db: Path, view: View) -> pd.DataFrame:
    """The member practices of the view's networks (or of its one network), with area names."""
    names = area_names(queries.areas(db), view.month)
    return labelled(queries.network_members(db, view.areas, view.month, view.network), names)

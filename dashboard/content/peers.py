"""Beside England and its peers: England's figure for the same month, and where an ICB stands among the
ICBs, an area among the areas of its ICB, or a region among the regions (never a league of practices)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import queries
from dashboard.charts import peers as chart_peers
from dashboard.content.common import Chart, area_names
from dashboard.content.map import icb_label
from dashboard.view import View
from dashboard.wording import group_label, month_name, share_text


@dataclass(frozen=True)
class Peers:
    """England's figure beside the view's, and the view's place among its peers (None where none)."""

    england: str | None  # 'England, October 2024: 6,210 of 6,363 (97.6%)'; None when the view is England
    standing: str | None  # 'NHS Humber ... ICB (QOQ) is 30th of the 42 ICBs (1st has the highest share) ...'
    chart: Chart | None  # every peer's share on one line, the view's own highlighted


NO_PEERS = Peers(None, None, None)  # England itself, or a choice with nothing to compare


def peers_content(db: Path, view: View) -> Peers:
    """England and the peers of the view in its month, from queries.coverage_by_area."""
    return compare(queries.coverage_by_area(db, view.month), queries.areas(db), view)


def compare(by_area: pd.DataFrame, areas: pd.DataFrame, view: View) -> Peers:
    """Pure: the sentences and the chart from one row per area with data in the month."""
    if view.every_area or by_area.empty:
        return NO_PEERS
    month = month_name(view.month)
    in_network, practices = int(by_area["practices_in_network"].sum()), int(by_area["practices"].sum())
    england = f"England, {month}: {share_text(in_network, practices)}"
    group = peer_group(by_area, view, areas)
    if group is None:
        return Peers(england, None, None)
    kind, own, peers = group
    named = _named(peers, kind, areas)
    standing = standing_text(named, own, kind)
    own_name = named.loc[named["code"] == own, "name"].iloc[0]
    chart = chart_peers.peer_strip(
        named.assign(chosen=named["code"] == own),
        f"Where {own_name} stands among {_peers_words(kind, len(named))}, {month}",
        england_share=100 * in_network / practices,
        others_name=f"The other {kind}s",
    )
    numbers = (
        named.sort_values(["coverage_pct", "name"], ascending=[False, True], kind="stable")
        .assign(coverage_pct=lambda rows: rows["coverage_pct"].round(1))
        .rename(columns={"name": kind.lower()})[
            [kind.lower(), "practices", "practices_in_network", "coverage_pct"]
        ]
        .reset_index(drop=True)
    )
    return Peers(england, standing, Chart(chart, numbers, "peers", f"peers_{view.month:%Y-%m}.csv"))


def peer_group(
    by_area: pd.DataFrame, view: View, areas: pd.DataFrame | None = None
) -> tuple[str, str, pd.DataFrame] | None:
    """(kind, the view's own code, one row per peer: code, practices, practices_in_network), or None.

    The view is a whole ICB (its areas with data this month are exactly the ICB's): among the ICBs;
    one area of an ICB with several: among its ICB's areas (an ICB of one open area is that area, so
    among the ICBs; one area alone of several with data is placed nowhere); a whole region: among the
    regions. `areas` (queries.areas) says which areas are open.
    """
    chosen = by_area.loc[by_area["ccg_code"].isin(view.areas)]
    if chosen.empty:
        return None
    icbs, regions = set(chosen["icb_code"].dropna()), set(chosen["region_code"].dropna())
    sums = ["practices", "practices_in_network"]
    if len(chosen) == 1 and len(icbs) == 1:
        icb = next(iter(icbs))
        siblings = by_area.loc[by_area["icb_code"] == icb]
        if len(siblings) > 1:
            return "area", chosen["ccg_code"].iloc[0], siblings.rename(columns={"ccg_code": "code"})
        if areas is not None and _open_areas(areas, icb) > 1:
            return None  # the only area of its ICB with data this month: neither its ICB nor its peers
    if len(icbs) == 1 and set(chosen["ccg_code"]) == set(
        by_area.loc[by_area["icb_code"].isin(icbs), "ccg_code"]
    ):
        grouped = by_area.dropna(subset=["icb_code"]).groupby("icb_code", as_index=False)[sums].sum()
        return "ICB", next(iter(icbs)), grouped.rename(columns={"icb_code": "code"})
    if len(regions) == 1 and set(chosen["ccg_code"]) == set(
        by_area.loc[by_area["region_code"].isin(regions), "ccg_code"]
    ):
        grouped = by_area.dropna(subset=["region_code"]).groupby("region_code", as_index=False)[sums].sum()
        return "region", next(iter(regions)), grouped.rename(columns={"region_code": "code"})
    return None


def _open_areas(areas: pd.DataFrame, icb: str) -> int:
    """How many areas of the ICB are open today (a closed area's practices are in another)."""
    rows = areas.loc[areas["icb_code"] == icb]
    return int(rows["closed_on"].isna().sum()) if "closed_on" in rows.columns else len(rows)


def _named(peers: pd.DataFrame, kind: str, areas: pd.DataFrame) -> pd.DataFrame:
    """The peers with a name as people know it and their share."""
    if kind == "area":
        names = area_names(areas)
        name = peers["code"].map(lambda code: names.get(code, code))
    elif kind == "ICB":
        known = (
            areas.dropna(subset=["icb_code"]).drop_duplicates("icb_code").set_index("icb_code")["icb_name"]
        )
        name = peers["code"].map(lambda code: icb_label(code, known.get(code)))
    else:
        with_region = areas.dropna(subset=["region_code"]).drop_duplicates("region_code")
        regions = with_region.set_index("region_code")["region_name"]
        name = peers["code"].map(lambda code: group_label(code, regions.get(code)))
    return pd.DataFrame(
        {
            "code": peers["code"],
            "name": name,
            "practices": peers["practices"].astype(int),
            "practices_in_network": peers["practices_in_network"].astype(int),
            "coverage_pct": 100 * peers["practices_in_network"] / peers["practices"],
        }
    )


def standing_text(peers: pd.DataFrame, own: str, kind: str) -> str:
    """'97.0% of its practices are in a network: 30th highest of the 42 ICBs (joint with 2 others); the
    ICBs range from 92.4% to 100.0%.' Ranked on the exact share; equal shares share a place."""
    mine = peers.loc[peers["code"] == own].iloc[0]
    share = mine["practices_in_network"] / mine["practices"]
    exact = peers["practices_in_network"] / peers["practices"]
    place = 1 + int((exact > share + 1e-12).sum())
    level = int((abs(exact - share) <= 1e-12).sum()) - 1
    joint = "" if not level else f" (joint, with {level} other{'s' * (level != 1)})"
    words = _peers_words(kind, len(peers))
    low, high = peers["coverage_pct"].min(), peers["coverage_pct"].max()
    return (
        f"{mine['name']}: {mine['coverage_pct']:.1f}% of its practices are in a network, "
        f"{_place(place, len(peers))} of {words}{joint}; they range from {low:.1f}% to {high:.1f}%."
    )


def _place(place: int, count: int) -> str:
    """'the highest', '27th highest', 'the lowest'."""
    if place == 1:
        return "the highest"
    return "the lowest" if place == count else f"{ordinal(place)} highest"


def _peers_words(kind: str, count: int) -> str:
    """'the 42 ICBs', 'the 6 areas of its ICB', 'the 7 regions'."""
    if kind == "area":
        return f"the {count} areas of its ICB"
    return f"the {count} {kind}s"


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"

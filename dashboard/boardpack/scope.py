"""Whose pack it is and its table by area: England, a region, an ICB, or areas chosen one by one.

A pack of every area of one ICB is that ICB's pack (named by today's name, its rows the ICB's sub-ICB
locations); of every area of one region, the region's (its rows ICBs); of every area, England's (its
rows ICBs). The dashboard's ICB filter and `--icb` choose exactly an ICB's areas, so both make the
same pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.view import View
from dashboard.wording import icb_title, normal_case


@dataclass(frozen=True)
class PackScope:
    """The pack's name (title), its name in file names, and what the rows of its table by area are."""

    name: str  # 'Humber and North Yorkshire ICB', 'England', 'NHS Doncaster CCG (02X)'
    slug: str  # 'QOQ', 'Y63', 'England', 'NHS-Doncaster-CCG-02X'
    rows_are: str  # 'ICB', 'Sub-ICB location' or 'Area'


def pack_scope(areas: pd.DataFrame, view: View) -> PackScope:
    """The scope of the view's areas; `areas` is queries.areas (every area with data)."""
    chosen = set(view.areas)
    with_icb = areas["icb_code"].notna().any()
    if view.every_area:
        return PackScope(view.scope, _slug(view.scope), "ICB" if with_icb else "Area")
    for kind in ("icb", "region"):
        codes = areas.loc[areas["ccg_code"].isin(chosen), f"{kind}_code"].dropna().unique()
        if len(codes) == 1 and set(areas.loc[areas[f"{kind}_code"] == codes[0], "ccg_code"]) == chosen:
            code = str(codes[0])
            named = areas.loc[areas[f"{kind}_code"] == code, f"{kind}_name"].dropna()
            if kind == "icb":
                return PackScope(
                    icb_title(named.iloc[0] if len(named) else None, code), code, "Sub-ICB location"
                )
            region = normal_case(str(named.iloc[0])) if len(named) else code
            return PackScope(f"{region} region", code, "ICB")
    return PackScope(view.scope, area_slug(view), "Area")


def area_slug(view: View) -> str:
    """The areas in a file name: 'England', 'NHS-Doncaster-CCG-02X', '02N-02X-08C' or '12-areas'."""
    if len(view.areas) == 1 or view.every_area:
        text = view.scope
    elif len(view.areas) <= 3:
        text = "-".join(view.areas)
    else:
        text = f"{len(view.areas)}-areas"
    return _slug(text)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:80] or "areas"


def by_area(
    coverage: pd.DataFrame, areas: pd.DataFrame, names: dict[str, str], scope: PackScope, month: date
) -> pd.DataFrame:
    """One row per area (or ICB) with data in the month, lowest share in a network first.

    `coverage` is queries.coverage_by_month (month, ccg_code, practices, practices_in_network); the
    change compares each area with its own previous month. Columns: name, practices, in_network,
    share (text), left_out, change (text, '' without a previous month).
    """
    columns = ["name", "practices", "in_network", "share", "left_out", "change"]
    rows = coverage.assign(month=pd.to_datetime(coverage["month"]).dt.date)
    now = rows.loc[rows["month"] == month]
    if now.empty:
        return pd.DataFrame(columns=columns)
    before = rows.loc[rows["month"] < month].sort_values("month").groupby("ccg_code").tail(1)
    merged = now.merge(
        before[["ccg_code", "practices_in_network"]].rename(columns={"practices_in_network": "before"}),
        on="ccg_code",
        how="left",
    )
    merged["group"] = merged["ccg_code"].map(_grouping(areas, names, scope))
    grouped = merged.groupby("group", sort=False).agg(
        practices=("practices", "sum"),
        in_network=("practices_in_network", "sum"),
        before=("before", lambda b: b.sum() if b.notna().all() else None),
    )
    table = grouped.reset_index().rename(columns={"group": "name"})
    table["left_out"] = table["practices"] - table["in_network"]
    table["ratio"] = table["in_network"] / table["practices"]
    table["share"] = [
        f"{part:,} of {whole:,} ({100 * part / whole:.1f}%)"
        for part, whole in zip(table["in_network"], table["practices"], strict=True)
    ]
    table["change"] = [
        "" if pd.isna(b) else _change(int(n) - int(b))
        for n, b in zip(table["in_network"], table["before"], strict=True)
    ]
    return table.sort_values(["ratio", "name"]).reset_index(drop=True)[columns]


def _grouping(areas: pd.DataFrame, names: dict[str, str], scope: PackScope) -> dict[str, str]:
    """area code -> the row it is counted in: its ICB ('Humber and North Yorkshire ICB (QOQ)') or itself."""
    grouped: dict[str, str] = {}
    for row in areas.itertuples(index=False):
        code = str(row.ccg_code)  # an area's code, never missing
        if scope.rows_are == "ICB" and isinstance(row.icb_code, str):
            title = icb_title(row.icb_name, row.icb_code)
            grouped[code] = title if title == row.icb_code else f"{title} ({row.icb_code})"
        else:
            grouped[code] = names.get(code, code)
    return grouped


def _change(points: int) -> str:
    """'+2', '-1' or 'no change': practices in a network since the previous month."""
    return "no change" if points == 0 else f"{points:+,}"

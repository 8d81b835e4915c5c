"""The Practices needing support page's content: every practice with a reason, what a supporter needs
to act (area, network, months without one, the lead's notes), grouped by area."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import charts, queries
from dashboard.content.common import Chart, area_names, drawn, labelled, months_written
from dashboard.view import View
from dashboard.wording import (
    MISSING_FROM_TRACKER,
    NO_PCN_IN_SNAPSHOT,
    NOT_IN_SNAPSHOT,
    REASONS,
    SINGLE_HANDED,
    SINGLE_PRACTICE_NETWORK,
    SUSPENDED,
    month_name,
)

# the order a supporter acts in: who, why, where, how long, the lead's notes, how big; the area heads
# each group on screen and is the first column of the CSV
COLUMNS = [
    "area",
    "practice_name",
    "practice_code",
    "reasons",
    "network_name",
    "out_since",
    "months_without_network",
    "notes",
    "list_size",
    "previous_network_name",
    "network_population",
    "gp_count",
    "contract_type",
    "contract_status",
    "integration_level",
    "source",
]
# reasons only some sources can give, and what each needs: tracker rows, official rows, the register
NEEDS = {
    NO_PCN_IN_SNAPSHOT: {"snapshot"},  # said only where a month has them
    NOT_IN_SNAPSHOT: {"snapshot"},
    SINGLE_HANDED: {"tracker"},
    SUSPENDED: {"tracker"},
    SINGLE_PRACTICE_NETWORK: {"official"},
    MISSING_FROM_TRACKER: {"tracker", "register"},
}


@dataclass(frozen=True)
class NeedingSupportContent:
    """Every practice with at least one reason (grouped by area), the count per reason and its chart."""

    practices: pd.DataFrame
    counts: pd.DataFrame
    reasons: Chart


def needing_support_content(db: Path, view: View) -> NeedingSupportContent:
    """The practices needing support in the view's areas and month."""
    names = area_names(queries.areas(db), view.month)
    support = queries.practices_needing_support(db, view.areas, view.month)
    sources = set(queries.headline(db, view.areas, view.month).query("compared == 'selected'").pipe(_sources))
    if queries.official_data_loaded(db):
        sources.add("register")
    practices = out_since_written(labelled(support, names))[COLUMNS]
    counts = reason_counts(support, sources)
    chart = Chart(
        drawn(charts.practices_by_reason(counts, view.month)) if len(support) else None,
        counts,
        "reasons",
        f"support_reasons_{view.month:%Y-%m}.csv",
        empty_text=f"No practice of {view.scope} needs support in {month_name(view.month)}.",
    )
    return NeedingSupportContent(practices, counts, chart)


def out_since_written(support: pd.DataFrame) -> pd.DataFrame:
    """'February 2019', or 'at least January 2019' when that is the first month the data shows it."""
    written = months_written(support, ["out_since"])
    first = support["out_since_first_month"].fillna(False).astype(bool) & (written["out_since"] != "")
    if first.any():
        written.loc[first, "out_since"] = "at least " + written.loc[first, "out_since"].astype(str)
    return written


def _sources(selected: pd.DataFrame) -> list[str]:
    row = selected.iloc[0]
    return [name for name in ("tracker", "official") if int(row[f"{name}_practices"])]


def reason_counts(support: pd.DataFrame, sources: set[str]) -> pd.DataFrame:
    """Practices per reason, in the order of REASONS; a reason the month's sources cannot give is left out."""
    counts = split_reasons(support).value_counts() if len(support) else pd.Series(dtype="int64")
    reasons = [r for r in REASONS if counts.get(r, 0) or NEEDS.get(r, set()) <= sources]
    return pd.DataFrame({"reason": reasons, "practices": [int(counts.get(r, 0)) for r in reasons]})


def split_reasons(support: pd.DataFrame) -> pd.Series:
    """One entry per (practice, reason) from the 'reasons' column joined with '; '."""
    return support["reasons"].str.split("; ").explode()


def with_any_reason(practices: pd.DataFrame, reasons: list[str]) -> pd.DataFrame:
    """The practices with at least one of `reasons`."""
    wanted = set(reasons)
    keep = practices["reasons"].map(lambda text: bool(wanted & set(text.split("; "))))
    return practices.loc[keep.astype(bool)].reset_index(drop=True)

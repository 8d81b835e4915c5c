"""The Practices needing support page's content: the LMC's call list.

Every practice with a practice-level reason, most pressing first (left out of a network, then the
other reasons), with what a caller needs: area, network, out since, months out (the months measured
without a network since then, counting the chosen month: a month no source measured, such as those
between the newest ePCN release and a registration snapshot, is not counted), the lead's notes in
full, and the register's address, postcode and telephone. A network's size is never a reason: it is
a note on the practices listed for a reason of their own (the Networks page shows the networks).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import charts, queries
from dashboard.content.common import Chart, area_names, drawn, labelled, months_written
from dashboard.view import View
from dashboard.wording import (
    LEFT_OUT_REASONS,
    REASON_WORDS,
    REASONS,
    month_name,
    network_notes_text,
    reason_code,
    reasons_text,
    require_known,
)

# the order a caller reads: where, who, why, how long, the lead's notes, how to reach it, then the rest
COLUMNS = [
    "area",
    "practice_name",
    "practice_code",
    "reasons",
    "network_name",
    "out_since",
    "months_without_network",
    "notes",
    "telephone",
    "address",
    "postcode",
    "network_notes",
    "last_network_name",
    "list_size",
    "network_population",
    "gp_count",
    "contract_type",
    "contract_status",
    "integration_level",
    "source",
]
# reasons only some sources can give, and what each needs: tracker rows, official rows, the register
NEEDS = {
    "no_pcn_in_snapshot": {"snapshot"},  # said only where a month has them
    "not_in_snapshot": {"snapshot"},
    "single_handed": {"tracker"},
    "suspended": {"tracker"},
    "missing_from_tracker": {"tracker", "register"},
}


@dataclass(frozen=True)
class NeedingSupportContent:
    """The call list (most pressing first), its reason codes, the count per reason and its chart."""

    practices: pd.DataFrame  # COLUMNS, reasons and network notes in words
    reason_codes: pd.Series  # per row of `practices`, its reasons as codes
    counts: pd.DataFrame  # reason (words), practices
    reasons: Chart

    @property
    def charts(self) -> tuple[Chart, ...]:
        """The page's charts (the pack draws those declared on paper)."""
        return (self.reasons,)

    @property
    def left_out(self) -> int:
        """How many practices are left out of a network."""
        return int(self.reason_codes.map(lambda codes: bool(set(codes) & set(LEFT_OUT_REASONS))).sum())

    def with_any_reason(self, words: list[str]) -> pd.DataFrame:
        """The practices with at least one of the reasons named by `words` (as the filter offers them)."""
        wanted = {reason_code(said) for said in words}
        keep = self.reason_codes.map(lambda codes: bool(wanted & set(codes))).astype(bool)
        return self.practices.loc[keep.to_numpy()].reset_index(drop=True)


def needing_support_content(db: Path, view: View) -> NeedingSupportContent:
    """The practices needing support in the view's areas and month."""
    names = area_names(queries.areas(db), view.month)
    support = queries.practices_needing_support(db, view.areas, view.month)
    sources = set(queries.headline(db, view.areas, view.month).query("compared == 'selected'").pipe(_sources))
    if queries.official_data_loaded(db):
        sources.add("register")
    codes = support["reasons"].map(list).reset_index(drop=True)
    worded = support.assign(
        reasons=codes.map(reasons_text).to_numpy(),
        network_notes=support["network_notes"].map(lambda notes: network_notes_text(list(notes))),
    )
    practices = out_since_written(labelled(worded, names))[COLUMNS].reset_index(drop=True)
    counts = reason_counts(codes, sources)
    chart = Chart(
        drawn(charts.practices_by_reason(counts, view.month)) if len(support) else None,
        counts,
        "reasons",
        f"support_reasons_{view.month:%Y-%m}.csv",
        empty_text=f"No practice of {view.scope} needs support in {month_name(view.month)}.",
        heading="Practices by reason",
    )
    return NeedingSupportContent(practices, codes, counts, chart)


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


def reason_counts(codes: pd.Series, sources: set[str]) -> pd.DataFrame:
    """Practices per reason in words, most pressing first; a reason the month's sources cannot give is
    left out (unless a practice has it)."""
    require_known(codes, REASON_WORDS, "reason")  # an unknown code is never silently left uncounted
    counts = codes.explode().value_counts() if len(codes) else pd.Series(dtype="int64")
    reasons = [r for r in REASONS if counts.get(r, 0) or NEEDS.get(r, set()) <= sources]
    return pd.DataFrame(
        {"reason": [REASON_WORDS[r] for r in reasons], "practices": [int(counts.get(r, 0)) for r in reasons]}
    )

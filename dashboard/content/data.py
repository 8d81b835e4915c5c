"""The Data page's content: freshness per area, the official register's reach, one answer about
practices missing from the tracker, and where the files came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import queries
from dashboard.content.common import ReturnsNote, area_names, labelled, months_written, returns_note_for
from dashboard.view import View
from dashboard.wording import SOURCE_KIND_WORDS, month_name, plural

MANY_LISTED = 10  # areas named in a warning; the rest are counted


@dataclass(frozen=True)
class DataContent:
    """What the Data page says about the chosen areas' data."""

    freshness: pd.DataFrame
    behind: list[str]
    official_behind: str | None  # the areas whose official months stop before the newest one
    register_warning: str | None
    missing_text: str | None
    missing_count: int
    compared: bool  # whether the month has tracker returns to compare with the register
    disagreements: pd.DataFrame | None
    source_dates: pd.DataFrame | None = None  # each kind of source and its newest date
    snapshot_disagreements: list[str] | None = None  # months both ePCN and a snapshot measure
    returns: ReturnsNote | None = None  # the areas' newest tracker returns, where old for the month


def data_content(db: Path, view: View) -> DataContent:
    """Freshness, the register warning and the comparison with the official register for the view."""
    names = area_names(queries.areas(db), view.month)
    freshness = queries.freshness(db, view.areas)
    behind = [names.get(c, c) for c in freshness.loc[freshness["months_behind"].fillna(0) > 0, "ccg_code"]]
    official_behind = _official_behind(freshness, names)
    shown = months_written(labelled(freshness, names), ["latest_tracker_month", "latest_official_month"])
    register_warning = _register_warning(db, freshness)
    official = queries.official_data_loaded(db)
    headline = queries.headline(db, view.areas, view.month)
    tracked = int(headline.loc[headline["compared"] == "selected", "tracker_practices"].iloc[0]) > 0
    missing_count, missing_text, disagreements = 0, None, None
    if official and not tracked and freshness["latest_tracker_month"].notna().any():
        missing_text = (
            f"No tracker returns for {month_name(view.month)}: choose a month with tracker returns to "
            "compare the tracker with the official register."
        )
    if official and tracked:
        support = queries.practices_needing_support(db, view.areas, view.month)
        missing_count = int(support["reasons"].map(lambda codes: "missing_from_tracker" in list(codes)).sum())
        missing_text = (
            f"{plural(missing_count, 'practice')} open in the official register on the last day of "
            f"{month_name(view.month)} {'is' if missing_count == 1 else 'are'} missing from the tracker's "
            "areas that month; Practices needing support lists them."
            if missing_count
            else f"Every practice open in the official register in the tracker's areas is in the tracker "
            f"in {month_name(view.month)}."
        )
        disagreements = labelled(queries.register_disagreements(db, view.areas, view.month), names)
    compared = official and tracked
    return DataContent(
        shown,
        behind,
        official_behind,
        register_warning,
        missing_text,
        missing_count,
        compared,
        disagreements,
        _source_dates(queries.source_dates(db, view.areas)),
        _snapshot_disagreements(queries.membership_disagreements(db, view.areas)),
        returns_note_for(db, view),
    )


def _source_dates(dates: pd.DataFrame) -> pd.DataFrame:
    """Each kind of source as people call it, with its newest date in words."""
    newest = [
        month_name(pd.Timestamp(when)) if kind == "tracker" else f"{pd.Timestamp(when):%-d %B %Y}"
        for kind, when in zip(dates["kind"], dates["newest"], strict=True)
    ]
    return pd.DataFrame({"source": [SOURCE_KIND_WORDS.get(k, k) for k in dates["kind"]], "newest": newest})


def _snapshot_disagreements(months: pd.DataFrame) -> list[str]:
    """'December 2021: ePCN and the registration snapshot gp-reg-pat-prac-map_2022-01.csv put 63 of the
    practices open in different networks (or one in none); ePCN's answer is used.'"""
    return [
        f"{month_name(pd.Timestamp(month))}: ePCN and the registration snapshot {file} disagree on "
        f"{plural(int(count), 'practice')} (a different network, or a network in one and none in the "
        "other); the figures use ePCN's answer."
        for month, file, count in zip(
            months["month"], months["snapshot_file"], months["practices"], strict=True
        )
    ]


def _official_behind(freshness: pd.DataFrame, names: dict[str, str]) -> str | None:
    """'Behind the newest official month (April 2022): NHS NORTH DURHAM CCG (00J) (October 2019)'."""
    late = freshness.loc[freshness["official_months_behind"].fillna(0) > 0]
    if late.empty:
        return None
    newest = pd.Timestamp(freshness["latest_official_month"].dropna().max())
    listed = [
        f"{names.get(code, code)} ({month_name(pd.Timestamp(month))})"
        for code, month in zip(late["ccg_code"], late["latest_official_month"], strict=True)
    ]
    shown = ", ".join(listed[:MANY_LISTED]) + (
        f" and {len(listed) - MANY_LISTED:,} more (see the table)" if len(listed) > MANY_LISTED else ""
    )
    return (
        f"Behind the newest official month ({month_name(newest)}): {shown}. An area that merged or closed "
        "stops at its last month in the official files."
    )


def _register_warning(db: Path, freshness: pd.DataFrame) -> str | None:
    """Official months after the newest register release may miss practices opened or closed since."""
    released = queries.newest_register_release(db)
    newest = freshness["latest_official_month"].dropna()
    if released is None or newest.empty:
        return None
    after = pd.Timestamp(newest.max())
    if after <= pd.Timestamp(released.replace(day=1)):
        return None
    return (
        f"The newest official register (epraccur) was released on {released:%-d %B %Y}. Official figures "
        f"for the months after {month_name(released)} (to {month_name(after)}) may miss practices that "
        "opened or closed since: load a newer epraccur file."
    )

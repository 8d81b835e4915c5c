"""The words the pages and the board pack share: months, shares, area names, reasons, changes, statuses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from dashboard import policy

LEVEL_NAMES = {
    "none": "No integration",
    "virtual": "Virtual",
    "partial": "Partially integrated",
    "full": "Fully integrated",
}
LEVELS = tuple(LEVEL_NAMES)  # the integration levels, least integrated first
NOT_IN_A_NETWORK = "Not in a network"
# a month measured by a registration snapshot says why a practice is in none (issue 18)
NO_PCN_IN_SNAPSHOT = "No PCN in the registration snapshot"
NOT_IN_SNAPSHOT = "Not in the registration snapshot"
SINGLE_HANDED = "Single-handed"
BELOW_BAND = policy.below_band_reason()
SINGLE_PRACTICE_NETWORK = "In a single-practice network"
LEFT_A_NETWORK = "Left a network since the previous month"
SUSPENDED = "Suspended its contract since the previous month"
MISSING_FROM_TRACKER = "Missing from the tracker (open in the official register)"
REASONS = (
    NOT_IN_A_NETWORK,
    NO_PCN_IN_SNAPSHOT,
    NOT_IN_SNAPSHOT,
    SINGLE_HANDED,
    BELOW_BAND,
    SINGLE_PRACTICE_NETWORK,
    LEFT_A_NETWORK,
    SUSPENDED,
    MISSING_FROM_TRACKER,
)
# the first word of a change (as SPEC 5 names it) and what a count of them is called
CHANGES = {
    "joined": "Joined a network",
    "left": "Left a network",
    "moved": "Moved network",
    "opened": "Opened",
    "closed": "Closed",
    "level": "Integration level changed",
    "contract": "Contract changed",
}
MILESTONE_STATUSES = ("Overdue", policy.due_soon_label(), "Not yet due", "Achieved late", "Achieved")
SOURCE_WORDS = {"tracker": "the tracker", "official": "the official files"}
# each kind of source as the pages name it beside its newest date
SOURCE_KIND_WORDS = {
    "tracker": "tracker returns",
    "epraccur": "practice register (epraccur)",
    "epcn": "ePCN",
    "mapping": "registration snapshot",
    "list_sizes": "list sizes",
    "payments": "payments",
    "eccg": "area register (eccg)",
}
PATIENTS_OLDER_THAN_MONTHS = 3  # patient figures older than this are dated beside them


def month_name(month: date | pd.Timestamp) -> str:
    """'March 2019'"""
    return month.strftime("%B %Y")


def share_text(part: int, whole: int) -> str:
    """The headline form of a share.

    >>> share_text(135, 142)
    '135 of 142 (95.1%)'
    """
    percent = 100 * part / whole if whole else 0.0
    return f"{part:,} of {whole:,} ({percent:.1f}%)"


def area_label(code: str, names: Mapping[str, str | None]) -> str:
    """An area as people know it, with its code.

    >>> area_label("02X", {"02X": "NHS Doncaster CCG"}), area_label("01A", {})
    ('NHS Doncaster CCG (02X)', '01A')
    >>> area_label("02X", {"02X": "NHS SOUTH YORKSHIRE ICB - 02X"})
    'NHS SOUTH YORKSHIRE ICB (02X)'
    """
    name = names.get(code)
    if not name or name == code:
        return code
    # sub-ICB locations are published as "NHS SOUTH YORKSHIRE ICB - 02X": the code is said once
    return f"{name.removesuffix(f' - {code}')} ({code})"


def group_name(name: str) -> str:
    """An ICB or region as people say it today: without the leading "NHS", "Integrated Care Board"
    said as "ICB".

    >>> group_name("NHS Humber and North Yorkshire Integrated Care Board"), group_name("London")
    ('Humber and North Yorkshire ICB', 'London')
    """
    short = name.strip()
    if short.upper().startswith("NHS "):
        short = short[4:]
    for long in (" Integrated Care Board", " INTEGRATED CARE BOARD"):
        if short.endswith(long):
            short = short.removesuffix(long) + " ICB"
    return short


def group_label(code: str, name: object, former: object = None) -> str:
    """'Humber and North Yorkshire ICB (QOQ), formerly Humber, Coast and Vale': an ICB or region with
    its code and, so that a search by an old name finds it, the names files gave it before.

    >>> group_label("QOQ", "NHS Humber and North Yorkshire Integrated Care Board", "Humber, Coast and Vale")
    'Humber and North Yorkshire ICB (QOQ), formerly Humber, Coast and Vale'
    >>> group_label("Y63", None)
    'Y63'
    """
    if not isinstance(name, str) or not name.strip():
        return code
    label = f"{group_name(name)} ({code})"
    if isinstance(former, str) and former.strip():
        label += f", formerly {former}"
    return label


def sources_text(sources: set[str] | list[str]) -> str:
    """'the tracker', 'the official files' or 'the tracker and the official files'."""
    chosen = [SOURCE_WORDS[s] for s in ("tracker", "official") if s in set(sources)]
    return " and ".join(chosen) if chosen else "no data"


def plural(count: int, thing: str, things: str | None = None) -> str:
    """'1 practice', '3 practices'"""
    return f"{count:,} {thing if count == 1 else things or thing + 's'}"

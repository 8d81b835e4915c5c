"""The words the pages and the board pack share: months, shares, area names, reasons, changes, statuses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
# Why a practice needs support: the codes dashboard/sql/practices_needing_support.sql returns and
# their words, most pressing first (the list is sorted in this order). A practice left out has exactly
# one of LEFT_OUT_REASONS; the other reasons are about the practice, never about its network's size.
REASON_WORDS = {
    "left_network": "Left a network since the previous month",
    # a month measured by a registration snapshot (the mapping file) says why a practice is in none
    "no_pcn_in_snapshot": "No PCN in the registration snapshot",
    "not_in_snapshot": "Not in the registration snapshot",
    "not_in_network": "Not in a network",
    "suspended": "Suspended its contract since the previous month",
    "single_handed": "Single-handed (the tracker's GP count is 1)",
    "missing_from_tracker": "Missing from the tracker although open in the register",
}
LEFT_OUT_REASONS = ("left_network", "no_pcn_in_snapshot", "not_in_snapshot", "not_in_network")
REASONS = tuple(REASON_WORDS)
# facts about a practice's network, said beside a practice listed for a reason of its own
NETWORK_NOTE_WORDS = {
    "network_below_band": f"its network has fewer than {policy.NETWORK_BAND_LOW:,} patients",
    "single_practice_network": "its network is a single-practice PCN",
}


class UnknownCode(ValueError):
    """The SQL returned a code that has no words here: fail, rather than count it under no reason."""


def words_for(code: str, words: Mapping[str, str], what: str) -> str:
    """The words of a reason or note code; an unknown code is an error that names it.

    >>> words_for("not_in_network", REASON_WORDS, "reason")
    'Not in a network'
    """
    if code not in words:
        raise UnknownCode(
            f"dashboard/sql/practices_needing_support.sql returned the {what} code {code!r}, which "
            f"dashboard/wording.py has no words for (it knows {', '.join(words)})"
        )
    return words[code]


def require_known(code_lists: Iterable[Sequence[str]], words: Mapping[str, str], what: str) -> None:
    """UnknownCode unless every code of every list has words in `words`."""
    for codes in code_lists:
        for code in codes:
            words_for(code, words, what)


def reason_code(said: str) -> str:
    """The code of a reason in words (as a filter offers it); words that name no reason are an error."""
    for code, words in REASON_WORDS.items():
        if words == said:
            return code
    raise UnknownCode(f"no reason is worded {said!r} (the reasons: {'; '.join(REASON_WORDS.values())})")


def reasons_text(codes: Sequence[str]) -> str:
    """Reason codes in words, joined with '; '.

    >>> reasons_text(["left_network", "single_handed"])
    "Left a network since the previous month; Single-handed (the tracker's GP count is 1)"
    """
    return "; ".join(words_for(code, REASON_WORDS, "reason") for code in codes)


def network_notes_text(codes: Sequence[str]) -> str:
    """Network notes in words, the first capitalised, joined with '; '; '' for none.

    >>> network_notes_text(["single_practice_network"])
    'Its network is a single-practice PCN'
    """
    words = [words_for(code, NETWORK_NOTE_WORDS, "network note") for code in codes]
    return "; ".join(words)[:1].upper() + "; ".join(words)[1:] if words else ""


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
    'NHS South Yorkshire ICB (02X)'
    """
    name = names.get(code)
    if not name or name == code:
        return code
    # sub-ICB locations are published as "NHS SOUTH YORKSHIRE ICB - 02X": the code is said once, and a
    # name published in capitals is written as the others are
    return f"{normal_case(name.removesuffix(f' - {code}'))} ({code})"


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


SMALL_WORDS = {"and", "of", "the", "on", "upon", "in", "by", "with", "for", "at", "under"}
ACRONYMS = {"NHS", "CCG", "ICB", "PCN", "UK", "GP", "ST", "II", "III"}


def normal_case(name: str) -> str:
    """A name published in capitals written as people write it; a name in mixed case is kept.

    >>> normal_case("NHS SCARBOROUGH AND RYEDALE CCG"), normal_case("NHS Hull CCG")
    ('NHS Scarborough and Ryedale CCG', 'NHS Hull CCG')
    >>> normal_case("NHS STOCKTON-ON-TEES CCG"), normal_case("NHS KING'S LYNN ICB - 06V")
    ('NHS Stockton-on-Tees CCG', "NHS King's Lynn ICB - 06V")
    """
    if name != name.upper() or not any(c.isalpha() for c in name):
        return name

    def word(text: str, first: bool) -> str:
        if text in ACRONYMS or any(c.isdigit() for c in text):
            return text
        if text.lower() in SMALL_WORDS and not first:
            return text.lower()
        return text[:1] + text[1:].lower()

    words = []
    for index, part in enumerate(name.split(" ")):
        pieces = part.split("-")
        words.append("-".join(word(p, index == 0 and n == 0) for n, p in enumerate(pieces)))
    return " ".join(words)


def icb_title(name: object, code: str) -> str:
    """An ICB as a board names it: 'Humber and North Yorkshire ICB', from today's published name.

    >>> icb_title("NHS Humber and North Yorkshire Integrated Care Board", "QOQ")
    'Humber and North Yorkshire ICB'
    >>> icb_title("NHS HUMBER AND NORTH YORKSHIRE ICB", "QOQ"), icb_title(None, "QOQ")
    ('Humber and North Yorkshire ICB', 'QOQ')
    """
    if not isinstance(name, str) or not name.strip():
        return code
    text = group_name(normal_case(" ".join(name.split())))
    return text if text.endswith(" ICB") else f"{text} ICB"

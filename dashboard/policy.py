"""The numbers a board may change, in one place: bound into the SQL as parameters, and making the labels.

>>> band_label()
'30,000–50,000'
"""

from __future__ import annotations

from typing import Any

# A Primary Care Network serves roughly this many registered patients (NHS England's band).
NETWORK_BAND_LOW = 30_000
NETWORK_BAND_HIGH = 50_000
# A milestone due within this many days after the month's last day is "due soon".
DUE_SOON_DAYS = 30
# The pace toward 100% is a straight line through this many of an area's latest months.
TREND_MONTHS = 6
# Page and board pack limits: more than these cannot be read on a screen or an A4 page.
MAX_AREA_LINES = 8  # Progress: more areas than this are drawn as one line
MAX_NETWORK_BARS = 60  # Networks: the smallest networks, which matter most
MAX_MILESTONES_CHARTED = 60  # Milestones: the most urgent first
MAX_MAP_PRACTICES = 2_500  # Map: more practices than this (a region, England) are shaded areas only


def band_label() -> str:
    """'30,000–50,000'"""
    return f"{NETWORK_BAND_LOW:,}–{NETWORK_BAND_HIGH:,}"


def below_band_label() -> str:
    """'Below 30,000'"""
    return f"Below {NETWORK_BAND_LOW:,}"


def within_band_label() -> str:
    """'Within 30,000–50,000'"""
    return f"Within {band_label()}"


def above_band_label() -> str:
    """'Above 50,000'"""
    return f"Above {NETWORK_BAND_HIGH:,}"


def due_soon_label() -> str:
    """'Due within 30 days'"""
    return f"Due within {DUE_SOON_DAYS} days"


def sql_parameters() -> dict[str, Any]:
    """The policy as named SQL parameters ($band_low, $due_soon_days, ...) and the labels made from it."""
    return {
        "band_low": NETWORK_BAND_LOW,
        "band_high": NETWORK_BAND_HIGH,
        "due_soon_days": DUE_SOON_DAYS,
        "trend_months": TREND_MONTHS,
        "below_band_label": below_band_label(),
        "within_band_label": within_band_label(),
        "above_band_label": above_band_label(),
        "due_soon_label": due_soon_label(),
    }

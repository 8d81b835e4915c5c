"""What a page (or a board pack) shows: which areas, which month, and how to name that choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class View:
    """The chosen areas (codes; all loaded areas when none is chosen), month and, on Networks, network.

    `scope` names the choice as a figure should: 'England' only when every loaded area is shown and
    the official files cover England that month; else 'every loaded area' or the areas' names.
    """

    areas: tuple[str, ...]
    month: date
    every_area: bool
    scope: str
    network: str | None = None

"""What every input kind provides to the registry: how it is recognised and how it is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Head:
    """What a file's start shows: its first CSV rows, or each sheet's header row of a workbook."""

    rows: list[list[str]] = field(default_factory=list)
    sheets: dict[str, list[str]] | None = None  # None: not a workbook


@dataclass(frozen=True)
class Reading:
    """A file read and validated: stored table name -> frame, and (official files) its release date."""

    tables: dict[str, pd.DataFrame]
    release_date: dt.date | None = None


@dataclass(frozen=True)
class Kind:
    """One kind of input file. `read` raises FileRejected naming the problems it found."""

    name: str
    label: str  # as a person calls it: "ePCN", "list sizes"
    recognise: Callable[[Head], bool]
    read: Callable[[Path], Reading]
    tracker: bool = False

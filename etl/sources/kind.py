"""What every input kind provides to the registry: how it is recognised and how it is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl.headers import normalise_header
from etl.staging import Staged

if TYPE_CHECKING:
    import pandas as pd

HeaderTest = Callable[[set[str]], bool]


@dataclass(frozen=True)
class Head:
    """What a file's start shows: its first CSV rows, or each sheet's header row of a workbook."""

    rows: list[list[str]] = field(default_factory=list)
    sheets: dict[str, list[str]] | None = None  # None: not a workbook


@dataclass(frozen=True)
class Reading:
    """A file read and validated: stored table name -> rows, and (official files) its release date."""

    tables: Mapping[str, pd.DataFrame | Staged]
    release_date: dt.date | None = None


@dataclass(frozen=True)
class Kind:
    """One kind of input file. `read` raises FileRejected naming the problems it found; `stage`
    reads a plain file into a connection's temporary table, or returns None (etl/staging.py)."""

    name: str
    label: str  # as a person calls it: "ePCN", "list sizes"
    recognise: Callable[[Head], bool]
    read: Callable[[Path], Reading]
    tracker: bool = False
    stage: Callable[[Path, duckdb.DuckDBPyConnection], Reading | None] | None = None


def header_names(header: list[str]) -> set[str]:
    return {normalise_header(cell) for cell in header}


def recognised_by(test: HeaderTest) -> Callable[[Head], bool]:
    """A tracker kind's recognise(): its header test on the CSV's first row or on a workbook's sheets."""

    def recognise(head: Head) -> bool:
        if head.sheets is not None:
            return any(test(header_names(header)) for header in head.sheets.values())
        return bool(head.rows) and test(header_names(head.rows[0]))

    return recognise

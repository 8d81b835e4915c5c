"""What every input kind declares to the registry: how it is recognised, how it is read, and its
storage (its tables, how its rows replace earlier ones, the noun its summary counts in).

The store (etl/store/) obeys these declarations and names no kind: a new kind of file is one
module under etl/sources/ and one name in KIND_NAMES, also when it brings a table of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from etl.headers import normalise_header

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from etl.sources import InputFile

HeaderTest = Callable[[set[str]], bool]


@dataclass(frozen=True)
class Head:
    """What a file's start shows: its first CSV rows, or each sheet's header row of a workbook."""

    rows: list[list[str]] = field(default_factory=list)
    sheets: dict[str, list[str]] | None = None  # None: not a workbook


@dataclass(frozen=True)
class Staged:
    """A vouched file's rows, in their stored form, in a table of the loading connection: a
    temporary table, or (`load_id` given) the stored table itself, under that provisional load id."""

    table: str
    rows: int
    months: list[str]  # YYYY-MM
    ccgs: list[str]
    load_id: int | None = None

    @property
    def in_place(self) -> bool:
        return self.load_id is not None

    def select(self) -> str:
        """SQL naming the rows (`table` and `load_id` are made by the store, never from a file)."""
        if self.load_id is None:
            return f"select * from {self.table}"
        return f"select * exclude (load_id) from {self.table} where load_id = {int(self.load_id)}"

    def __len__(self) -> int:
        return self.rows


@dataclass(frozen=True)
class Reading:
    """A file read and validated: stored table name -> rows, (official files) its release date, and
    (`line_of`) the file line of a frame's row, by its label, for problems found later."""

    tables: Mapping[str, pd.DataFrame | Staged]
    release_date: dt.date | None = None
    line_of: Callable[[int], int] | None = None


@dataclass(frozen=True)
class Table:
    """A table a kind stores its rows in, and how a file's rows replace the rows stored before.

    `replaced_by` names the columns whose values a file's rows replace: a participation file
    replaces the stored rows of each (snapshot_date, ccg_code) it holds. Empty: every file's rows
    are kept, and the views choose among them (official files, by release). `columns` (DuckDB
    types) declares a table of the kind's own, which the store creates on its first load; the
    tables of etl/sql/tables.sql need none.
    """

    name: str
    noun: str  # what its rows are, as a summary counts them: "networks", "participation"
    replaced_by: tuple[str, ...] = ()
    month_column: str | None = None  # the month a row describes (a return's summary names them)
    counted: Callable[[pd.DataFrame], int] = len  # the rows a summary counts: of a register, its GP practices
    columns: Mapping[str, str] | None = None


@dataclass(frozen=True)
class FastPath:
    """A kind's SQL that reads a plain CSV straight into DuckDB and vouches for every row, or gives
    up (etl/store/staging.py): `sql` makes the rows, `rows_sql` checks the rules across rows and
    says what the file holds; `values` are bound as parameters."""

    table: str  # the stored table the rows are for
    sql: Path
    rows_sql: Path
    columns: tuple[str, ...]
    required: tuple[str, ...]
    values: Mapping[str, object]


DatabaseCheck = Callable[["duckdb.DuckDBPyConnection", "InputFile", bool, bool], None]


@dataclass(frozen=True)
class Kind:
    """One kind of input file. `read` raises FileRejected naming the problems it found.

    `stores`: its tables. `tracker`: a lead's return for its own areas (summarised by months and
    areas, stored after the registers it is checked against, loaded by an editor of those areas).
    `fast_path`: the SQL that may read a plain file instead of `read`. `check_with_database`:
    the checks of a clean file against what is stored (replace, partial as `etl load` takes them),
    adding to its problems and warnings; `unchecked_without_database`, what a check of a file
    on its own (no database given) leaves unchecked, as a phrase that follows the file's name.
    """

    name: str
    label: str  # as a person calls it: "ePCN", "list sizes"
    recognise: Callable[[Head], bool]
    read: Callable[[Path], Reading]
    stores: tuple[Table, ...]
    tracker: bool = False
    fast_path: Callable[[], FastPath] | None = None
    check_with_database: DatabaseCheck | None = None
    unchecked_without_database: str | None = None

    def table(self, name: str) -> Table:
        """The declaration of the stored table `name`; ValueError when the kind stores no such table."""
        for table in self.stores:
            if table.name == name:
                return table
        raise ValueError(f"{self.name} stores no table {name!r}")


def header_names(header: list[str]) -> set[str]:
    return {normalise_header(cell) for cell in header}


def recognised_by(test: HeaderTest) -> Callable[[Head], bool]:
    """A tracker kind's recognise(): its header test on the CSV's first row or on a workbook's sheets."""

    def recognise(head: Head) -> bool:
        if head.sheets is not None:
            return any(test(header_names(header)) for header in head.sheets.values())
        return bool(head.rows) and test(header_names(head.rows[0]))

    return recognise

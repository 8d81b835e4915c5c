"""The registry of input kinds: each kind of file is one module here, and one name in KIND_NAMES.

>>> f = read_input(Path("status_2018-03.csv"))  # doctest: +SKIP
>>> f.kind, f.tables["participation"], f.problems, f.release_date  # doctest: +SKIP

A file's kind is told from its content (file names are not to be trusted), by asking each kind
in turn; `kind=` names it instead. Reading never raises for bad content: the problems found
are collected, the first KEPT_PROBLEMS of them kept and all of them counted.

A kind's module is imported when the kind is first asked: a plain participation file is
recognised, checked and stored without importing the modules (and pandas) of the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from etl import months
from etl.problems import FileRejected, Problem, rejected
from etl.sources.kind import Head, Kind, Reading, Staged
from etl.text import (
    EMPTY,
    WORKBOOK_BYTES,
    decode,
    first_rows,
    is_workbook,
    separator_problem,
    too_big_workbook,
)

if TYPE_CHECKING:
    import pandas as pd

# Each kind's module under etl/sources/, in the order they are asked (the tracker kinds first).
KIND_NAMES = ("participation", "milestones", "payments", "epraccur", "eccg", "epcn", "mapping", "list_sizes")
HEAD_BYTES = 64 * 1024


def kind_named(name: str) -> Kind:
    kind: Kind = importlib.import_module(f"etl.sources.{name}").KIND
    return kind


def kinds() -> Iterator[Kind]:
    """Every kind, in the order they are asked, each imported as it is reached."""
    return (kind_named(name) for name in KIND_NAMES)


def unknown_kind(what: str) -> str:
    labels = ", ".join(kind.label for kind in kinds() if not kind.tracker)
    return (
        f"expected a participation status file, a milestones file or an official NHS file ({labels}); "
        f"its {what} none of them (name the kind with --kind)"
    )


@dataclass
class InputFile:
    """One file read and checked: what it holds, or why it was rejected."""

    path: Path
    content_hash: str
    kind: str | None = None
    tables: Mapping[str, pd.DataFrame | Staged] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the first KEPT_PROBLEMS
    problem_count: int = 0  # all of them
    warnings: list[Problem] = field(default_factory=list)  # shown and recorded; they never stop a load
    release_date: dt.date | None = None  # official files: the newest date their content mentions
    # checked on its own, no database given: what was left unchecked (its practice codes against
    # the register), a phrase that follows its name; None when nothing was left out
    unchecked: str | None = None
    # the file line of a frame's row (by its label), for problems found against a database
    line_of: Callable[[int], int] | None = field(default=None, repr=False)
    # rejected: the rows still checked against a database, so that one round says every problem
    checkable: Mapping[str, pd.DataFrame] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables as frames: a file read without a DuckDB connection has nothing else."""
        frames = {name: rows for name, rows in self.tables.items() if not isinstance(rows, Staged)}
        if len(frames) != len(self.tables):
            raise TypeError(f"{self.name} was staged in DuckDB, not read into frames")
        return frames

    @property
    def rows(self) -> int:
        return sum(len(frame) for frame in self.tables.values())

    @cached_property
    def months(self) -> list[str]:
        """The months its rows describe (YYYY-MM), for a kind whose tables say which column holds them."""
        months: set[str] = set()
        for name, rows in self.tables.items():
            column = kind_named(self.kind).table(name).month_column if self.kind else None
            if isinstance(rows, Staged):
                months.update(rows.months)
            elif column is not None:
                months.update(day.strftime("%Y-%m") for day in rows[column].unique())
        return sorted(months)

    @property
    def ccgs(self) -> list[str]:
        if self.kind is None or not kind_named(self.kind).tracker:
            return []
        codes: set[str] = set()
        for frame in self.tables.values():
            if isinstance(frame, Staged):
                codes.update(frame.ccgs)
            elif "ccg_code" in frame:
                codes.update(frame["ccg_code"].dropna().unique())
        return sorted(codes)


FastReader = Callable[[Path, Kind], Reading | None]


def read_input(path: Path, kind: str | None = None, fast: FastReader | None = None) -> InputFile:
    """Read and validate a file in full; problems are collected, never raised.

    The file is not held in memory here: each kind reads it as it needs. `fast`, when given, is
    tried first: the store's reader of a kind's fast path (etl/store/staging.py), which reads a
    plain file straight into DuckDB or returns None; any other file is parsed into a frame (a
    huge one from disk by pyarrow).
    """
    with ThreadPoolExecutor(max_workers=1) as hashing:  # on the other core, while the file is read
        digest = hashing.submit(content_hash, path)
        parsed = InputFile(path, "", kind)
        try:
            source = kind_named(kind) if kind else recognise(path.name, start_of(path))
            parsed.kind = source.name
            reading: Reading = (fast(path, source) if fast is not None else None) or source.read(path)
            today = months.today()
            if reading.release_date is not None and reading.release_date > today:
                from etl.sources.official import future_dates  # a release is never after its load

                raise future_dates(path.name, reading.tables, today)
            parsed.tables, parsed.release_date = reading.tables, reading.release_date
            parsed.line_of = reading.line_of
        except FileRejected as found:
            parsed.problems, parsed.problem_count = found.problems, found.total
            if found.checkable is not None:
                parsed.checkable = {
                    name: rows
                    for name, rows in found.checkable.tables.items()
                    if not isinstance(rows, Staged)
                }
                parsed.line_of = found.checkable.line_of
        except Exception:
            digest.result()  # a file that cannot be opened fails as before: when it is hashed
            raise
        parsed.content_hash = digest.result()
    return parsed


def content_hash(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def start_of(path: Path) -> bytes:
    """Enough of a file to recognise its kind: a CSV's first rows, or a whole workbook."""
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
        if is_workbook(head) and (size := os.fstat(file.fileno()).st_size) > WORKBOOK_BYTES:
            raise rejected(path.name, too_big_workbook(size))  # never read whole into memory
        return head + file.read() if is_workbook(head) or len(head) < HEAD_BYTES else head


def head_of(file: str, data: bytes) -> Head:
    """What the kinds are recognised by: a workbook's header rows, or a CSV's first rows."""
    if not is_workbook(data):
        return Head(rows=first_rows(data[:HEAD_BYTES]))
    from etl.workbooks import header_rows, sheet_titles  # openpyxl: only for workbooks

    titles = sheet_titles(data)
    by_name = Head(sheets={title: [] for title in titles or ()})
    if titles and kind_named("epcn").recognise(by_name):
        return by_name  # known by its sheets' names alone
    return Head(sheets=header_rows(file, data))


def recognise(file: str, data: bytes) -> Kind:
    """The kind whose content this is (`data`: the whole file or its start), or FileRejected
    saying why it is none."""
    head = head_of(file, data)
    for kind in kinds():
        if kind.recognise(head):
            return kind
    if head.sheets is not None:
        raise rejected(file, unknown_kind("sheets match"))
    text = decode(data[: len(data) - trailing_part(data)], file)  # a binary or UTF-16 file is told as such
    if not text.strip():
        raise rejected(file, EMPTY)
    if head.rows and (wrong_separator := separator_problem(file, head.rows[0])) is not None:
        raise wrong_separator
    raise rejected(file, unknown_kind("content matches"))


def trailing_part(data: bytes) -> int:
    """How many bytes at the end of `data` begin a UTF-8 character it cuts off (0 to 3)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return 0
        if byte >= 0xC0:  # a lead byte: is its character complete?
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if needed > back else 0
    return 0


__all__ = ["KIND_NAMES", "InputFile", "Kind", "kind_named", "kinds", "read_input"]

"""Problems found in an input file, as sentences a person can act on: the one Problem type of
every kind (pandera's failure cases become Problems in etl/failure_cases.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from etl.sources.kind import Reading

# A file with a systematic error has a problem on every row; the first ones say what is wrong.
KEPT_PROBLEMS = 1_000
# Characters that would break the one-line-per-problem promise (or drive a terminal).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    r"""Text with line breaks and terminal escapes written out, so it stays on one line.

    >>> one_line("North\nPCN\x1b[31m")
    'North\\nPCN\\x1b[31m'
    """
    return CONTROL.sub(lambda found: ESCAPES.get(found[0], ascii(found[0])[1:-1]), text)


# The same problem on this many rows is said once, with how many rows and their lines; and when a
# file still has more than a screenful of problems, a column's problem of one kind is said once
# whatever the values.
GROUPED_FROM = 3
SCREENFUL = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where it is, what was there and what was wrong with it; or
    (`rows` > 1) the same thing wrong on many rows, from `line` to `last_line`.

    >>> str(Problem("status.csv", 14, "practice_code", "C8601", "expected a capital letter and 5 digits"))
    'status.csv line 14, practice_code "C8601": expected a capital letter and 5 digits'
    >>> str(Problem("map.csv", 2, "EXTRACT_DATE", "1st Jan", "expected a date", last_line=6709, rows=6708))
    'map.csv lines 2–6709 (6,708 rows), EXTRACT_DATE "1st Jan": expected a date'
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    last_line: int | None = None
    rows: int = 1

    def __str__(self) -> str:
        if self.line is None:
            where = self.file
        elif self.rows > 1:
            where = f"{self.file} lines {self.line}–{self.last_line} ({self.rows:,} rows)"
        else:
            where = f"{self.file} line {self.line}"
        if self.column is not None:
            where += f", {self.column}"
        if self.value is not None:
            where += f' "{self.value}"'
        return one_line(f"{where}: {self.message}")


class FileRejected(Exception):
    """A file failed validation; it carries the first problems found and how many there are.

    Problems are in file order: by line, and within a line by the column's place in the file's
    header (`columns`, as the problems name them); columns not in it come after, by name.
    """

    def __init__(
        self, problems: list[Problem], total: int | None = None, columns: Sequence[str] = ()
    ) -> None:
        place = {name: number for number, name in enumerate(columns)}

        def in_file_order(p: Problem) -> tuple[int, int, str]:
            return p.line or 0, place.get(p.column or "", len(place)), p.column or ""

        self.problems = sorted(grouped(problems), key=in_file_order)[:KEPT_PROBLEMS]
        self.total = sum(p.rows for p in problems) if total is None else total
        # the rows that can still be checked against a database (a return's rows whose month,
        # area and practice are valid), so that one round says every problem; set by the kind
        self.checkable: Reading | None = None
        super().__init__("\n".join(str(p) for p in self.problems))


def grouped(problems: list[Problem]) -> list[Problem]:
    """The same problem (file, column, value and sentence) on GROUPED_FROM rows or more, said once
    with how many rows and the lines they span; then, if that leaves more than a screenful, each
    column's problem of one sentence said once whatever its values."""
    once = _merged(problems, lambda p: (p.file, p.column, p.value, p.message), None)
    if len(once) <= SCREENFUL:
        return once
    return _merged(once, lambda p: (p.file, p.column, None, p.message), "different values")


def _merged(
    problems: list[Problem], key: Callable[[Problem], tuple[object, ...]], values_word: str | None
) -> list[Problem]:
    groups: dict[tuple[object, ...], list[Problem]] = {}
    for problem in problems:
        groups.setdefault(key(problem), []).append(problem)
    merged: list[Problem] = []
    for same in groups.values():
        rows = sum(p.rows for p in same)
        lines = [p.line for p in same if p.line is not None]
        if len(same) == 1 or rows < GROUPED_FROM or len(lines) < len(same):
            merged.extend(same)
            continue
        first = same[0]
        last_line = max((p.last_line or p.line) for p in same if p.line is not None)
        value, message = first.value, first.message
        if values_word is not None and len({p.value for p in same}) > 1:
            value = None
            example = f' such as "{first.value}"' if first.value is not None else ""
            message = f"{message} ({len({p.value for p in same}):,} {values_word}{example})"
        merged.append(Problem(first.file, min(lines), first.column, value, message, last_line, rows))
    return merged


def rejected(file: str, message: str, line: int | None = None) -> FileRejected:
    """A whole file turned away with one sentence."""
    return FileRejected([Problem(file, line, None, None, message)])


# An expectation is a sentence, or for a rule that needs the row (names and lines of a clash),
# a function of the 0-based row giving that sentence.
Expectation = str | Callable[[int], str]


@dataclass(frozen=True)
class Messages:
    """How one kind words its problems: the expectation of each named check, the one cell a
    failing row check points at, (tracker kinds) the columns a file may have, and the columns
    its row checks read (so that a rejected file's other columns can be let go first)."""

    kind: str
    expected: Mapping[str, Expectation]
    row_check_column: Mapping[str, str] | None = None
    columns: tuple[str, ...] = ()
    row_check_inputs: tuple[str, ...] = ()
    # why a cell that fails the check named "date" names no day ("April has 30 days"), if it says
    why_no_such_day: Callable[[str], str | None] | None = None


@dataclass(frozen=True)
class Where:
    """How a failing cell is shown: its line from its row label, its column as the file names it
    (`header_of`: an unknown column as the header row writes it), and (`columns`) the file's
    columns in the header's order, so that a line's problems follow it."""

    file: str
    line_of: Callable[[int], int]
    label_of: Callable[[str], str]
    header_of: Callable[[str], str] = str
    columns: tuple[str, ...] = ()

    def labels(self) -> list[str]:
        """The file's columns, in order, as its problems name them."""
        return [self.label_of(name) for name in self.columns]

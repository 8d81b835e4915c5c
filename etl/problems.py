"""Problems found in an input file, as sentences a person can act on: the one Problem type of
every kind (pandera's failure cases become Problems in etl/failure_cases.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where it is, what was there and what was wrong with it.

    >>> str(Problem("status.csv", 14, "practice_code", "C8601", "expected a capital letter and 5 digits"))
    'status.csv line 14, practice_code "C8601": expected a capital letter and 5 digits'
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file} line {self.line}"
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

        self.problems = sorted(problems, key=in_file_order)[:KEPT_PROBLEMS]
        self.total = len(problems) if total is None else total
        super().__init__("\n".join(str(p) for p in self.problems))


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

"""Problems found in an input file, as sentences a person can act on."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


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
        elif self.value is not None:
            where += f' "{self.value}"'
        return f"{where}: {self.message}"


class FileRejected(Exception):
    """A file failed validation; it carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or ""))
        super().__init__("\n".join(str(p) for p in self.problems))


def write_report(problems: list[Problem], path: Path) -> None:
    """Write problems as a CSV a spreadsheet opens: file, line, column, value, problem."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "column", "value", "problem"])
        for p in problems:
            writer.writerow([p.file, p.line or "", p.column or "", p.value or "", str(p)])

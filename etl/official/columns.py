"""Finding the columns a reader needs, whatever a given year's release calls them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Wanted:
    """A column a reader needs: how its header may read, and its name when it is missing."""

    field: str
    label: str
    pattern: str
    required: bool = True


@dataclass
class SourceTable:
    """Text cells of the columns a reader needs, indexed by the line a spreadsheet shows.

    `source_names` maps each field to the header the user sees, so that a problem names the
    column as it is written in the file.
    """

    file: str
    frame: pd.DataFrame
    source_names: dict[str, str]


def normalise_header(text: object) -> str:
    """Header text as compared: case, line breaks, hyphens, underscores and brackets do not matter.

    >>> normalise_header("Practice to PCN\\nRelationship\\nStart Date ")
    'practice to pcn relationship start date'
    >>> normalise_header("Number of Registered Patients (Last Known Figure)")
    'number of registered patients last known figure'
    """
    return re.sub(r"[\s\-_()\[\]?]+", " ", str(text or "")).strip().lower()


def shown_header(text: object) -> str:
    """Header text on one line, as a person reads it.

    >>> shown_header("Partner\\nOrganisation\\nCode")
    'Partner Organisation Code'
    """
    return " ".join(str(text or "").split())


def match_columns(
    headers: list[object],
    wanted: tuple[Wanted, ...],
) -> tuple[dict[str, int], list[Wanted]]:
    """Position of each wanted column (the first header that fits) and the required ones missing."""
    names = [normalise_header(header) for header in headers]
    positions: dict[str, int] = {}
    missing: list[Wanted] = []
    for column in wanted:
        found = next((i for i, name in enumerate(names) if re.search(column.pattern, name)), None)
        if found is not None:
            positions[column.field] = found
        elif column.required:
            missing.append(column)
    return positions, missing


def missing_columns_message(missing: list[Wanted]) -> str:
    """One sentence naming every missing column."""
    labels = ", ".join(column.label for column in missing)
    noun = "column" if len(missing) == 1 else "columns"
    return f"expected the {noun} {labels}; not found in the header"


def text_frame(rows: list[list[str]], lines: list[int], positions: dict[str, int]) -> pd.DataFrame:
    """The wanted columns as trimmed text (empty -> missing), indexed by line number."""
    frame = pd.DataFrame(
        {field: [row[position] for row in rows] for field, position in positions.items()},
        index=pd.Index(lines, dtype="int64"),
        dtype="string",
    )
    for field in frame.columns:
        frame[field] = frame[field].str.strip().replace("", pd.NA)
    return frame

"""Header names as compared, and the columns a reader needs whatever a year's release calls them.

One normaliser for every kind: case, surrounding spaces, line breaks, hyphens, underscores and
brackets do not matter, so "Practice Code" = `practice_code` and "Practice to PCN\\nRelationship
\\nStart Date " = `practice_to_pcn_relationship_start_date`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

SEPARATORS = re.compile(r"[\s\-_()\[\]?]+")


def normalise_header(text: object) -> str:
    """A header cell as compared.

    >>> normalise_header("  Practice-Code ")
    'practice_code'
    >>> normalise_header("Number of Registered Patients (Last Known Figure)")
    'number_of_registered_patients_last_known_figure'
    """
    return SEPARATORS.sub("_", str(text if text is not None else "")).strip("_").lower()


def shown_header(text: object) -> str:
    """Header text on one line, as a person reads it.

    >>> shown_header("Partner\\nOrganisation\\nCode")
    'Partner Organisation Code'
    """
    return " ".join(str(text if text is not None else "").split())


@dataclass(frozen=True)
class Wanted:
    """A column a reader needs: its field, its name when missing, and how its normalised header
    may read (a regular expression)."""

    field: str
    label: str
    pattern: str
    required: bool = True

    @classmethod
    def exactly(cls, field: str, label: str, required: bool = True) -> Wanted:
        """A column whose normalised header is its label's: "PCN Code" is `pcn_code`, nothing else."""
        return cls(field, label, f"^{normalise_header(label)}$", required)


def match_columns(
    headers: Sequence[object], wanted: tuple[Wanted, ...]
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


def has_columns(headers: Sequence[object], wanted: tuple[Wanted, ...]) -> bool:
    """Every required column of `wanted` is in the header."""
    return not match_columns(headers, wanted)[1]


def missing_columns_message(missing: list[Wanted]) -> str:
    """One sentence naming every missing column."""
    labels = ", ".join(column.label for column in missing)
    noun = "column" if len(missing) == 1 else "columns"
    return f"expected the {noun} {labels}; not found in the header"

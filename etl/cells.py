"""Rules for single cells that every kind shares: numbers of patients, blanks, whole columns at once."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from etl.formats import EXCEL_WHOLE_NUMBER, MAX_LIST_SIZE, NO_KNOWN_PATIENTS


def per_distinct(cells: pd.Series, rule: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`rule` worked out once for each distinct cell, then spread over the rows.

    A national file has close to a million rows but only a few hundred distinct dates, levels
    or GP counts, and parsing text is what costs; the answer is the same as `rule(cells)`.
    """
    codes, distinct = pd.factorize(cells, use_na_sentinel=False)
    answers = rule(pd.Series(distinct, dtype=cells.dtype))
    answer = answers.take(codes).set_axis(cells.index)
    answer.name = cells.name
    return answer


def matches(cells: pd.Series, pattern: str) -> pd.Series:
    """Whole-cell match; blank cells do not match."""
    return cells.str.fullmatch(pattern).fillna(False).astype(bool)


def blank_or(cells: pd.Series, valid: pd.Series) -> pd.Series:
    """A format check passes blank cells: emptiness is the `required` check's business."""
    return (cells == "") | valid.fillna(False).astype(bool)


def once_each(cells: pd.Series) -> pd.Series:
    return ~cells.duplicated(keep=False) | cells.isna()


def whole_numbers(cells: pd.Series) -> pd.Series:
    """Whole numbers as Excel writes them (12000, 12,000, 12000.0) -> numbers; others -> NaN."""

    def read(distinct: pd.Series) -> pd.Series:
        written = distinct.where(distinct.str.fullmatch(EXCEL_WHOLE_NUMBER).fillna(False).astype(bool))
        return pd.to_numeric(written.str.replace(",", "").str.replace(r"\.0+$", "", regex=True))

    return per_distinct(cells, read)


def patient_counts(cells: pd.Series) -> pd.Series:
    """Registered patients as numbers; NO KNOWN PATIENTS and anything unreadable -> NaN."""
    return pd.to_numeric(cells.where(cells.str.upper() != NO_KNOWN_PATIENTS), errors="coerce")


def are_list_sizes(cells: pd.Series, whole: bool) -> pd.Series:
    """0..250,000 patients; payments average four quarters, so they may hold fractions."""
    written = matches(cells, r"[0-9]+" if whole else r"[0-9]+(\.[0-9]+)?")  # not 1e3, not -5, not ١٢
    fits = written & patient_counts(cells).between(0, MAX_LIST_SIZE).fillna(False).astype(bool)
    if not whole:
        fits |= matches(cells.str.upper(), NO_KNOWN_PATIENTS)
    return fits


def list_sizes(cells: pd.Series) -> pd.Series:
    """Whole numbers of patients (a quarterly average rounds half up); unknown -> <NA>."""
    return np.floor(patient_counts(cells) + 0.5).astype("Int64")


def blank_to_null(cells: pd.Series) -> pd.Series:
    return cells.where(cells != "", None)

"""Numbers standing for codes and names, for the checks across rows of a national file.

Worked out in Arrow, a chunk of the column at a time: two million rows of text as Python strings,
or a hash table of two million distinct codes, would cost hundreds of megabytes.
"""

from __future__ import annotations

import string
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as arrow
import pyarrow.compute as pc


def arrow_text(cells: pd.Series) -> arrow.ChunkedArray:
    """A text column as Arrow data: the data itself when pandas keeps it in Arrow, not a copy."""
    if isinstance(cells.dtype, pd.ArrowDtype) or (
        isinstance(cells.dtype, pd.StringDtype) and cells.dtype.storage == "pyarrow"
    ):
        return cells.array.__arrow_array__()
    return arrow.chunked_array([arrow.array(cells.to_numpy(dtype=object), type=arrow.large_string())])


def codes_of(cells: pd.Series, upper_case: bool = True) -> np.ndarray:
    """Each cell as a number standing for its text (upper-cased first): cheap to compare.

    Worked out in Arrow, not as Python strings, and a chunk at a time, for columns of few
    distinct values (network codes and names).
    """
    text = arrow_text(cells)
    if not upper_case:
        distinct = pc.unique(text)
        return numbers_by_chunk(text, lambda chunk: pc.index_in(chunk, value_set=distinct))
    distinct = pc.unique(pc.utf8_upper(pc.unique(text)))
    return numbers_by_chunk(text, lambda chunk: pc.index_in(pc.utf8_upper(chunk), value_set=distinct))


def numbers_by_chunk(text: arrow.ChunkedArray, number: Callable[[arrow.Array], arrow.Array]) -> np.ndarray:
    """`number` applied to each chunk of a column, into one int64 array: a national file's
    column at once would need every intermediate array at full length."""
    numbers = np.empty(len(text), dtype="int64")
    start = 0
    for chunk in text.chunks:
        numbers[start : start + len(chunk)] = number(chunk).to_numpy(zero_copy_only=False)
        start += len(chunk)
    return numbers


LETTERS = arrow.array(list(string.ascii_uppercase))


def practice_number(codes: arrow.Array) -> arrow.Array:
    """C86001 -> 2 * 100000 + 86001; a code not a letter and 5 digits -> -1."""
    text = pc.utf8_upper(codes)
    valid = pc.match_substring_regex(text, r"^[A-Z][0-9]{5}$")
    letter = pc.cast(
        pc.fill_null(pc.index_in(pc.utf8_slice_codeunits(text, 0, 1), value_set=LETTERS), 0), "int64"
    )
    digits = pc.cast(pc.if_else(valid, pc.utf8_slice_codeunits(text, 1, 6), "0"), arrow.int64())
    return pc.if_else(valid, pc.add(pc.multiply(letter, 100_000), digits), -1)


def practice_numbers(cells: pd.Series) -> np.ndarray:
    """Each valid practice code as a number; each invalid one a number of its own below zero,
    never equal to another (its own check reports it).

    Computed from the letter and the digits, not by hashing: a national file holds two
    million codes, and a table of every distinct one would cost hundreds of megabytes.
    """
    numbers = numbers_by_chunk(arrow_text(cells), practice_number)
    invalid = np.flatnonzero(numbers < 0)
    numbers[invalid] = -1 - invalid
    return numbers

"""The one place that reaches into pandera's internals; tests/test_pandera_adapter.py fails when they change.

Calling a `Check` builds a frame of every failing cell or row, which for a national file full of
problems costs the memory that etl/sources/tracker.py validates in pieces to save. The check's
own function gives the same verdict without that frame, but pandera keeps it private
(`Check._check_fn` with its `Check._check_kwargs`, called as pandera's own pandas backend calls it).
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import pandera.pandas as pa


def check_outcome(check: pa.Check, data: pd.Series | pd.DataFrame) -> pd.Series | bool:
    """A model's check applied to a column's cells or a frame's rows: True or False for each
    (or one bool for all of them), as the Check itself would decide, without its failure cases."""
    verdict = partial(check._check_fn, **check._check_kwargs)
    if check.element_wise:  # one call per cell of a column, or per row of a frame
        return data.map(verdict) if isinstance(data, pd.Series) else data.apply(verdict, axis=1)
    outcome: pd.Series | bool = verdict(data)
    return outcome

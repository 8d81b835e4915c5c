"""Pure readers for the official NHS files: a file on disk -> normalised DataFrames.

Nothing here touches the database; the loader stores what read_official returns.

>>> detect_official_kind(Path("epraccur.csv"))  # doctest: +SKIP
'epraccur'
>>> read_official(Path("epraccur.csv"), "epraccur")["official_practice_facts"]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl.official.detect import detect_official_kind
from etl.official.eccg import read_eccg
from etl.official.epcn import read_epcn
from etl.official.epraccur import read_epraccur
from etl.official.frames import FRAME_COLUMNS
from etl.official.list_sizes import read_list_sizes
from etl.official.payments import read_payments

OFFICIAL_KINDS: tuple[str, ...] = ("payments", "epraccur", "eccg", "epcn", "list_sizes")

READERS: dict[str, Callable[[Path], dict[str, pd.DataFrame]]] = {
    "payments": read_payments,
    "epraccur": read_epraccur,
    "eccg": read_eccg,
    "epcn": read_epcn,
    "list_sizes": read_list_sizes,
}


def read_official(path: Path, kind: str) -> dict[str, pd.DataFrame]:
    """Read an official file of `kind` in full, or raise FileRejected naming every problem.

    Returns frames keyed "official_practice_facts", "official_ccgs", "official_networks" or
    "official_membership", with the columns of FRAME_COLUMNS.
    """
    if kind not in READERS:
        known = ", ".join(OFFICIAL_KINDS)
        raise ValueError(f"unknown official kind {kind!r}; expected one of {known}")
    return READERS[kind](Path(path))


__all__ = ["FRAME_COLUMNS", "OFFICIAL_KINDS", "detect_official_kind", "read_official"]

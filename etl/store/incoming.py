"""A file's rows as the view `incoming` that the store's SQL reads, whichever reader read them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import duckdb

from etl.sources.kind import Staged

if TYPE_CHECKING:
    import pandas as pd


@contextmanager
def incoming(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame | Staged) -> Iterator[None]:
    """`rows` as the view `incoming` of `con` while the block runs."""
    if isinstance(rows, Staged):
        con.execute(f"create or replace temp view incoming as {rows.select()}")
        try:
            yield
        finally:
            con.execute("drop view if exists incoming")
        return
    import pyarrow as pa  # a frame was read by pandas, so this costs nothing more

    plain = rows.copy(deep=False)  # DuckDB scans an Arrow table faster than the frame it came from
    plain.attrs = {}
    con.register("incoming", pa.Table.from_pandas(plain, preserve_index=False))
    try:
        yield
    finally:
        con.unregister("incoming")

"""The SQL files of etl/, each read once and run with its $parameters bound: the one runner etl uses.

>>> rows(con, "checks/areas_outside.sql", file_areas=["02X"], editor_areas=["02X"])  # doctest: +SKIP
[([],)]
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

from etl.config import SQL_DIR


@cache
def sql_text(path: str | Path) -> str:
    """The text of an SQL file: a name under etl/sql/ ("store/next_load_id.sql") or a whole path."""
    return (SQL_DIR / path).read_text()


def rows(con: duckdb.DuckDBPyConnection, path: str | Path, **values: object) -> list[tuple]:
    """Every row the file's statement gives, its $parameters bound from `values`."""
    return con.execute(sql_text(path), values or None).fetchall()

"""The one library entry: what the command line, `etl fetch`, the Data page and the tests call.

>>> checked = check_files([Path("status_2018-03.csv")], Path("tracker.duckdb"))  # doctest: +SKIP
>>> [f.problems for f in checked]  # doctest: +SKIP
[[]]
>>> load_files([Path("status_2018-03.csv")], Path("tracker.duckdb"))[0].summary()  # doctest: +SKIP
'status_2018-03.csv: loaded 4 rows of participation for March 2018, CCG 02X'

A file is a path, or a file read before by `read_files` (the Data page reads an upload once,
then checks it and loads it without reading it again).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl.database import connect_read_only, writing
from etl.sources import InputFile, kind_named, read_input
from etl.store import LoadOptions, LoadResult, checked, os_account, read_into, release_all, store_all
from etl.store.results import describe, problem_count

if TYPE_CHECKING:
    import datetime as dt

    from etl.fetch import FetchOutcome

File = Path | InputFile

__all__ = [
    "File",
    "InputFile",
    "LoadResult",
    "check_files",
    "describe",
    "fetch",
    "load_files",
    "problem_count",
    "read_files",
]


def read_files(paths: Sequence[Path], kind: str | None = None) -> list[InputFile]:
    """Each file read and validated on its own, its rows held in memory to be checked against a
    database and loaded later without reading the file again."""
    return [read_input(path, kind) for path in paths]


def check_files(
    files: Sequence[File],
    db: Path | None = None,
    kind: str | None = None,
    replace: bool = False,
    partial: bool = False,
    loaded_by: str | None = None,
    areas: set[str] | None = None,
) -> list[InputFile]:
    """Each file checked as a load into `db` would check it, without loading it (`etl check`).

    Without `db`, each file on its own (a plain file by DuckDB, as a load reads it), and each
    says in `unchecked` what that leaves unchecked (a return: its practice codes against the
    register). With `db`, also against the database, read and never changed: its register and
    stored returns, and `areas` (the only areas whose files `loaded_by` may load).
    duckdb.CatalogException when `db` is not a tracker database.
    """
    if db is None:
        with duckdb.connect() as con:  # a plain file is staged by DuckDB, as a load reads it
            return [_unchecked(_checked_in(con, file, kind, None)) for file in files]
    options = LoadOptions(replace, partial, loaded_by, areas)
    with connect_read_only(db) as con:
        con.execute("select 1 from load_history limit 0")  # not a tracker database: CatalogException
        return [_checked_in(con, file, kind, lambda f: checked(con, f, options)) for file in files]


def _checked_in(
    con: duckdb.DuckDBPyConnection,
    file: File,
    kind: str | None,
    against_database: Callable[[InputFile], InputFile] | None,
) -> InputFile:
    """A file read before, or read now (a plain one staged in `con` and freed once checked),
    then checked against the database when there is one."""
    f = file if isinstance(file, InputFile) else read_into(con, file, kind)
    try:
        return against_database(f) if against_database is not None else f
    finally:
        release_all(con, f)


def _unchecked(f: InputFile) -> InputFile:
    """A file checked on its own, saying what its kind would also have checked against a database."""
    said = kind_named(f.kind).unchecked_without_database if f.kind is not None else None
    return dataclasses.replace(f, unchecked=said) if said is not None else f


def load_files(
    files: Sequence[File],
    db: Path,
    kind: str | None = None,
    replace: bool = False,
    partial: bool = False,
    loaded_by: str | None = None,
    areas: set[str] | None = None,
    vet: Callable[[list[InputFile]], None] | None = None,
) -> list[LoadResult]:
    """Validate every file, then apply them to the database in one atomic swap: the official files
    first, so that the returns loaded with a register are checked against it, then the others in order.

    `loaded_by` is who loads them (default: the account running this); `areas`, when given, the
    only areas (sub-ICB, ICB or region codes) whose files they may load. `vet` sees every file read
    and checked before anything is stored: an exception it raises stops the load with the database
    untouched (`etl fetch` loads all of its files or none).
    """
    options = LoadOptions(replace, partial, loaded_by or os_account(), areas)
    with writing(db) as con:
        inputs = [
            file if isinstance(file, InputFile) else read_into(con, file, kind, loading=True)
            for file in files
        ]
        if vet is not None:
            vet(inputs)
        return store_all(con, inputs, options)


def fetch(
    db: Path,
    month: str | None = None,
    ods_url: str | None = None,
    registrations_url: str | None = None,
    keep: Path | None = None,
    *,
    today: dt.date | None = None,
    timeout: float | None = None,
    limit: int | None = None,
    deadline: float | None = None,
) -> FetchOutcome:
    """The month's official files downloaded and loaded in one atomic step, or nothing (`etl fetch`):
    `month` as YYYY-MM (default the newest published), the sites' addresses (default the NHS's),
    `keep` the folder for the files and their manifest (default data/official/downloads);
    `timeout` bounds each wait for a byte, `deadline` the whole of each download (seconds)."""
    from etl import fetch as fetching  # httpx: only for a fetch

    return fetching.fetch(
        db,
        month,
        ods_url or fetching.ODS_URL,
        registrations_url or fetching.REGISTRATIONS_URL,
        keep,
        today=today,
        timeout=fetching.TIMEOUT if timeout is None else timeout,
        limit=fetching.LIMIT if limit is None else limit,
        deadline=fetching.DEADLINE if deadline is None else deadline,
    )

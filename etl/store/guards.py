"""Who may load what: an editor limited to some areas loads only the returns of those areas."""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

import duckdb

from etl import sql_files
from etl.problems import Problem
from etl.sources import kind_named

if TYPE_CHECKING:
    from etl.sources import InputFile


def area_problems(
    con: duckdb.DuckDBPyConnection, f: InputFile, areas: set[str], who: str | None
) -> list[Problem]:
    """An editor limited to some areas (sub-ICB, ICB or region codes) may load only their returns."""
    editor = who or "this editor"
    theirs = ", ".join(sorted(areas)) or "no area"
    if f.kind is None or not kind_named(f.kind).tracker:
        return [
            Problem(
                f.name, None, None, None,
                f"{editor} may load the returns of {theirs} only, and an official file covers every "
                "area: ask an editor for every area to load it",
            )
        ]  # fmt: skip
    outside: list[str] = sql_files.rows(
        con, "checks/areas_outside.sql", file_areas=f.ccgs, editor_areas=sorted(areas)
    )[0][0]
    if not outside:
        return []
    return [
        Problem(
            f.name, None, "ccg_code", None,
            f"holds rows for {', '.join(outside)}, whose returns {editor} may not load ({editor} may load "
            f"those of {theirs} only): leave those rows out, or ask an editor for "
            f"{'that area' if len(outside) == 1 else 'those areas'} to load it",
        )
    ]  # fmt: skip


def os_account() -> str:
    """The account that runs this process: who loaded a file from the command line."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (a container): the number says who
        return f"uid {os.getuid()}"

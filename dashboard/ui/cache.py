"""The thin caching layer the pages use: a question's answer is kept until the database changes.

Every answer is cached under the database's version (its path, inode, modification time and size),
so a load, which swaps in a new file, is seen at once without a restart.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import streamlit as st

from etl.config import database_path

TTL = "1h"  # the version key already invalidates on a load; the TTL only bounds memory
T = TypeVar("T")


class Version(NamedTuple):
    """Which database file, as it is now: a load replaces the file, so the inode and mtime change."""

    path: str
    inode: int
    modified_ns: int
    size: int


def database_version() -> Version | None:
    """The current version of the database file, or None when there is none yet."""
    path = database_path()
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return Version(str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)


def cached(function: Callable[..., T], version: Version, *arguments: Any) -> T:
    """function(Path(version.path), *arguments), answered from the cache while the version holds."""
    return _answer(function.__module__, function.__name__, version, arguments)


@st.cache_data(ttl=TTL, show_spinner=False)
def _answer(module: str, name: str, version: Version, arguments: tuple[Any, ...]) -> Any:
    function = getattr(importlib.import_module(module), name)
    return function(Path(version.path), *arguments)

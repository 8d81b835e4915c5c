"""The thin caching layer the pages use: a question's answer is kept until the database changes.

Every answer is cached under the database's version (queries.Version: its path, inode, modification
time and size), so a load, which swaps in a new file, is seen at once without a restart.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from dashboard.queries import Version, version_of
from etl.config import database_path

TTL = "1h"  # the version key already invalidates on a load; the TTL only bounds memory
T = TypeVar("T")


def database_version() -> Version | None:
    """The current version of the database file, or None when there is none yet."""
    try:
        return version_of(database_path())
    except FileNotFoundError:
        return None


def cached(function: Callable[..., T], version: Version, *arguments: Any) -> T:
    """function(Path(version.path), *arguments), answered from the cache while the version holds."""
    return _answer(function.__module__, function.__name__, version, arguments)


@st.cache_data(ttl=TTL, show_spinner=False)
def _answer(module: str, name: str, version: Version, arguments: tuple[Any, ...]) -> Any:
    function = getattr(importlib.import_module(module), name)
    return function(Path(version.path), *arguments)

"""Moved: storing is etl.store, reading is etl.sources. Kept only for modules not yet switched."""

from etl.sources import InputFile, read_input
from etl.store import LoadResult, describe, load_files, store

__all__ = ["InputFile", "LoadResult", "describe", "load_files", "read_input", "store"]

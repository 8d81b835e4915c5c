"""Files uploaded on the Data page, kept on disk under their own names so that checks and loads name them."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from streamlit.runtime.uploaded_file_manager import UploadedFile

from etl.problems import Problem

UPLOAD_DIR = Path(tempfile.gettempdir()) / "gp-tracker-uploads"


def save_upload(upload: UploadedFile) -> Path:
    """Write the upload to a folder of its own, under its original file name (never a path)."""
    folder = UPLOAD_DIR / upload.file_id
    folder.mkdir(parents=True, exist_ok=True)
    # the load history records the file name, so keep the one the person chose
    path = folder / Path(upload.name).name
    path.write_bytes(upload.getvalue())
    return path


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """One row per problem: line, column, value and the full sentence."""
    return pd.DataFrame(
        {
            "line": pd.array([p.line for p in problems], dtype="Int64"),
            "column": [p.column for p in problems],
            "value": [p.value for p in problems],
            "problem": [str(p) for p in problems],
        }
    )

"""Files uploaded on the Data page, kept on disk under their own names so that checks and loads name
them; each is read once (etl/api.py), then checked and loaded as read."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dashboard.auth import editor_areas, sign_in_configured, signed_in_email
from etl.api import InputFile, LoadResult, check_files, load_files, read_files
from etl.config import database_path
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


def read_upload(upload: UploadedFile) -> InputFile:
    """The upload saved under its name, then read and validated with its rows kept: the one read
    of it, checked and loaded as read."""
    return read_files([save_upload(upload)])[0]


def check_upload(read: InputFile, editor: bool) -> InputFile:
    """The file checked as loading it would check it: against the database's register and stored
    returns when there is a database, else on its own; for an `editor`, also against their areas."""
    db = database_path()
    if not db.is_file():
        return check_files([read])[0]
    email = signed_in_email() if sign_in_configured() else None
    areas = editor_areas(email) if editor and email is not None else None
    return check_files([read], db, loaded_by=email, areas=areas)[0]


def load_upload(read: InputFile) -> LoadResult:
    """Load a checked file as the signed-in editor (recorded as who loaded it), within their areas;
    without sign-in, as the account that runs the dashboard, for any area."""
    email = signed_in_email() if sign_in_configured() else None
    areas = editor_areas(email) if email is not None else None
    return load_files([read], database_path(), loaded_by=email, areas=areas)[0]


@dataclass(frozen=True)
class LoadOutcome:
    """What the Data page says after a load: its line, and the problems and warnings found."""

    summary: str
    rejected: bool
    problems: list[Problem]
    warnings: list[str]


def outcome_of(result: LoadResult) -> LoadOutcome:
    return LoadOutcome(
        result.summary(),
        result.outcome == "rejected",
        result.file.problems,
        [str(warning) for warning in result.file.warnings],
    )

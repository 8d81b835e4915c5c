"""The quick pass over a clean tracker file agrees with pandera: it vouches for a file only when
pandera finds no problem in any cell, so a clean file may skip pandera's slower pass."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pytest

from etl.sources.participation.model import PracticeStatus
from etl.sources.tracker import every_cell_passes

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "status_2017-04.csv"


def sample_frame() -> pd.DataFrame:
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)


def pandera_finds_a_cell_problem(frame: pd.DataFrame) -> bool:
    schema = copy.deepcopy(PracticeStatus.to_schema())
    schema.checks = []
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors:
        return True
    return False


def test_a_clean_file_is_vouched_for() -> None:
    frame = sample_frame()
    assert not pandera_finds_a_cell_problem(frame)
    assert every_cell_passes(frame, PracticeStatus.to_schema())


def test_vouched_for_in_arrow_text_as_the_bulk_reader_keeps_it() -> None:
    frame = sample_frame().astype(pd.ArrowDtype(pyarrow.string()))
    assert every_cell_passes(frame, PracticeStatus.to_schema())


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("snapshot_date", "2017-02-30"),
        ("snapshot_date", "2009-12-01"),
        ("snapshot_date", ""),
        ("ccg_code", "02"),
        ("practice_code", "C8600"),
        ("practice_name", ""),
        ("list_size", "12.5"),
        ("list_size", "-3"),
        ("contract_type", "XMS"),
        ("integration_level", "half"),
        ("network_code", "no spaces allowed"),
        ("contract_status", "closed"),
        ("gp_count", "0"),
    ],
)
def test_one_bad_cell_is_left_to_pandera(column: str, value: str) -> None:
    frame = sample_frame()
    frame.loc[frame.index[-1], column] = value
    assert pandera_finds_a_cell_problem(frame)
    assert not every_cell_passes(frame, PracticeStatus.to_schema())


def test_wrong_columns_are_left_to_pandera() -> None:
    frame = sample_frame()
    assert not every_cell_passes(frame.drop(columns="practice_code"), PracticeStatus.to_schema())
    assert not every_cell_passes(frame.assign(extra="x"), PracticeStatus.to_schema())
    assert every_cell_passes(frame.drop(columns="notes"), PracticeStatus.to_schema())  # optional


def test_a_missing_cell_is_left_to_pandera() -> None:
    frame = sample_frame()
    frame.loc[frame.index[0], "notes"] = None
    assert not every_cell_passes(frame, PracticeStatus.to_schema())

"""Each kind of file is recognised by its content, never by its name."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from etl.sources import KIND_NAMES, kinds
from tests.sources.helpers import FIXTURES, kind_of


def test_each_kind_is_named_as_its_module_in_the_registry() -> None:
    assert [kind.name for kind in kinds()] == list(KIND_NAMES)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("payments_2017-18.csv", "payments"),
        ("payments_2018-19.csv", "payments"),
        ("epraccur_2019-09.csv", "epraccur"),
        ("eccg_2024.csv", "eccg"),
        ("gp-reg-pat-prac-all_2021-01.csv", "list_sizes"),
        ("gp-reg-pat-prac-map_2022-01.csv", "mapping"),
        ("ePCN_2019-12.xlsx", "epcn"),
        ("ePCN_2022-02.xlsx", "epcn"),
    ],
)
def test_each_official_file_is_recognised_by_its_content_not_its_name(
    tmp_path: Path, name: str, kind: str
) -> None:
    disguised = tmp_path / "download (3).dat"
    shutil.copy(FIXTURES / name, disguised)
    assert kind_of(disguised) == kind
    assert kind in KIND_NAMES


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (
            "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,"
            "integration_level\n"
            "2018-03-01,02X,C86001,THE CARCROFT DOCTORS GROUP,10621,GMS,virtual\n",
            "participation",
        ),
        ("Practice Code,Integration Level\nC86001,full\n", "participation"),
        (
            "ccg_code,network_code,milestone,due_date,achieved_date\n02X,,Alliance agreement signed,"
            "2018-03-31,\n",
            "milestones",
        ),
        ("", None),
        ("just some words\n", None),
    ],
    ids=["participation", "participation-spaced-header", "milestones", "empty", "text"],
)
def test_tracker_files_are_told_apart_from_official_files_and_other_text(
    tmp_path: Path, content: str, kind: str | None
) -> None:
    path = tmp_path / "file.csv"
    path.write_text(content)
    assert kind_of(path) == kind


def test_binary_junk_and_other_workbooks_are_not_official(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    other = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(other)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert [kind_of(p) for p in (junk, other, broken)] == [None, None, None]

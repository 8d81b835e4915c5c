"""Every real release loads (issue 18 §5): ODS role lists, extract dates in every unambiguous style,
and a problem repeated on many rows said once, for every kind of file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.sources.helpers import NHS_DATA, epraccur_line, problems_of, tables_of

MAPPING = NHS_DATA / "list-sizes" / "gp-reg-pat-prac-map_2026-01.csv"


def test_a_gp_practice_with_a_second_role_is_a_gp_practice(tmp_path: Path) -> None:
    register = tmp_path / "epraccur.csv"
    register.write_text(
        "\n".join(
            [
                epraccur_line("B81042", "MANOR ROAD SURGERY", "Y63", "ACTIVE", "02Y", "RO76|RO268"),
                epraccur_line("B81043", "A SURGERY", "Y63", "ACTIVE", "02Y", "RO76"),
                epraccur_line("Y02625", "A WALK-IN CENTRE", "Y63", "ACTIVE", "02Y", "RO87|RO80"),
                epraccur_line("W91016", "A WELSH PRACTICE", "W00", "ACTIVE", "7A1", "RO76"),
            ]
        )
        + "\n"
    )
    facts = tables_of(register, "epraccur")["official_practice_facts"]
    settings = dict(zip(facts["practice_code"], facts["prescribing_setting"], strict=True))
    assert settings == {"B81042": "4", "B81043": "4", "Y02625": "RO87|RO80"}  # Wales left out


@pytest.mark.parametrize(
    "written",
    ["01Jan2026", "01JAN2026", "2026-01-01", "20260101", "01/01/2026", "01-JAN-2026", "1 January 2026"],
)
def test_an_extract_date_reads_in_any_unambiguous_style(tmp_path: Path, written: str) -> None:
    path = tmp_path / "gp-reg-pat-prac-map.csv"
    lines = MAPPING.read_text(encoding="utf-8-sig").splitlines()[:4]
    path.write_text("\n".join(line.replace("01Jan2026", written) for line in lines) + "\n")
    listed = tables_of(path, "mapping")["official_registrations"]
    assert set(listed["extract_date"]) == {pd.Timestamp("2026-01-01")}


@pytest.mark.skipif(not MAPPING.exists(), reason="needs ../shared/nhs-data")
def test_a_real_file_with_the_same_bad_date_on_every_row_says_it_once(tmp_path: Path) -> None:
    path = tmp_path / "gp-reg-pat-prac-map.csv"
    lines = MAPPING.read_text(encoding="utf-8-sig").splitlines()
    lines[4] = lines[4].replace(",U", ",X", 1)  # and one other problem, on line 5
    path.write_text("\n".join(line.replace("01Jan2026", "Jan 1st 2026") for line in lines) + "\n")

    assert problems_of(path, "mapping") == [
        'gp-reg-pat-prac-map.csv lines 2–6172 (6,171 rows), EXTRACT_DATE "Jan 1st 2026": expected a date '
        "such as 01JAN2021, 2021-01-01, 20210101, 01-JAN-2021 or 31/01/2021",
        f'gp-reg-pat-prac-map.csv line 5, PCN_CODE "{lines[4].split(",")[5]}": expected U and 5 digits '
        "(a PCN), or U for a practice in no PCN",
    ]


def test_different_bad_values_of_one_column_on_every_row_fit_a_screen(tmp_path: Path) -> None:
    path = tmp_path / "gp-reg-pat-prac-all.csv"
    rows = [
        f"GP_PRAC_PAT_LIST,01JAN2021,GP,02X,E38000044,C{86000 + n},DN6 8AG,ALL,ALL,{n}.5"
        for n in range(1, 401)
    ]
    path.write_text(
        "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n"
        + "\n".join(rows)
        + "\n"
    )
    assert problems_of(path, "list_sizes") == [
        "gp-reg-pat-prac-all.csv lines 2–401 (400 rows), NUMBER_OF_PATIENTS: expected a whole number of "
        'patients from 0 to 250,000 (400 different values, such as "1.5")'
    ]


def test_a_tracker_file_with_one_mistake_on_every_row_says_it_once_on_the_command_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "status_2019-03.csv"
    rows = [f"2019-03-01,02X,C{86000 + n},Practice {n},9000,GMS,partly" for n in range(1, 3001)]
    rows[9] = rows[9].replace(",GMS,", ",GMX,")
    path.write_text(
        "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level\n"
        + "\n".join(rows)
        + "\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "etl", "check", str(path)], capture_output=True, text=True, check=False
    )
    said = done.stderr.splitlines()
    assert done.returncode == 1
    assert said[0] == "status_2019-03.csv: 3,001 problems"
    assert said[1].startswith(
        '  status_2019-03.csv lines 2–3001 (3,000 rows), integration_level "partly": expected'
    )
    assert said[2].startswith('  status_2019-03.csv line 11, contract_type "GMX": expected')
    assert len(said) == 3

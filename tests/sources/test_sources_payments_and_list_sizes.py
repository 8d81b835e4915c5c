"""Payments and list sizes: contract types and registered patients, in every layout."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.sources.helpers import FIXTURES, day, kind_of, problems_of, row_of, tables_of


def test_payments_give_contract_type_and_registered_patients() -> None:
    facts = tables_of(FIXTURES / "payments_2017-18.csv", "payments")["official_practice_facts"]
    assert len(facts) == 15
    assert facts["contract_type"].value_counts(dropna=False).to_dict() == {
        "GMS": 12,
        "PMS": 1,
        pd.NA: 2,  # UNKNOWN
    }
    carcroft = row_of(facts, practice_code="C86001")
    assert [carcroft[c] for c in ("ccg_code", "contract_type", "list_size")] == [
        "02X",
        "GMS",
        10621,
    ]
    closed = row_of(facts, practice_code="A81008")
    assert (closed["close_date"], closed["contract_type"], closed["status"]) == (
        day("2018-01-31"),
        None,
        None,  # payments do not say a practice's status; the register does
    )


def test_payments_round_quarterly_average_patients_and_read_a_blank_close_date() -> None:
    facts = tables_of(FIXTURES / "payments_2018-19.csv", "payments")["official_practice_facts"]
    whinfield = row_of(facts, practice_code="A83005")  # 11879.5 in the file
    assert (whinfield["list_size"], whinfield["close_date"]) == (11880, pd.NaT)
    assert len(facts) == 10


def test_list_sizes_give_each_practice_its_registered_patients() -> None:
    facts = tables_of(FIXTURES / "gp-reg-pat-prac-all_2021-01.csv", "list_sizes")["official_practice_facts"]
    assert len(facts) == 13
    assert row_of(facts, practice_code="C85628")["list_size"] == 10
    assert row_of(facts, practice_code="C86001")["ccg_code"] == "02X"
    assert facts["practice_name"].isna().all()
    assert facts.attrs["extract_date"] == day("2021-01-01")


def test_list_sizes_read_the_sub_icb_layout_and_skip_breakdowns(tmp_path: Path) -> None:
    path = tmp_path / "gp-reg-pat-prac-all.csv"
    path.write_text(
        "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,"
        "POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n"
        "GP_PRAC_PAT_LIST,2026-04-01,GP,02X,E38000044,C86001,DN6 8AG,ALL,ALL,16639\n"
        "GP_PRAC_PAT_LIST,2026-04-01,GP,02X,E38000044,C86001,DN6 8AG,MALE,ALL,8210\n"
        "GP_PRAC_PAT_LIST,2026-04-01,GP,02X,E38000044,C86003,DN7 6JH,ALL,ALL,9726\n"
    )
    assert kind_of(path) == "list_sizes"
    facts = tables_of(path, "list_sizes")["official_practice_facts"]
    assert facts[["practice_code", "ccg_code", "list_size"]].values.tolist() == [
        ["C86001", "02X", 16639],
        ["C86003", "02X", 9726],
    ]
    assert facts.attrs["extract_date"] == day("2026-04-01")


PAYMENTS_RENAMED = (
    "ICB Code,Sub ICB Location Code,Sub ICB Location Name,Practice Code,Practice Name,"
    "Practice Open Date,Practice Close Date,Contract Type,PracticeType,"
    "Number of Registered Patients (Last Known Figure)\n"
    "QF7,02X,NHS SOUTH YORKSHIRE ICB - 02X,C86001,DR O\u2019BRIEN & PARTNERS,01/08/1990,,gms,"
    "GP practice,10621\n"
    "QF7,02X,NHS SOUTH YORKSHIRE ICB - 02X,C86002,THE OLD SURGERY,01/04/1974,30/09/2023,"
    "UNKNOWN,GP practice,NO KNOWN PATIENTS\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_payments_read_renamed_columns_in_either_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "payments.csv"
    path.write_bytes(PAYMENTS_RENAMED.encode(encoding))
    assert kind_of(path) == "payments"
    facts = tables_of(path, "payments")["official_practice_facts"]
    rows = facts.astype(object).where(facts.notna(), None)
    assert rows[["practice_code", "practice_name", "ccg_code", "close_date", "contract_type",
                 "list_size"]].values.tolist() == [
        ["C86001", "DR O\u2019BRIEN & PARTNERS", "02X", None, "GMS", 10621],
        ["C86002", "THE OLD SURGERY", "02X", day("2023-09-30"), None, None],
    ]  # fmt: skip


# --- problems, as the user reads them --------------------------------------------------------

PAYMENTS_HEADER = (
    "CCG Code,Practice Code,Practice Name,Practice Open Date,Practice Close Date,Contract Type,"
    "Number of Registered Patients (Last Known Figure)\n"
)


def test_payments_report_every_bad_cell_with_its_line_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "payments.csv"
    path.write_text(
        PAYMENTS_HEADER
        + "02X,C8601,THE CARCROFT DOCTORS GROUP,01/08/1990,,GMS,10621\n"
        + "02X,C86002,,31/02/2019,,GPS,300000\n"
        + "02X,C86003,DR BRADLEY & PARTNERS,1994-04-04,,PMS,9638\n"
    )
    assert problems_of(path, "payments") == [
        'payments.csv line 2, Practice Code "C8601": expected a capital letter and 5 digits',
        'payments.csv line 3, Contract Type "GPS": expected GMS, PMS, APMS or UNKNOWN',
        'payments.csv line 3, Number of Registered Patients (Last Known Figure) "300000": '
        "expected a number of patients from 0 to 250,000, or NO KNOWN PATIENTS",
        "payments.csv line 3, Practice Name: expected a value; this column must not be empty",
        'payments.csv line 3, Practice Open Date "31/02/2019": expected a date as DD/MM/YYYY',
        'payments.csv line 4, Practice Open Date "1994-04-04": expected a date as DD/MM/YYYY',
    ]


def test_list_sizes_above_250000_patients_are_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,"
        "NUMBER_OF_PATIENTS\n"
        "GP_PRAC_PAT_LIST,01JAN2021,GP,02X,E38000044,C86001,DN6 8AG,ALL,ALL,250001\n"
        "GP_PRAC_PAT_LIST,31JAN21,GP,02X,E38000044,C86003,DN7 6JH,ALL,ALL,97.5\n"
    )
    whole = "expected a whole number of patients from 0 to 250,000"
    assert problems_of(path, "list_sizes") == [
        f'list.csv line 2, NUMBER_OF_PATIENTS "250001": {whole}',
        'list.csv line 3, EXTRACT_DATE "31JAN21": expected a date such as 01JAN2021, 2021-01-01, 20210101, '
        "01-JAN-2021 or 31/01/2021",
        f'list.csv line 3, NUMBER_OF_PATIENTS "97.5": {whole}',
    ]

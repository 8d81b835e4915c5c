"""Every official frame has the documented columns and types, and a malformed file one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sources.helpers import FIXTURES, problems_of, tables_of, write_bytes

FACT_TYPES = {
    "practice_code": "string",
    "practice_name": "string",
    "ccg_code": "string",
    "open_date": "datetime64[ns]",
    "close_date": "datetime64[ns]",
    "status": "string",
    "contract_type": "string",
    "list_size": "Int64",
    "prescribing_setting": "string",
    "address": "string",
    "postcode": "string",
    "telephone": "string",
}


@pytest.mark.parametrize(
    ("name", "kind", "key"),
    [
        ("payments_2017-18.csv", "payments", "official_practice_facts"),
        ("epraccur_2019-09.csv", "epraccur", "official_practice_facts"),
        ("gp-reg-pat-prac-all_2021-01.csv", "list_sizes", "official_practice_facts"),
        ("ePCN_2022-02.xlsx", "epcn", "official_networks"),
        ("ePCN_2022-02.xlsx", "epcn", "official_membership"),
        ("eccg_2024.csv", "eccg", "official_ccgs"),
        ("payments_2017-18.csv", "payments", "official_areas"),
        ("gp-reg-pat-prac-map_2022-01.csv", "mapping", "official_areas"),
    ],
)
def test_frames_have_the_documented_columns_and_nullable_types(
    name: str,
    kind: str,
    key: str,
) -> None:
    frame = tables_of(FIXTURES / name, kind)[key]
    types = {column: str(dtype) for column, dtype in frame.dtypes.items()}
    expected = {
        "official_practice_facts": FACT_TYPES,
        "official_networks": {
            "network_code": "string",
            "network_name": "string",
            "ccg_code": "string",
            "open_date": "datetime64[ns]",
            "close_date": "datetime64[ns]",
        },
        "official_membership": {
            "practice_code": "string",
            "network_code": "string",
            "network_name": "string",
            "start_date": "datetime64[ns]",
            "end_date": "datetime64[ns]",
        },
        "official_ccgs": {
            "ccg_code": "string",
            "ccg_name": "string",
            "open_date": "datetime64[ns]",
            "close_date": "datetime64[ns]",
            "region_code": "string",
            "icb_code": "string",
        },
        "official_areas": {
            "ccg_code": "string",
            "ccg_name": "string",
            "icb_code": "string",
            "icb_name": "string",
            "region_code": "string",
            "region_name": "string",
        },
    }[key]
    assert types == expected
    assert list(frame.index) == list(range(len(frame)))
    for column in frame.select_dtypes("datetime64[ns]"):
        dates = frame[column].dropna()
        assert (dates == dates.dt.normalize()).all()  # midnight


PAYMENTS_HEADER = (
    "CCG Code,Practice Code,Practice Name,Practice Open Date,Practice Close Date,Contract Type,"
    "Number of Registered Patients (Last Known Figure)\n"
)


@pytest.mark.parametrize(
    ("name", "content", "kind", "sentence"),
    [
        (
            "payments.csv",
            b"CCG Code,Practice Code,Practice Name\n02X,C86001,THE CARCROFT DOCTORS GROUP\n",
            "payments",
            "payments.csv line 1: expected the columns Contract Type, "
            "Number of Registered Patients; not found in the header",
        ),
        (
            "payments.csv",
            PAYMENTS_HEADER.encode() + b"02X,C86001,CARCROFT,01/08/1990,,GMS,10621\n"
            b"02X,C86003,BRADLEY, PARTNERS,01/08/1990,,GMS,9638\n",
            "payments",
            "payments.csv line 3: expected 7 fields as in the header, found 8",
        ),
        (
            "epraccur.csv",
            b'"C86001","GREAT NORTH","Y63"\n',
            "epraccur",
            "epraccur.csv line 1: expected at least 27 fields, found 3",
        ),
        (
            "eccg.csv",
            b'"02X","NHS DONCASTER CCG"\n"02P","NHS "BARNSLEY" CCG"\n',
            "eccg",
            "eccg.csv line 2: expected well-formed CSV (',' expected after '\"')",
        ),
        (
            "junk.csv",
            bytes(range(256)),
            "payments",
            "junk.csv: expected a CSV text file, not a binary file",
        ),
        ("empty.csv", b"\r\n", "epraccur", "empty.csv: expected data rows; the file is empty"),
        (
            "ePCN.xlsx",
            b"PCN Code,PCN Name\nU30587,DONCASTER NORTH PCN\n",
            "epcn",
            "ePCN.xlsx: expected an Excel workbook (.xlsx) that can be opened",
        ),
        (
            "payments.csv",
            (FIXTURES / "payments_2017-18.csv").read_bytes(),
            "epraccur",
            "payments.csv: expected GP practices (prescribing setting 4 or RO76); found none",
        ),
    ],
    ids=[
        "missing-columns",
        "ragged-row",
        "too-few-fields",
        "broken-quotes",
        "binary",
        "empty",
        "not-a-workbook",
        "wrong-kind",
    ],
)
def test_a_malformed_file_is_rejected_with_one_sentence(
    tmp_path: Path, name: str, content: bytes, kind: str, sentence: str
) -> None:
    assert problems_of(write_bytes(tmp_path / name, content), kind) == [sentence]

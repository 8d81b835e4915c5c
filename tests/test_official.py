"""Readers of the official NHS files: real excerpts, every known layout variant, and bad files."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from etl.official import OFFICIAL_KINDS, detect_official_kind, read_official
from etl.problems import FileRejected

FIXTURES = Path(__file__).parent / "fixtures" / "official"
NHS_DATA = Path(__file__).resolve().parents[2] / "shared" / "nhs-data"

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
}


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def row_of(frame: pd.DataFrame, **where: str) -> dict:
    """The one row whose columns hold the given values, as a dict."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    (found,) = frame[mask].to_dict("records")
    return found


def problems_of(path: Path, kind: str) -> list[str]:
    with pytest.raises(FileRejected) as rejected:
        read_official(path, kind)
    return [str(problem) for problem in rejected.value.problems]


# --- the real excerpts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("payments_2017-18.csv", "payments"),
        ("payments_2018-19.csv", "payments"),
        ("epraccur_2019-09.csv", "epraccur"),
        ("eccg_2024.csv", "eccg"),
        ("gp-reg-pat-prac-all_2021-01.csv", "list_sizes"),
        ("ePCN_2019-12.xlsx", "epcn"),
        ("ePCN_2022-02.xlsx", "epcn"),
    ],
)
def test_each_official_file_is_recognised_by_its_content_not_its_name(
    tmp_path: Path, name: str, kind: str
) -> None:
    disguised = tmp_path / "download (3).dat"
    shutil.copy(FIXTURES / name, disguised)
    assert detect_official_kind(disguised) == kind
    assert kind in OFFICIAL_KINDS


@pytest.mark.parametrize(
    "content",
    [
        "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,"
        "integration_level\n"
        "2018-03-01,02X,C86001,THE CARCROFT DOCTORS GROUP,10621,GMS,virtual\n",
        "Practice Code,Integration Level\nC86001,full\n",
        "ccg_code,network_code,milestone,due_date,achieved_date\n02X,,Alliance agreement signed,"
        "2018-03-31,\n",
        "",
        "just some words\n",
    ],
    ids=["participation", "participation-spaced-header", "milestones", "empty", "text"],
)
def test_tracker_files_and_other_text_are_not_official(tmp_path: Path, content: str) -> None:
    path = tmp_path / "file.csv"
    path.write_text(content)
    assert detect_official_kind(path) is None


def test_binary_junk_and_other_workbooks_are_not_official(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    other = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(other)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert [detect_official_kind(p) for p in (junk, other, broken)] == [None, None, None]


def test_epraccur_keeps_english_gp_practices_of_every_status() -> None:
    facts = read_official(FIXTURES / "epraccur_2019-09.csv", "epraccur")["official_practice_facts"]
    # of 17 rows: an urgent care centre, a Welsh and an Alderney practice are left out
    assert len(facts) == 14
    assert {"F84743", "W00001", "ALD200"}.isdisjoint(facts["practice_code"])
    assert facts["status"].value_counts().to_dict() == {"active": 12, "closed": 1, "dormant": 1}
    assert row_of(facts, practice_code="A81003") == {
        "practice_code": "A81003",
        "practice_name": "VICTORIA MEDICAL PRACTICE",
        "ccg_code": "00K",
        "open_date": day("1974-04-01"),
        "close_date": day("2017-10-31"),
        "status": "closed",
        "contract_type": None,
        "list_size": None,
        "prescribing_setting": "4",
    }


def test_payments_give_contract_type_and_registered_patients() -> None:
    facts = read_official(FIXTURES / "payments_2017-18.csv", "payments")["official_practice_facts"]
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
    facts = read_official(FIXTURES / "payments_2018-19.csv", "payments")["official_practice_facts"]
    whinfield = row_of(facts, practice_code="A83005")  # 11879.5 in the file
    assert (whinfield["list_size"], whinfield["close_date"]) == (11880, pd.NaT)
    assert len(facts) == 10


def test_list_sizes_give_each_practice_its_registered_patients() -> None:
    facts = read_official(FIXTURES / "gp-reg-pat-prac-all_2021-01.csv", "list_sizes")[
        "official_practice_facts"
    ]
    assert len(facts) == 13
    assert row_of(facts, practice_code="C85628")["list_size"] == 10
    assert row_of(facts, practice_code="C86001")["ccg_code"] == "02X"
    assert facts["practice_name"].isna().all()
    assert facts.attrs["extract_date"] == day("2021-01-01")


def test_eccg_keeps_closed_ccgs_and_five_character_codes() -> None:
    ccgs = read_official(FIXTURES / "eccg_2024.csv", "eccg")["official_ccgs"]
    assert list(ccgs.columns) == ["ccg_code", "ccg_name", "open_date", "close_date"]
    assert len(ccgs) == 10
    assert row_of(ccgs, ccg_code="00C")["close_date"] == day("2020-03-31")
    assert row_of(ccgs, ccg_code="A3A8R")["ccg_name"] == "NHS NORTH EAST LONDON ICB - A3A8R"


def test_epcn_2019_reads_numbers_as_dates_and_formulas_as_their_values() -> None:
    frames = read_official(FIXTURES / "ePCN_2019-12.xlsx", "epcn")
    networks, spells = frames["official_networks"], frames["official_membership"]
    assert (len(networks), len(spells)) == (8, 10)
    assert row_of(spells, practice_code="A83005") == {
        "practice_code": "A83005",
        "network_code": "U45102",
        "network_name": "DARLINGTON PCN",
        "start_date": day("2019-10-01"),
        "end_date": pd.NaT,
    }
    assert row_of(networks, network_code="U30587")["ccg_code"] == "02X"


def test_epcn_2022_gives_one_row_per_spell_of_a_practice_that_moved() -> None:
    frames = read_official(FIXTURES / "ePCN_2022-02.xlsx", "epcn")
    networks, spells = frames["official_networks"], frames["official_membership"]
    assert (len(networks), len(spells), spells["end_date"].notna().sum()) == (11, 14, 5)
    beacon = spells[spells["practice_code"] == "B81003"].sort_values("start_date")
    assert beacon[["network_code", "start_date", "end_date"]].values.tolist() == [
        ["U93462", day("2019-10-01"), day("2020-03-31")],
        ["U93843", day("2020-04-01"), pd.NaT],
    ]
    assert row_of(networks, network_code="U93462")["close_date"] == day("2020-03-31")
    assert row_of(spells, practice_code="C85628")["end_date"] == day("2020-08-31")


@pytest.mark.parametrize(
    ("name", "kind", "key"),
    [
        ("payments_2017-18.csv", "payments", "official_practice_facts"),
        ("epraccur_2019-09.csv", "epraccur", "official_practice_facts"),
        ("gp-reg-pat-prac-all_2021-01.csv", "list_sizes", "official_practice_facts"),
        ("ePCN_2022-02.xlsx", "epcn", "official_networks"),
        ("ePCN_2022-02.xlsx", "epcn", "official_membership"),
        ("eccg_2024.csv", "eccg", "official_ccgs"),
    ],
)
def test_frames_have_the_documented_columns_and_nullable_types(
    name: str,
    kind: str,
    key: str,
) -> None:
    frame = read_official(FIXTURES / name, kind)[key]
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
        },
    }[key]
    assert types == expected
    assert list(frame.index) == list(range(len(frame)))
    for column in frame.select_dtypes("datetime64[ns]"):
        dates = frame[column].dropna()
        assert (dates == dates.dt.normalize()).all()  # midnight


# --- ePCN layouts ----------------------------------------------------------------------------

ADDRESS_HEADERS = [f"Address Line {n}" for n in range(1, 6)] + ["Postcode"]
DETAILS_HEADERS = {
    2019: ["PCN Code", "PCN Name", "Current Clinical Commissioning Group Code",
           "Clinical Commissioning Group Name", "Open Date (YYYYMMDD)", "Close Date"],
    2022: ["PCN Code", "PCN Name", "Current Clinical \nCommissioning \nGroup Code",
           "Clinical\nCommissioning\nGroup Name", "Open Date", "Close Date"],
    2023: ["PCN Code", "PCN Name", "Current Sub ICB Loc Code", "Sub ICB Loc Name", "Open Date",
           "Close Date"],
}  # fmt: skip
PARTNER_HEADERS = {
    2019: ["Partner Organisation Code", "Partner Name", "Practice Parent CCG Code",
           "Practice Parent CCG Name", "PCN Code", "PCN Name", "PCN Parent CCG Code",
           "PCN Parent CCG Name", "Practice to PCN Relationship Start Date",
           "Practice to PCN Relationship End Date", "Practice CCG and PCN CCG match?"],
    2022: ["Partner\nOrganisation\nCode", "Partner\nName", "Practice\nParent\nCCG Code",
           "Practice\nParent\nCCG Name", "PCN Code", "PCN Name", "PCN Parent\nCCG Code",
           "PCN Parent\nCCG Name", "Practice to PCN\nRelationship\nStart Date",
           "Practice to PCN\nRelationship\nEnd Date", "Practice CCG and PCN\nCCG Match "],
    2023: ["Partner\nOrganisation\nCode", "Partner\nName", "Practice\nParent\nSub ICB Loc Code",
           "Practice\nParent\nSub ICB Loc Name", "PCN Code", "PCN Name",
           "PCN Parent\nSub ICB Loc Code", "PCN Parent\nSub ICB Loc Name",
           "Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date",
           "Practice Sub ICB Loc and PCN Sub ICB Loc Match "],
}  # fmt: skip
ADDRESS = ["THE HEALTH CENTRE", "CHESTNUT AVENUE", None, "DONCASTER", None, "DN6 8AG"]


def write_epcn(
    path: Path,
    details_sheet: str = "PCNDetails",
    layout: int = 2022,
    date: object = "20191001",
    networks: list[list] | None = None,
    spells: list[list] | None = None,
) -> Path:
    """A small ePCN workbook in the layout of a given year: two networks, three spells."""
    ccg = "NHS DONCASTER CCG" if layout < 2023 else "NHS SOUTH YORKSHIRE ICB - 02X"
    networks = networks or [
        ["U30587", "DONCASTER NORTH PCN", "02X", ccg, date, None],
        ["U54853", "DONCASTER EAST PCN", "02X", ccg, date, None],
    ]
    spells = spells or [
        ["C86001", "GREAT NORTH MEDICAL GROUP", "U30587", "DONCASTER NORTH PCN", date, "20210331"],
        ["C86001", "GREAT NORTH MEDICAL GROUP", "U54853", "DONCASTER EAST PCN", "20210401", None],
        ["C86003", "HATFIELD HEALTH CENTRE", "U54853", "DONCASTER EAST PCN", date, None],
    ]
    workbook = openpyxl.Workbook()
    details = workbook.active
    details.title = details_sheet
    details.append(DETAILS_HEADERS[layout] + ADDRESS_HEADERS)
    for network in networks:
        details.append(network + ADDRESS)
    partners = workbook.create_sheet("PCN Core Partner Details")
    partners.append(PARTNER_HEADERS[layout])
    for code, name, pcn, pcn_name, start, end in spells:
        partners.append([code, name, "02X", ccg, pcn, pcn_name, "02X", ccg, start, end, True])
    workbook.save(path)
    return path


def cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the cached values Excel would have saved (openpyxl writes none)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, xml in parts.items():
        if name.startswith("xl/worksheets/"):
            text = xml.decode()
            for cell, value in values.items():
                text = re.sub(
                    rf'<c r="{cell}">(<f>.*?</f>)<v\s*/>',
                    rf'<c r="{cell}" t="str">\1<v>{value}</v>',
                    text,
                )
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def membership(path: Path) -> list[list]:
    spells = read_official(path, "epcn")["official_membership"]
    return spells.astype(object).where(spells.notna(), None).values.tolist()


EXPECTED_SPELLS = [
    ["C86001", "U30587", "DONCASTER NORTH PCN", day("2019-10-01"), day("2021-03-31")],
    ["C86001", "U54853", "DONCASTER EAST PCN", day("2021-04-01"), None],
    ["C86003", "U54853", "DONCASTER EAST PCN", day("2019-10-01"), None],
]


@pytest.mark.parametrize("sheet", ["PCN Details", "PCNDetails", "pcn details"])
def test_epcn_finds_the_details_sheet_by_any_of_its_names(tmp_path: Path, sheet: str) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx", details_sheet=sheet)
    assert detect_official_kind(path) == "epcn"
    assert len(read_official(path, "epcn")["official_networks"]) == 2


@pytest.mark.parametrize(
    "date",
    [20191001, 20191001.0, "20191001", " 20191001 ", dt.datetime(2019, 10, 1)],
    ids=["excel-number", "excel-float", "text", "text-with-spaces", "real-date"],
)
def test_epcn_reads_a_yyyymmdd_date_however_the_cell_stores_it(
    tmp_path: Path,
    date: object,
) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx", date=date)
    assert membership(path) == EXPECTED_SPELLS
    networks = read_official(path, "epcn")["official_networks"]
    assert networks["open_date"].tolist() == [day("2019-10-01")] * 2


@pytest.mark.parametrize("layout", [2019, 2022, 2023])
def test_epcn_matches_headers_with_line_breaks_sub_icb_names_and_trailing_spaces(
    tmp_path: Path, layout: int
) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx", layout=layout, details_sheet="PCN Details")
    assert membership(path) == EXPECTED_SPELLS
    networks = read_official(path, "epcn")["official_networks"]
    assert networks["ccg_code"].tolist() == ["02X", "02X"]


def test_epcn_reads_formulas_as_the_values_excel_last_showed(tmp_path: Path) -> None:
    lookup = "=VLOOKUP(E{row},'PCN Details'!A:B,2,FALSE)"
    spells = [
        ["C86001", "GREAT NORTH", "U30587", lookup.format(row=2), 20191001, None],
        ["C86003", "HATFIELD", "U54853", lookup.format(row=3), 20191001, None],
    ]
    path = write_epcn(tmp_path / "ePCN.xlsx", "PCN Details", layout=2019, spells=spells)
    cache_formula_values(path, {"F2": "CACHED NORTH NAME", "F3": "CACHED EAST NAME"})
    names = read_official(path, "epcn")["official_membership"]["network_name"].tolist()
    assert names == ["CACHED NORTH NAME", "CACHED EAST NAME"]


def test_epcn_takes_the_network_name_from_pcn_details_when_a_formula_has_no_cached_value(
    tmp_path: Path,
) -> None:
    spells = [["C86001", "GREAT NORTH", "U30587", "=VLOOKUP(E2,'PCN Details'!A:B,2,FALSE)",
               20191001, None]]  # fmt: skip
    path = write_epcn(tmp_path / "ePCN.xlsx", "PCN Details", layout=2019, spells=spells)
    names = read_official(path, "epcn")["official_membership"]["network_name"].tolist()
    assert names == ["DONCASTER NORTH PCN"]


# --- CSV layouts ----------------------------------------------------------------------------


def epraccur_line(code: str, name: str, grouping: str, status: str, ccg: str, setting: str) -> str:
    """One epraccur record: 27 quoted fields, of which the reader uses eight."""
    fields = [""] * 27
    fields[0], fields[1], fields[2], fields[3] = code, name, grouping, "QHM"
    fields[10], fields[12], fields[14], fields[25] = "20200401", status, ccg, setting
    if status in {"C", "INACTIVE"}:
        fields[11] = "20230331"
    return ",".join(f'"{field}"' for field in fields)


def test_epraccur_reads_status_words_ro76_and_lf_line_ends(tmp_path: Path) -> None:
    lines = [
        epraccur_line("C86001", "GREAT NORTH MEDICAL GROUP", "Y63", "ACTIVE", "02X", "RO76"),
        epraccur_line("C86002", "CLOSED SURGERY", "Y63", "INACTIVE", "02X", "RO76"),
        epraccur_line("C86003", "QUIET SURGERY", "Y63", "DORMANT", "02X", "RO76"),
        epraccur_line("Y09999", "NEW SURGERY", "Y63", "PROPOSED", "02X", "RO76"),
        epraccur_line("Y01234", "DONCASTER WALK-IN", "Y63", "ACTIVE", "02X", "RO87"),
        epraccur_line("W91042", "CANOLFAN IECHYD", "W00", "ACTIVE", "7A1", "RO76"),
    ]
    path = tmp_path / "epraccur.csv"
    path.write_text("\n".join(lines) + "\n")
    assert detect_official_kind(path) == "epraccur"
    facts = read_official(path, "epraccur")["official_practice_facts"]
    assert facts[["practice_code", "status", "prescribing_setting"]].values.tolist() == [
        ["C86001", "active", "4"],
        ["C86002", "closed", "4"],
        ["C86003", "dormant", "4"],
        ["Y09999", "proposed", "4"],
    ]
    assert facts["close_date"].tolist()[:2] == [pd.NaT, day("2023-03-31")]


@pytest.mark.parametrize(
    "welsh",
    [
        ("W91042", "W00", "7A1"),  # all three signs
        ("W91042", "Y63", "02X"),  # a Welsh practice code
        ("N81001", "W00", "02X"),  # Wales's national grouping
        ("N81001", "Y63", "7A4"),  # a Welsh health board as commissioner
    ],
)
def test_epraccur_leaves_welsh_practices_out(tmp_path: Path, welsh: tuple[str, str, str]) -> None:
    code, grouping, ccg = welsh
    path = tmp_path / "epraccur.csv"
    path.write_text(
        epraccur_line("C86001", "GREAT NORTH", "Y63", "A", "02X", "4")
        + "\r\n"
        + epraccur_line(code, "CROSS BORDER", grouping, "A", ccg, "4")
        + "\r\n"
    )
    facts = read_official(path, "epraccur")["official_practice_facts"]
    assert facts["practice_code"].tolist() == ["C86001"]


def test_list_sizes_read_the_sub_icb_layout_and_skip_breakdowns(tmp_path: Path) -> None:
    path = tmp_path / "gp-reg-pat-prac-all.csv"
    path.write_text(
        "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,"
        "POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n"
        "GP_PRAC_PAT_LIST,2026-04-01,GP,02X,E38000044,C86001,DN6 8AG,ALL,ALL,16639\n"
        "GP_PRAC_PAT_LIST,2026-04-01,GP,02X,E38000044,C86001,DN6 8AG,MALE,ALL,8210\n"
        "GP_PRAC_PAT_LIST,2026-04-01,GP,02X,E38000044,C86003,DN7 6JH,ALL,ALL,9726\n"
    )
    assert detect_official_kind(path) == "list_sizes"
    facts = read_official(path, "list_sizes")["official_practice_facts"]
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
    assert detect_official_kind(path) == "payments"
    facts = read_official(path, "payments")["official_practice_facts"]
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


def test_epraccur_problems_count_lines_from_the_first_because_it_has_no_header(
    tmp_path: Path,
) -> None:
    path = tmp_path / "epraccur.csv"
    path.write_text(
        epraccur_line("C86001", "GREAT NORTH", "Y63", "A", "02X", "4")
        + "\n"
        + epraccur_line("C86001", "GREAT NORTH AGAIN", "Y63", "X", "02X", "4")
        + "\n"
    )
    assert problems_of(path, "epraccur") == [
        'epraccur.csv line 1, column 1 (organisation code) "C86001": expected each practice once; '
        "this practice code is on another line too",
        'epraccur.csv line 2, column 1 (organisation code) "C86001": expected each practice once; '
        "this practice code is on another line too",
        'epraccur.csv line 2, column 13 (status code) "X": expected a status A, C, D or P '
        "(or ACTIVE, INACTIVE, DORMANT, PROPOSED)",
    ]


def test_epcn_problems_name_the_worksheet_row_sheet_and_header(tmp_path: Path) -> None:
    networks = [
        ["U30587", "DONCASTER NORTH PCN", "02X", "NHS DONCASTER CCG", "20191001", None],
        ["X54853", "DONCASTER EAST PCN", "02X", "NHS DONCASTER CCG", "20191301", None],
    ]
    spells = [
        ["C86001", "GREAT NORTH", "U30587", "DONCASTER NORTH PCN", "2019-10-01", None],
        ["C8600", "HATFIELD", "U30587", "DONCASTER NORTH PCN", "20191001", None],
    ]
    path = write_epcn(tmp_path / "ePCN.xlsx", networks=networks, spells=spells)
    assert problems_of(path, "epcn") == [
        "ePCN.xlsx line 2, sheet PCN Core Partner Details, Practice to PCN Relationship Start Date "
        '"2019-10-01": expected a date as YYYYMMDD',
        'ePCN.xlsx line 3, sheet PCN Core Partner Details, Partner Organisation Code "C8600": '
        "expected a capital letter and 5 digits",
        'ePCN.xlsx line 3, sheet PCNDetails, Open Date "20191301": expected a date as YYYYMMDD',
        'ePCN.xlsx line 3, sheet PCNDetails, PCN Code "X54853": expected U and 5 digits',
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
        'list.csv line 3, EXTRACT_DATE "31JAN21": expected a date like 01JAN2021 or 2021-01-01',
        f'list.csv line 3, NUMBER_OF_PATIENTS "97.5": {whole}',
    ]


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


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


def test_an_epcn_workbook_without_its_sheets_names_what_is_missing(tmp_path: Path) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook["PCN Core Partner Details"]
    workbook.save(path)
    assert problems_of(path, "epcn") == [
        'ePCN.xlsx: expected the sheet "PCN Core Partner Details"; the workbook has "PCNDetails"'
    ]
    workbook["PCNDetails"].title = "Networks"
    workbook.save(path)
    assert problems_of(path, "epcn") == [
        'ePCN.xlsx: expected the sheets "PCN Details" (or "PCNDetails") and '
        '"PCN Core Partner Details"; the workbook has "Networks"'
    ]


def test_an_epcn_sheet_without_a_needed_column_names_it(tmp_path: Path) -> None:
    path = write_epcn(tmp_path / "ePCN.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["PCN Core Partner Details"].delete_cols(10)  # the end date
    workbook.save(path)
    assert problems_of(path, "epcn") == [
        "ePCN.xlsx line 1: sheet PCN Core Partner Details: expected the column "
        "Practice to PCN Relationship End Date; not found in the header"
    ]


# --- the full national files -----------------------------------------------------------------

FACTS = "official_practice_facts"
FULL_FILES = [
    ("payments/nhs-payments-to-general-practice_2017-18.csv", "payments", {FACTS: 7543}),
    ("payments/nhs-payments-to-general-practice_2018-19.csv", "payments", {FACTS: 7279}),
    ("ods/epraccur_2019-09.csv", "epraccur", {FACTS: 8201}),
    ("ods/eccg_2024.csv", "eccg", {"official_ccgs": 320}),
    ("list-sizes/gp-reg-pat-prac-all_2021-01.csv", "list_sizes", {FACTS: 6658}),
    ("epcn/ePCN_2019-12.xlsx", "epcn", {"official_networks": 1250, "official_membership": 6757}),
    ("epcn/ePCN_2022-02.xlsx", "epcn", {"official_networks": 1303, "official_membership": 7232}),
]


@pytest.mark.skipif(not NHS_DATA.is_dir(), reason="the real NHS files are not next to the project")
@pytest.mark.parametrize(("relative", "kind", "rows"), FULL_FILES, ids=[f[0] for f in FULL_FILES])
def test_full_national_files_read_quickly_with_the_published_counts(
    relative: str, kind: str, rows: dict[str, int]
) -> None:
    path = NHS_DATA / relative
    started = time.perf_counter()
    assert detect_official_kind(path) == kind
    frames = read_official(path, kind)
    seconds = time.perf_counter() - started
    print(f"{path.name}: {seconds:.2f}s { ({key: len(frame) for key, frame in frames.items()}) }")
    assert {key: len(frame) for key, frame in frames.items()} == rows
    assert seconds < 3
    if kind == "epraccur":
        facts = frames["official_practice_facts"]
        active = (facts["status"] == "active") & (facts["prescribing_setting"] == "4")
        assert active.sum() == 6872
    if kind == "payments" and "2017-18" in relative:
        facts = frames["official_practice_facts"]
        assert facts["contract_type"].value_counts(dropna=False).to_dict() == {
            "GMS": 5169, "PMS": 2052, "APMS": 234, pd.NA: 88
        }  # fmt: skip
        assert (facts["ccg_code"] == "02X").sum() == 43  # Doncaster, as the seed documents say
    if relative.endswith("ePCN_2022-02.xlsx"):
        assert frames["official_membership"]["end_date"].notna().sum() == 725

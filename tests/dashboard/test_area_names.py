"""One naming rule for an area everywhere: its CCG name where one is known, else its newest name, with
its code. A sub-ICB location published as "NHS SOUTH YORKSHIRE ICB - 01A" is never shown as the area's
name when the area's CCG name is known (a reader would take its figures for the whole ICB)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.store import load_files
from tests.dashboard.helpers import APP, run_page, write_tracker_inputs

SUB_ICB_NAME = "NHS SOUTH YORKSHIRE ICB - 01A"
MAPPING_HEADER = (
    "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_CCG_CODE,"
    "CCG_CODE,CCG_NAME,ONS_STP_CODE,STP_CODE,STP_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME"
)


@pytest.fixture(scope="module")
def named_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracker, an eccg naming 01A as a sub-ICB location, and a mapping file naming it as a CCG."""
    folder = tmp_path_factory.mktemp("names")
    eccg = [
        [code, name, "Y63", "QF7", "1 HIGH STREET", "", "", "TOWN", "", "AB1 2CD", "20130401", "", "", "",
         "", "", "", "", "", "", "", "1", "", "", "", "", ""]
        for code, name in (("01A", SUB_ICB_NAME), ("02B", "NHS SOUTH YORKSHIRE ICB - 02B"))
    ]  # fmt: skip
    (folder / "eccg_2024.csv").write_text(
        "".join(",".join(f'"{cell}"' for cell in row) + "\r\n" for row in eccg), encoding="utf-8"
    )
    mapping = [
        MAPPING_HEADER,
        "GP_PRAC_PAT_LIST,01Jan2019,A00001,ALPHA SURGERY,AB1 2CD,U00001,ALPHA PCN,E38000001,01A,"
        "NHS Alpha CCG,E54000009,QF7,South Yorkshire,E40000009,Y63,North East and Yorkshire",
    ]
    (folder / "gp-reg-pat-prac-map_2019-01.csv").write_text("\n".join(mapping) + "\n", encoding="utf-8")
    db = folder / "tracker.duckdb"
    paths = [
        *write_tracker_inputs(folder),
        folder / "eccg_2024.csv",
        folder / "gp-reg-pat-prac-map_2019-01.csv",
    ]
    results = load_files(paths, db)
    assert [r.outcome for r in results] == ["loaded"] * len(paths), [r.summary() for r in results]
    return db


def _open(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, **query: str | list[str]) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db))
    return run_page(AppTest.from_file(str(APP), default_timeout=30), page, query)


def test_an_area_with_a_ccg_name_is_named_by_it_in_the_sidebar_and_the_heading(
    named_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(named_database, monkeypatch, "progress", ccg="01A", month="2019-02")
    assert at.multiselect(key="ccg").format_func("01A") == "NHS Alpha CCG (01A)"
    assert at.caption[0].value.startswith("Showing **February 2019** for **NHS Alpha CCG \\(01A\\)**.")
    # without a CCG name, the newest name is used, with the code said once
    assert at.multiselect(key="ccg").format_func("02B") == "NHS South Yorkshire ICB (02B)"


def test_tables_name_the_area_as_the_sidebar_does(
    named_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(named_database, monkeypatch, "needing_support", month="2019-02")
    shown = " ".join(
        [str(v) for t in at.dataframe for v in t.value.to_numpy().ravel()]
        + [s.value.replace("\\", "") for s in at.subheader]
    )
    assert "NHS Alpha CCG (01A)" in shown
    assert "SOUTH YORKSHIRE ICB (01A)" not in shown
    assert SUB_ICB_NAME not in shown

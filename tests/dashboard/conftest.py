"""A tiny tracker database whose every answer is known by hand, and AppTest pointed at it.

Two CCGs (01A, 02B), two snapshot months (January and February 2019), ten practices a month.
In February 2019 (D = 2019-02-28):

  01A  A00001 Alpha Surgery         North Network  12,000  virtual   fine
       A00002 Beta Practice         North Network  20,000  none -> partial
       A00003 Gamma Medical Centre  left North     4,000   virtual -> none   needs support
       A00004 Delta Health Centre   no network     3,500   single-handed     needs support
       A00005 Kappa Surgery         January only   (no longer listed)
       A00006 Lambda Practice       joined North   6,000
  02B  B00001 Epsilon Surgery       South Network  9,000   South = 17,000    needs support
       B00002 Zeta Practice         South Network  8,000   full, suspended   needs support
       B00003 Eta Surgery           South -> East  15,000
       B00004 Theta Medical Group   East Network   32,000
       B00005 Iota Surgery          February only (added), East = 51,000

February: 8 of 10 practices in a network (80.0%); January: 7 of 10 (70.0%).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.load import load_files

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
HEADER = (
    "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,"
    "integration_level,network_code,network_name,contract_status,gp_count,notes"
)
NORTH, SOUTH, EAST = "01A-N1,North Network", "02B-N1,South Network", "02B-N2,East Network"
NO_NETWORK = ","
JANUARY = [
    f"2019-01-01,01A,A00001,Alpha Surgery,12000,GMS,virtual,{NORTH},active,6,",
    f"2019-01-01,01A,A00002,Beta Practice,20000,PMS,none,{NORTH},active,10,",
    f"2019-01-01,01A,A00003,Gamma Medical Centre,4000,GMS,virtual,{NORTH},active,2,",
    f"2019-01-01,01A,A00004,Delta Health Centre,3500,GMS,none,{NO_NETWORK},active,1,",
    f"2019-01-01,01A,A00005,Kappa Surgery,2500,GMS,none,{NO_NETWORK},active,2,",
    f"2019-01-01,01A,A00006,Lambda Practice,6000,GMS,none,{NO_NETWORK},active,3,",
    f"2019-01-01,02B,B00001,Epsilon Surgery,9000,APMS,virtual,{SOUTH},active,3,",
    f"2019-01-01,02B,B00002,Zeta Practice,8000,GMS,partial,{SOUTH},active,4,",
    f"2019-01-01,02B,B00003,Eta Surgery,15000,PMS,virtual,{SOUTH},active,5,",
    f"2019-01-01,02B,B00004,Theta Medical Group,32000,GMS,partial,{EAST},active,12,",
]
FEBRUARY = [
    f"2019-02-01,01A,A00001,Alpha Surgery,12000,GMS,virtual,{NORTH},active,6,",
    f"2019-02-01,01A,A00002,Beta Practice,20000,PMS,partial,{NORTH},active,10,",
    f"2019-02-01,01A,A00003,Gamma Medical Centre,4000,GMS,none,{NO_NETWORK},active,2,",
    f"2019-02-01,01A,A00004,Delta Health Centre,3500,GMS,none,{NO_NETWORK},active,1,",
    f"2019-02-01,01A,A00006,Lambda Practice,6000,GMS,none,{NORTH},active,3,",
    f"2019-02-01,02B,B00001,Epsilon Surgery,9000,APMS,virtual,{SOUTH},active,3,",
    f"2019-02-01,02B,B00002,Zeta Practice,8000,GMS,full,{SOUTH},suspended,4,",
    f"2019-02-01,02B,B00003,Eta Surgery,15000,PMS,virtual,{EAST},active,5,",
    f"2019-02-01,02B,B00004,Theta Medical Group,32000,GMS,partial,{EAST},active,12,",
    f"2019-02-01,02B,B00005,Iota Surgery,4000,GMS,virtual,{EAST},active,2,",
]
# Statuses on 2019-02-28 in the comments; D + 30 days = 2019-03-30.
MILESTONES = [
    "ccg_code,network_code,milestone,due_date,achieved_date,owner,notes",
    "01A,,Data sharing agreement signed,2018-12-31,2018-12-15,IG lead,",  # Achieved
    "01A,01A-N1,Network agreement signed,2019-01-31,2019-02-10,Lead,",  # Achieved late
    "01A,01A-N1,Clinical director appointed,2019-02-15,2019-03-20,Lead,",  # Overdue (achieved after D)
    "01A,,Alliance agreement signed,2019-03-31,,Lead,",  # Not yet due (D + 31)
    "02B,,ACS designated,2019-02-28,,Director,",  # Overdue (due on D)
    "02B,,Integration agreement signed,2019-03-30,,Lead,",  # Due within 30 days (D + 30)
    "02B,02B-N1,Network agreement signed,2019-06-30,,Lead,",  # Not yet due
    "02B,02B-N2,Clinical director appointed,2019-03-30,2019-02-20,Lead,",  # Achieved (early)
]


def write_inputs(folder: Path) -> list[Path]:
    """The two participation files and the milestones register, as CSV files in `folder`."""
    files = {
        "status_2019-01.csv": [HEADER, *JANUARY],
        "status_2019-02.csv": [HEADER, *FEBRUARY],
        "milestones.csv": MILESTONES,
    }
    paths = []
    for name, lines in files.items():
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def tiny_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny database, loaded once through etl.load like any other."""
    folder = tmp_path_factory.mktemp("tiny")
    db = folder / "tracker.duckdb"
    results = load_files(write_inputs(folder), db)
    assert [r.outcome for r in results] == ["loaded", "loaded", "loaded"]
    return db


@pytest.fixture(scope="session")
def official_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny database plus official views: a register and ePCN coverage for the months.

    The register says C00001 (01A) is open but the tracker does not list it, A00001 closed on
    2019-02-15, and B00003 holds a GMS contract where the tracker says PMS.
    """
    folder = tmp_path_factory.mktemp("official")
    db = folder / "tracker.duckdb"
    load_files(write_inputs(folder), db)
    with duckdb.connect(str(db)) as con:
        con.execute("""
            create or replace view official_practices as
            select * from (values
                ('A00001', 'Alpha Surgery', '01A', date '1990-01-01', date '2019-02-15', 'Closed', 'GMS',
                 12000, 't'),
                ('A00002', 'Beta Practice', '01A', date '1990-01-01', null, 'Active', 'PMS', 20000, 't'),
                ('B00003', 'Eta Surgery', '02B', date '1990-01-01', null, 'Active', 'GMS', 15000, 't'),
                ('C00001', 'New Road Surgery', '01A', date '2018-06-01', null, 'Active', 'APMS', 5000, 't'),
                ('C00002', 'Opens Later', '01A', date '2019-03-01', null, 'Active', 'GMS', 1000, 't')
            ) t(practice_code, practice_name, ccg_code, open_date, close_date, status, contract_type,
                list_size, source)
        """)
        con.execute("""
            create or replace view official_coverage as
            select * from (values
                (date '2019-01-31', '01A', 6, 4),
                (date '2019-01-31', '02B', 4, 4),
                (date '2019-01-31', '99Z', 10, 5),
                (date '2019-02-28', '01A', 6, 5),
                (date '2019-02-28', '02B', 5, 5),
                (date '2019-02-28', '99Z', 10, 6)
            ) t(month, ccg_code, practices_open, practices_in_network)
        """)
    return db


@pytest.fixture
def app(tiny_database: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard over the tiny database, not yet run."""
    monkeypatch.setenv("TRACKER_DB", str(tiny_database))
    return AppTest.from_file(str(APP), default_timeout=30)


@pytest.fixture
def official_app(official_database: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard over the tiny database with official data loaded, not yet run."""
    monkeypatch.setenv("TRACKER_DB", str(official_database))
    return AppTest.from_file(str(APP), default_timeout=30)


@pytest.fixture
def writable_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard over its own tiny database in tmp_path, for tests that load files into it."""
    db = tmp_path / "tracker.duckdb"
    load_files(write_inputs(tmp_path), db)
    monkeypatch.setenv("TRACKER_DB", str(db))
    return AppTest.from_file(str(APP), default_timeout=30)


OpenPage = Callable[..., AppTest]


def run_page(at: AppTest, page: str, query: dict[str, str | list[str]]) -> AppTest:
    """Open the app at a URL with these query parameters, then switch to pages/<page>.py."""
    at.query_params.update(query)
    at.run()
    if page != "progress":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def open_page(app: AppTest) -> OpenPage:
    """open_page("changes", month="2019-02") -> the AppTest showing that page over the tiny database."""
    return lambda page, **query: run_page(app, page, query)


@pytest.fixture
def open_official_page(official_app: AppTest) -> OpenPage:
    """Like open_page, with the official register and coverage loaded too."""
    return lambda page, **query: run_page(official_app, page, query)

"""Tiny databases whose every answer is known by hand, built through the real loader, and AppTest on them.

The tracker: two CCGs (01A, 02B), two snapshot months (January and February 2019), ten practices a
month. In February 2019 (D = 2019-02-28):

  01A  A00001 Alpha Surgery         North Network  12,000  virtual
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

The official files (OFFICIAL_FILES, written as the NHS publishes them): a register (epraccur) of
three areas named by eccg, one ePCN release and one list-size release; they cover October to
December 2019 (the first spell to the newest date ePCN mentions). See `official_world` for who is
where; figures are checked against `independent_coverage`, a plain csv/openpyxl count of the files.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard.boardpack import pdf
from dashboard.boardpack.build import BoardPack
from dashboard.boardpack.contents import PackContents
from etl.api import load_files

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
    f"2019-02-01,01A,A00003,Gamma Medical Centre,4000,GMS,none,{NO_NETWORK},active,2,Lead to call in March",
    f"2019-02-01,01A,A00004,Delta Health Centre,3500,GMS,none,{NO_NETWORK},active,1,",
    f"2019-02-01,01A,A00006,Lambda Practice,6000,GMS,none,{NORTH},active,3,",
    f"2019-02-01,02B,B00001,Epsilon Surgery,9000,APMS,virtual,{SOUTH},active,3,",
    f"2019-02-01,02B,B00002,Zeta Practice,8000,GMS,full,{SOUTH},suspended,4,",
    f"2019-02-01,02B,B00003,Eta Surgery,15000,PMS,virtual,{EAST},active,5,",
    f"2019-02-01,02B,B00004,Theta Medical Group,32000,GMS,partial,{EAST},active,12,",
    f"2019-02-01,02B,B00005,Iota Surgery,4000,GMS,virtual,{EAST},active,2,",
]


# The mixed database also has 02B's December 2019 return (the official files cover that month too);
# the register says B00003 closed on 30 November 2019.
DECEMBER_02B = [
    f"2019-12-01,02B,B00001,Epsilon Surgery,9000,APMS,virtual,{SOUTH},active,3,",
    f"2019-12-01,02B,B00002,Zeta Practice,8000,GMS,full,{SOUTH},suspended,4,",
    f"2019-12-01,02B,B00003,Eta Surgery,15000,PMS,virtual,{EAST},active,5,",
    f"2019-12-01,02B,B00004,Theta Medical Group,32000,GMS,partial,{EAST},active,12,",
    f"2019-12-01,02B,B00005,Iota Surgery,4000,GMS,virtual,{EAST},active,2,",
]


# Statuses on 2019-02-28 in the comments; D + 30 days = 2019-03-30.
MILESTONES = [
    "ccg_code,network_code,milestone,due_date,achieved_date,owner,notes",
    "01A,,Data sharing agreement signed,2018-12-31,2018-12-15,IG lead,",  # Achieved
    "01A,01A-N1,Network agreement signed,2019-01-31,2019-02-10,Lead,",  # Achieved late
    "01A,01A-N1,Clinical director appointed,2019-02-15,2019-03-20,Lead,",  # Overdue (achieved after D)
    "01A,,Alliance agreement signed,2019-03-31,,Lead,",  # Not yet due (D + 31)
    "02B,,ACS designated,2019-02-28,,Director,",  # Due within 30 days (due on D: due, not overdue)
    "02B,,Integration agreement signed,2019-03-30,,Lead,",  # Due within 30 days (D + 30)
    "02B,02B-N1,Network agreement signed,2019-06-30,,Lead,",  # Not yet due
    "02B,02B-N2,Clinical director appointed,2019-03-30,2019-02-20,Lead,",  # Achieved (early)
]


# The official world. Register: (code, name, commissioner, open, close); every one prescribing setting 4.
REGISTER = [
    ("A00001", "ALPHA SURGERY", "01A", "19740401", ""),
    ("A00002", "BETA PRACTICE", "01A", "19740401", ""),
    ("A00003", "GAMMA MEDICAL CENTRE", "01A", "19740401", ""),
    ("A00004", "DELTA HEALTH CENTRE", "01A", "19740401", ""),
    ("A00005", "KAPPA SURGERY", "01A", "19740401", "20181231"),  # closed before the official months
    ("A00006", "LAMBDA PRACTICE", "01A", "19740401", ""),
    ("A00007", "NEW ROAD SURGERY", "01A", "20180601", ""),  # open, but the tracker does not list it
    ("B00001", "EPSILON SURGERY", "02B", "19740401", ""),
    ("B00002", "ZETA PRACTICE", "02B", "19740401", ""),
    ("B00003", "ETA SURGERY", "02B", "19740401", "20191130"),  # closes in November 2019
    ("B00004", "THETA MEDICAL GROUP", "02B", "19740401", ""),
    ("B00005", "IOTA SURGERY", "02B", "19740401", ""),
    ("C00001", "MU SURGERY", "03C", "19740401", ""),
    ("C00002", "NU PRACTICE", "03C", "19740401", ""),
    ("C00003", "XI HEALTH CENTRE", "03C", "20191115", ""),  # opens in November 2019, never in a PCN
]


AREAS = [("01A", "NHS ALPHA CCG"), ("02B", "NHS BETA CCG"), ("03C", "NHS GAMMA CCG")]


PCNS = [
    ("U00001", "ALPHA PCN", "01A"),
    ("U00002", "BETA PCN", "02B"),
    ("U00003", "GAMMA PCN", "03C"),
]


# (practice, PCN, start, end): A00003 leaves ALPHA at the end of October; C00002 joins GAMMA in December,
# so GAMMA is a single-practice PCN in October and November. A00004 is in no PCN.
SPELLS = [
    ("A00001", "U00001", "20191001", ""),
    ("A00002", "U00001", "20191001", ""),
    ("A00003", "U00001", "20191001", "20191031"),
    ("A00006", "U00001", "20191001", ""),
    ("A00007", "U00001", "20191001", ""),
    ("B00001", "U00002", "20191001", ""),
    ("B00002", "U00002", "20191001", ""),
    ("B00003", "U00002", "20191001", ""),
    ("B00004", "U00002", "20191001", ""),
    ("B00005", "U00002", "20191001", ""),
    ("C00001", "U00003", "20191001", ""),
    ("C00002", "U00003", "20191201", ""),
]


LIST_SIZES = {
    "A00001": 12000, "A00002": 20000, "A00003": 4000, "A00004": 3500, "A00006": 6000, "A00007": 5000,
    "B00001": 9000, "B00002": 8000, "B00003": 15000, "B00004": 32000, "B00005": 4000,
    "C00001": 7000, "C00002": 9000, "C00003": 2000,
}  # fmt: skip


def write_tracker_inputs(folder: Path, *, december: bool = False) -> list[Path]:
    """The participation files and the milestones register, as CSV files in `folder`."""
    files = {
        "status_2019-01.csv": [HEADER, *JANUARY],
        "status_2019-02.csv": [HEADER, *FEBRUARY],
        "milestones.csv": MILESTONES,
    }
    if december:
        files["status_2019-12.csv"] = [HEADER, *DECEMBER_02B]
    paths = []
    for name, lines in files.items():
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _quoted(rows: list[list[str]]) -> str:
    return "".join(",".join(f'"{cell}"' for cell in row) + "\r\n" for row in rows)


def write_official_inputs(folder: Path) -> list[Path]:
    """The official files of the official world, in the layouts the NHS publishes."""
    register = [
        [code, name, "Y63", "QHM", "1 HIGH STREET", "", "TOWN", "", "", "AB1 2CD", opened, closed,
         "C" if closed else "A", "B", area, "20130401", "", "01234 567890", "", "", "", "0", "", area, "",
         "4", ""]
        for code, name, area, opened, closed in REGISTER
    ]  # fmt: skip
    eccg = [
        [code, name, "Y63", "QHM", "1 HIGH STREET", "", "", "TOWN", "", "AB1 2CD", "20130401", "", "", "",
         "", "", "", "", "", "", "", "1", "", "", "", "", ""]
        for code, name in AREAS
    ]  # fmt: skip
    (folder / "epraccur_2019-11.csv").write_text(_quoted(register), encoding="utf-8")
    (folder / "eccg_2019.csv").write_text(_quoted(eccg), encoding="utf-8")
    sizes = ["PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS"]
    area_of = {code: area for code, _, area, _, _ in REGISTER}
    sizes += [
        f"GP_PRAC_PAT_LIST,01OCT2019,GP,{area_of[code]},E38000001,{code},AB1 2CD,ALL,ALL,{patients}"
        for code, patients in LIST_SIZES.items()
    ]
    (folder / "gp-reg-pat-prac-all_2019-10.csv").write_text("\n".join(sizes) + "\n", encoding="utf-8")
    _write_epcn(folder / "ePCN_2019-12.xlsx")
    return [
        folder / name for name in ("epraccur_2019-11.csv", "eccg_2019.csv", "gp-reg-pat-prac-all_2019-10.csv")
    ] + [folder / "ePCN_2019-12.xlsx"]


def _write_epcn(path: Path) -> None:
    """An ePCN workbook in the 2022 layout ("PCNDetails" and "PCN Core Partner Details")."""
    book = openpyxl.Workbook()
    details = book.active
    assert isinstance(details, Worksheet)
    details.title = "PCNDetails"
    details.append(
        ["PCN Code", "PCN Name", "Current Clinical \nCommissioning \nGroup Code",
         "Clinical\nCommissioning\nGroup Name", "Open Date", "Close Date", "Address Line 1", "Address Line 2",
         "Address Line 3", "Address Line 4", "Address Line 5", "Postcode"]
    )  # fmt: skip
    names = dict(AREAS)
    for code, name, area in PCNS:
        details.append([code, name, area, names[area], "20191001", None, "1 HIGH STREET", None, None, "TOWN",
                        None, "AB1 2CD"])  # fmt: skip
    partners = book.create_sheet("PCN Core Partner Details")
    partners.append(
        ["Partner\nOrganisation\nCode", "Partner\nName", "Practice\nParent\nCCG Code",
         "Practice\nParent\nCCG Name", "PCN Code", "PCN Name", "PCN Parent\nCCG Code", "PCN Parent\nCCG Name",
         "Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date",
         "Practice CCG and PCN\nCCG Match "]
    )  # fmt: skip
    register = {code: (name, area) for code, name, area, _, _ in REGISTER}
    pcns = {code: (name, area) for code, name, area in PCNS}
    for practice, pcn, start, end in SPELLS:
        name, area = register[practice]
        pcn_name, pcn_area = pcns[pcn]
        partners.append([practice, name, area, names[area], pcn, pcn_name, pcn_area, names[pcn_area], start,
                         end or None, True])  # fmt: skip
    book.save(path)


def independent_status(folder: Path, day: date) -> dict[str, tuple[str, str | None]]:
    """Each practice open on `day`: (its area, its PCN code or None), read from the raw files alone."""
    stamp = day.strftime("%Y%m%d")
    with open(folder / "epraccur_2019-11.csv", newline="", encoding="utf-8") as f:
        open_practices = {
            row[0]: row[14]
            for row in csv.reader(f)
            if row[25] == "4" and row[10] <= stamp and (not row[11] or row[11] > stamp)
        }
    book = openpyxl.load_workbook(folder / "ePCN_2019-12.xlsx", read_only=True)
    rows = list(book["PCN Core Partner Details"].iter_rows(min_row=2, values_only=True))
    pcn = {str(r[0]): str(r[4]) for r in rows if str(r[8]) <= stamp and (r[9] is None or str(r[9]) >= stamp)}
    return {practice: (area, pcn.get(practice)) for practice, area in open_practices.items()}


def independent_coverage(folder: Path, day: date) -> dict[str, tuple[int, int]]:
    """Per area: (practices open on `day`, of them in a PCN on `day`), counted from the raw files alone."""
    counts: dict[str, tuple[int, int]] = {}
    for area, pcn in independent_status(folder, day).values():
        total, covered = counts.get(area, (0, 0))
        counts[area] = (total + 1, covered + (pcn is not None))
    return counts


def database_of(folder: Path, paths: list[Path]) -> Path:
    """A database in the folder, every path loaded through the loader like any user's file."""
    db = folder / "tracker.duckdb"
    results = load_files(paths, db)
    assert [r.outcome for r in results] == ["loaded"] * len(paths), [r.summary() for r in results]
    return db


def app_on(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app as AppTest runs it, reading the given database."""
    monkeypatch.setenv("TRACKER_DB", str(db))
    return AppTest.from_file(str(APP), default_timeout=30)


OpenPage = Callable[..., AppTest]


def run_page(at: AppTest, page: str, query: Mapping[str, str | list[str]]) -> AppTest:
    """Open the app at a URL with these query parameters, then switch to screens/<page>.py."""
    at.query_params.update(query)
    at.run()
    if page != "progress":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with this column."""
    return next(t.value for t in at.dataframe if column in t.value.columns)


BAD_FILE = (
    "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level\n"
    "2019-03-01,01A,A0001,Alpha Surgery,12000,GMS,virtual\n"
)


GOOD_FILE = (
    "snapshot_date,ccg_code,practice_code,practice_name,list_size,contract_type,integration_level,"
    "network_code,network_name\n"
    "2019-03-01,01A,A00001,Alpha Surgery,12000,GMS,virtual,01A-N1,North Network\n"
    "2019-03-01,01A,A00004,Delta Health Centre,3500,GMS,none,,\n"
)


# The real server in Debian's chromium, as test_browser.py and test_accessibility.py use them.
CHROMIUM = Path("/usr/bin/chromium")


# page -> its URL path (Streamlit names a page's path after its script; the first page is at /)
PAGE_PATHS = {
    "progress": "/",
    "needing_support": "/needing_support",
    "map": "/map",
    "networks": "/networks",
    "milestones": "/milestones",
    "changes": "/changes",
    "data": "/data",
}
# page -> its title: the page's one h1
PAGE_TITLES = {
    "progress": "Progress",
    "needing_support": "Practices needing support",
    "map": "Map",
    "networks": "Networks",
    "milestones": "Milestones",
    "changes": "Changes",
    "data": "Data",
}


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load(db: Path, files: list[Path]) -> None:
    """`python -m etl load --db DB FILE...`, as a person loads files."""
    command = [sys.executable, "-m", "etl", "load", "--db", str(db), *map(str, files)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def sample_files() -> list[Path]:
    """The bundled sample: the official files and the tracker's returns and milestones."""
    official = ROOT / "data" / "sample" / "official"
    tracker = sorted((ROOT / "data" / "sample").glob("*.csv"))
    return sorted(official.glob("*.xlsx")) + sorted(official.glob("*.csv")) + tracker


@contextmanager
def serve(db: Path, port: int, *options: str) -> Iterator[str]:
    """`python -m streamlit run dashboard/app.py` over `db`, as a person starts it; yields its URL.

    `options` are more of Streamlit's command-line options, e.g. "--secrets.files", "/tmp/s.toml".
    """
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false", *options]
    env = {**os.environ, "TRACKER_DB": str(db)}
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would block the server
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield wait_until_healthy(f"http://127.0.0.1:{port}", process, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> str:
    """The server's URL once it answers its health check; its output as the failure if it never does."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.read() == b"ok":
                    return url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"the dashboard did not start: {log.read().decode(errors='replace')}")
            time.sleep(0.2)


# The board pack laid out without a browser: grey pictures stand in for the charts.
def grey_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (110, 50), "#999999").save(out, format="PNG")
    return out.getvalue()


def laid_out(contents: PackContents) -> BoardPack:
    """The pack as build_board_pack makes it, with grey pictures for the charts."""
    images = {chart.file_name: grey_png() for chart in contents.charts}
    document, pages = pdf.pack_pdf(contents, images)
    return BoardPack(contents, images, document, pages)


def page_texts(document: bytes) -> list[str]:
    """Each page's words, one space apart."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(document)).pages]


# --- October 2024 on the real files (the call list and the board pack of an ICB) ---
SHARED_DATA = ROOT.parent / "shared" / "nhs-data"


OCTOBER_2024_FILES = [
    *sorted((ROOT / "data" / "official").glob("*.csv")),
    *sorted((ROOT / "data" / "official").glob("*.xlsx")),
    SHARED_DATA / "epcn" / "ePCN_2024-10.xlsx",
    SHARED_DATA / "ods" / "epraccur_2026-02.csv",
]


def october_2024_database(folder: Path, files: list[Path]) -> Path:
    """The bundled official files and the October 2024 ePCN and February 2026 register from ../shared,
    loaded in the order given (the files of data/official/ by name, ../shared's, when they are there)."""
    if not SHARED_DATA.exists():
        pytest.skip("../shared/nhs-data is not here")
    # data/official/ may hold copies of the ../shared files: load each content once
    unique = list({path.name: path for path in files}.values())
    db = folder / "tracker.duckdb"
    results = load_files(unique, db)
    assert [r.outcome for r in results] == ["loaded"] * len(unique), [r.summary() for r in results]
    return db


def independent_left_out(day: date) -> dict[str, tuple[str, str, str]]:
    """Practices open in England on `day` and in no PCN: code -> (ICB, sub-ICB location, telephone),
    read from the raw files alone (the newest register that lists a practice; ePCN 2024-10's spells)."""
    stamp = day.strftime("%Y%m%d")
    register: dict[str, list[str]] = {}
    for name in ("epraccur_2023-02.csv", "epraccur_2026-02.csv"):  # the newer register wins
        with open(SHARED_DATA / "ods" / name, newline="", encoding="utf-8", errors="replace") as f:
            register.update({row[0]: row for row in csv.reader(f)})

    def is_open_gp_practice(row: list[str]) -> bool:
        english = not (
            row[0].startswith("W") or row[2].startswith("W") or row[14] in {f"7A{n}" for n in range(10)}
        )
        practice = {"4", "RO76"} & set(row[25].upper().split("|"))
        return bool(
            english and practice and row[10] and row[10] <= stamp and (not row[11] or row[11] > stamp)
        )

    book = openpyxl.load_workbook(SHARED_DATA / "epcn" / "ePCN_2024-10.xlsx", read_only=True)
    sheet = next(name for name in book.sheetnames if "partner" in name.lower())
    in_pcn = {
        row[0]
        for row in book[sheet].iter_rows(min_row=2, values_only=True)
        if row[8] and str(row[8])[:8] <= stamp and (row[9] in (None, "") or str(row[9])[:8] >= stamp)
    }
    return {
        code: (row[3], row[14], row[17])
        for code, row in register.items()
        if is_open_gp_practice(row) and code not in in_pcn
    }


# --- `make demo`'s data: England's official files, then the sample CCGs' returns ---
def demo_files() -> list[Path]:
    """The files `make data` loads: data/official's CSVs and workbooks, then data/sample's returns."""
    official = [*(ROOT / "data" / "official").glob("*.csv"), *(ROOT / "data" / "official").glob("*.xlsx")]
    return [*sorted(official), *sorted((ROOT / "data" / "sample").glob("*.csv"))]


# Streamlit marks its app "notRunning" once a run of the page's script has ended ("initial" before the
# first): waiting for it waits for the content, however busy the machine, where the status widget may
# not have appeared yet
SCRIPT_ENDED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def wait_until_drawn(page: object, title: str) -> None:
    """Wait until the page shows its title, its script has stopped running and every chart has drawn."""
    page.wait_for_selector(SCRIPT_ENDED, timeout=60_000)  # type: ignore[attr-defined]
    page.locator("h1", has_text=title).first.wait_for(timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.wait_for_selector(SCRIPT_ENDED, timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(c => c.querySelector('svg.main-svg'))",
        timeout=60_000,
    )

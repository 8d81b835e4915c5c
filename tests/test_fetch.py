"""python -m etl fetch against a local server that answers like ODS and NHS Digital (tests/nhs_sites.py):
the month's six files loaded in one step, kept with a manifest, or, on any failure, one line per
source, nothing loaded or kept, the database byte for byte as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import socketserver
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import etl.fetch
from etl.api import fetch, load_files
from etl.cli import main
from etl.downloads import MB, Progress
from etl.fetch import links_on, page_name, previous_month
from tests.helpers import rows_of
from tests.nhs_sites import (
    EPCN_WORKBOOK,
    NHS_DATA,
    REGISTRATION_FILES,
    REPORT_FILES,
    Answer,
    answering,
    epcn_reports,
    ods_url,
    registration_bytes,
    registrations_url,
    report_bytes,
    serve_sites,
    slow,
    zipped,
)

pytestmark = pytest.mark.skipif(not EPCN_WORKBOOK.exists(), reason="needs ../shared/nhs-data")

REPO = Path(__file__).resolve().parent.parent
KEPT = {
    "epraccur_2026-02.csv": REPORT_FILES["epraccur"].read_bytes(),
    "eccg_2024-07.csv": REPORT_FILES["eccg"].read_bytes(),
    "epcn_2024-10.csv": b"",  # built from the workbook: filled in below
    "epcncorepartnerdetails_2024-10.csv": b"",
    # the January 2026 page's files, extracted on 1 January 2026 (the totals re-dated: nhs_sites.py)
    "gp-reg-pat-prac-all_2026-01.csv": registration_bytes("gp-reg-pat-prac-all", "2026-01"),
    "gp-reg-pat-prac-map_2026-01.csv": REGISTRATION_FILES["gp-reg-pat-prac-map"].read_bytes(),
}
NOTHING = "nothing was loaded; the database is as it was"


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)


@pytest.fixture(autouse=True)
def no_proxy_but_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A tracker database that already holds a file, so 'as it was' means something."""
    path = tmp_path / "tracker.duckdb"
    load_files([NHS_DATA / "ods" / "eccg_2024.csv"], path)
    return path


@pytest.fixture
def keep(tmp_path: Path) -> Path:
    return tmp_path / "downloads"


def kept_bytes() -> dict[str, bytes]:
    reports = epcn_reports()
    return {
        **KEPT,
        "epcn_2024-10.csv": reports["epcn"],
        "epcncorepartnerdetails_2024-10.csv": reports["epcncorepartnerdetails"],
    }


def run_fetch(
    capsys: pytest.CaptureFixture[str], server: HTTPServer, db: Path, keep: Path, *extra: str
) -> tuple[int, list[str], list[str]]:
    """`python -m etl fetch` for January 2026 from the local sites: exit code, stdout and stderr lines."""
    args = ["fetch", "--db", str(db), "--keep", str(keep), "--ods-url", ods_url(server)]
    args += ["--registrations-url", registrations_url(server), *(extra or ("--month", "2026-01"))]
    with pytest.raises(SystemExit) as exited:
        main(args)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out.splitlines(), err.splitlines()


def stored_files(db: Path) -> list[tuple]:
    return rows_of(db, "select file_name, content_hash, outcome from load_history order by load_id")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.slow
def test_fetch_run_as_a_user_loads_the_six_files_and_keeps_them_with_a_manifest(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    serve_sites(httpserver)
    command = [
        sys.executable,
        "-m",
        "etl",
        "fetch",
        "--db",
        str(db),
        "--keep",
        str(keep),
        "--month",
        "2026-01",
    ]
    command += ["--ods-url", ods_url(httpserver), "--registrations-url", registrations_url(httpserver)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert (done.returncode, done.stderr) == (0, "")
    expected = kept_bytes()
    lines = done.stdout.splitlines()
    # the database held this eccg already (the fixture loaded it)
    assert lines[1] == "eccg_2024-07.csv: already loaded, nothing changed"
    assert [line.split(": loaded ")[0] for line in lines[:-1] if line != lines[1]] == [
        name for name in expected if name != "eccg_2024-07.csv"
    ]
    assert lines[-1] == f"kept 6 files in {keep}, listed in manifest.csv"
    # the files kept are the files served, byte for byte, under names carrying their release
    assert sorted(path.name for path in keep.iterdir()) == sorted([*expected, "manifest.csv"])
    for name, data in expected.items():
        assert (keep / name).read_bytes() == data, name
    # what was loaded is what was served: the load history's hashes, computed here by hashlib
    assert stored_files(db)[1:] == [
        (name, sha256(data), "unchanged" if name.startswith("eccg") else "loaded")
        for name, data in expected.items()
    ]
    manifest = (keep / "manifest.csv").read_text().splitlines()
    assert manifest[0] == "fetched_at,url,file,size,sha256"
    urls = [ods_url(httpserver) + name for name in ("epraccur", "eccg", "epcn", "epcncorepartnerdetails")]
    urls += [httpserver.url_for(f"/files/{name}.csv") for name in REGISTRATION_FILES]  # after the redirect
    for line, (name, data), url in zip(manifest[1:], expected.items(), urls, strict=True):
        fetched_at, *rest = line.split(",")
        assert rest == [url, name, str(len(data)), sha256(data)]
        assert abs(dt.datetime.fromisoformat(fetched_at) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    # the January 2026 registrations, the October 2024 ePCN membership: 6,224 current spells
    assert rows_of(db, "select count(*) from network_membership where end_date is null") == [(6224,)]
    # England as issue 18 counted it independently: October 2024 from ePCN (here its two reports),
    # December 2025 from the January 2026 mapping file
    england = """select month, sum(practices_in_network), sum(practices_open) from official_coverage
        where month in ('2024-10-31', '2025-12-31') group by month order by month"""
    assert rows_of(db, england) == [(dt.date(2024, 10, 31), 6210, 6363), (dt.date(2025, 12, 31), 6112, 6259)]
    assert rows_of(db, "select max(release_date) from loads where kind = 'mapping'") == [
        (dt.date(2026, 1, 1),)
    ]
    agents = {request.headers.get("User-Agent", "") for request, _ in httpserver.log}
    assert agents == {f"Mozilla/5.0 (compatible; gp-network-tracker/0.1; python-httpx/{httpx.__version__})"}


@pytest.mark.slow
def test_zipped_reports_load_the_same_content_and_a_second_fetch_changes_nothing(
    httpserver: HTTPServer, db: Path, keep: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sites(httpserver, zip_reports=True)
    code, out, err = run_fetch(capsys, httpserver, db, keep)
    assert (code, err) == (0, [])
    expected = kept_bytes()
    assert stored_files(db)[1:] == [
        (name, sha256(data), "unchanged" if name.startswith("eccg") else "loaded")
        for name, data in expected.items()
    ]

    code, out, err = run_fetch(capsys, httpserver, db, keep)
    assert (code, err) == (0, [])
    assert out == [f"{name}: already loaded, nothing changed" for name in expected] + [
        f"kept 6 files in {keep}, listed in manifest.csv"
    ]
    assert sorted(path.name for path in keep.iterdir()) == sorted([*expected, "manifest.csv"])
    assert len((keep / "manifest.csv").read_text().splitlines()) == 1 + 2 * 6


@pytest.mark.parametrize("published", ["this month", "last month"])
def test_without_a_month_the_newest_published_page_is_read(
    httpserver: HTTPServer, db: Path, keep: Path, published: str, today: dt.date
) -> None:
    newest = f"{today:%Y-%m}" if published == "this month" else previous_month(today)
    serve_sites(httpserver, page=page_name(newest))
    if published == "last month":
        httpserver.expect_request(
            f"/patients-registered/{page_name(f'{today:%Y-%m}')}"
        ).respond_with_response(answering(404))
    outcome = fetch(db, None, ods_url(httpserver), registrations_url(httpserver), keep)
    assert (outcome.failures, outcome.exit_code) == ({}, 0)
    pages = [
        request.path for request, _ in httpserver.log if request.path.startswith("/patients-registered/")
    ]
    expected = [f"{today:%Y-%m}", newest] if published == "last month" else [newest]
    assert pages == [f"/patients-registered/{page_name(month)}" for month in expected]


def cut_zip() -> bytes:
    data = zipped("epraccur", report_bytes("epraccur"))
    return data[: len(data) // 2]


def damaged_zip() -> bytes:
    data = bytearray(zipped("epraccur", report_bytes("epraccur")))
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    return bytes(data)


def escaping_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../epraccur.csv", report_bytes("epraccur"))
    return out.getvalue()


def url_of(report: str) -> Callable[[HTTPServer], str]:
    return lambda server: ods_url(server) + report


def page_url(server: HTTPServer) -> str:
    return registrations_url(server) + "january-2026"


# What goes wrong -> (the answer the site gives, the lines fetch says, with {url} the source's address).
FAILURES: dict[str, tuple[str, Response, list[str], Callable[[HTTPServer], str]]] = {
    "a 404": (
        "epcn",
        answering(404, b"<html>Not Found</html>"),
        ["epcn: {url} answered 404 NOT FOUND"],
        url_of("epcn"),
    ),
    "a 500": (
        "epraccur",
        answering(500, b"oops"),
        ["epraccur: {url} answered 500 INTERNAL SERVER ERROR"],
        url_of("epraccur"),
    ),
    "a web page where a CSV was expected": (
        "eccg",
        answering(200, b"<!DOCTYPE html>\n<html><body>Service unavailable</body></html>"),
        ["eccg: expected eccg as CSV; the site sent a web page instead"],
        url_of("eccg"),
    ),
    "an empty answer": (
        "epcncorepartnerdetails",
        answering(200, b"", "text/csv"),
        ["epcncorepartnerdetails: expected ePCN (epcncorepartnerdetails); the site sent an empty file"],
        url_of("epcncorepartnerdetails"),
    ),
    "an error written as JSON": (
        "eccg",
        answering(200, b'{"error": "Report not found"}', "application/json"),
        [
            "eccg: expected eccg; the file is no kind etl load reads; "
            """it begins '{"error": "Report not found"}'"""
        ],
        url_of("eccg"),
    ),
    "a cut-off zip": (
        "epraccur",
        answering(200, cut_zip(), "application/zip"),
        ["epraccur: the zip is damaged or cut off (File is not a zip file)"],
        url_of("epraccur"),
    ),
    "a damaged zip": (
        "epraccur",
        answering(200, damaged_zip(), "application/zip"),
        ["epraccur: the zip is damaged or cut off (Bad CRC-32 for file 'epraccur.csv')"],
        url_of("epraccur"),
    ),
    "a zip member outside its folder": (
        "epraccur",
        answering(200, escaping_zip(), "application/zip"),
        ["epraccur: the zip holds '../epraccur.csv', a name outside its folder"],
        url_of("epraccur"),
    ),
    "the other ePCN report": (
        "epcn",
        answering(200, epcn_reports()["epcncorepartnerdetails"], "text/csv"),
        ["epcn: expected ePCN (epcn); the file is the other ePCN report"],
        url_of("epcn"),
    ),
    "another kind of file": (
        "epraccur",
        answering(200, report_bytes("eccg"), "text/csv"),
        ["epraccur: expected epraccur; the file is eccg"],
        url_of("epraccur"),
    ),
    "a download cut off": (
        "gp-reg-pat-prac-all",
        Response(
            iter([b"PUBLICATION,EXTRACT_DATE"]), headers={"Content-Length": "1000"}, direct_passthrough=True
        ),
        [
            "gp-reg-pat-prac-all: the download from {url} was cut off "
            "(peer closed connection without sending complete message body "
            "(received 24 bytes, expected 1000))"
        ],
        lambda server: server.url_for("/files/gp-reg-pat-prac-all.csv"),
    ),
    "no month page": (
        "page",
        answering(404, b"<html>Not Found</html>"),
        [
            f"{name}: no files of Patients Registered at a GP Practice for January 2026: "
            "{url} answered 404 NOT FOUND"
            for name in REGISTRATION_FILES
        ],
        page_url,
    ),
    "a month page without the links": (
        "page",
        answering(200, b"<html><body><a href='/files/other.csv'>other</a></body></html>"),
        [
            f"{name}: no files of Patients Registered at a GP Practice for January 2026: the page {{url}} "
            "has no link to gp-reg-pat-prac-all.csv or gp-reg-pat-prac-map.csv"
            for name in REGISTRATION_FILES
        ],
        page_url,
    ),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_source_is_named_and_nothing_is_loaded_or_kept(
    httpserver: HTTPServer, db: Path, keep: Path, capsys: pytest.CaptureFixture[str], failure: str
) -> None:
    source, answer, said, address = FAILURES[failure]
    serve_sites(httpserver, replace={source: answer})
    before = db.read_bytes()
    code, out, err = run_fetch(capsys, httpserver, db, keep)
    assert (code, out) == (1, [])
    assert err == [line.replace("{url}", address(httpserver)) for line in said] + [NOTHING]
    assert db.read_bytes() == before
    assert list(keep.iterdir()) == []


def closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_site_fails_each_of_its_sources_and_both_fail_with_exit_2(
    httpserver: HTTPServer, db: Path, keep: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sites(httpserver)
    nowhere = f"http://127.0.0.1:{closed_port()}/"
    before = db.read_bytes()
    refused = "(Connection refused)"
    code, out, err = run_fetch(capsys, httpserver, db, keep, "--month", "2026-01", "--ods-url", nowhere)
    ods = ["epraccur", "eccg", "epcn", "epcncorepartnerdetails"]
    unreachable = [f"{name}: cannot reach {nowhere}{name} {refused}" for name in ods]
    assert (code, out, err) == (1, [], [*unreachable, NOTHING])
    registrations = (
        "no files of Patients Registered at a GP Practice for January 2026: "
        f"cannot reach {nowhere}january-2026 {refused}"
    )
    code, out, err = run_fetch(
        capsys,
        httpserver,
        db,
        keep,
        "--month",
        "2026-01",
        "--ods-url",
        nowhere,
        "--registrations-url",
        nowhere,
    )
    assert code == 2
    assert err == unreachable + [f"{name}: {registrations}" for name in REGISTRATION_FILES] + [NOTHING]
    assert db.read_bytes() == before
    assert list(keep.iterdir()) == []


def test_a_site_that_does_not_answer_in_time_fails_its_source(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    # the last request fetch makes: the test server answers one request at a time
    map_file = REGISTRATION_FILES["gp-reg-pat-prac-map"].read_bytes()
    serve_sites(httpserver, replace={"gp-reg-pat-prac-map": slow(1.5, map_file)})
    before = db.read_bytes()
    outcome = fetch(db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep, timeout=0.5)
    url = httpserver.url_for("/files/gp-reg-pat-prac-map.csv")
    late = {"gp-reg-pat-prac-map": f"127.0.0.1 did not answer in time ({url})"}
    assert (outcome.failures, outcome.exit_code) == (late, 1)
    assert db.read_bytes() == before


def page_of_another_month(month: str) -> dict[str, Answer]:
    """The month's page linking to the registrations files of another `month` (not yet updated)."""
    return {name: answering(200, registration_bytes(name, month), "text/csv") for name in REGISTRATION_FILES}


def other_month_line(server: HTTPServer, name: str, extracted: str, month: str) -> str:
    page = registrations_url(server) + "january-2026"
    return (
        f"{name}: the page for January 2026 ({page}) links to a file of {month} (extracted on "
        f"{extracted}), not of January 2026: {server.url_for(f'/files/{name}.csv')}"
    )


def test_a_month_page_linking_to_another_months_files_fails_them_and_loads_nothing(
    httpserver: HTTPServer, db: Path, keep: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sites(httpserver, replace=page_of_another_month("2025-12"))
    before = db.read_bytes()
    code, out, err = run_fetch(capsys, httpserver, db, keep)
    assert (code, out) == (1, [])
    assert err == [
        other_month_line(httpserver, name, "1 December 2025", "December 2025") for name in REGISTRATION_FILES
    ] + [NOTHING]
    assert db.read_bytes() == before
    assert list(keep.iterdir()) == []


def test_one_registrations_file_of_another_month_fails_that_source_alone(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    stale: dict[str, Answer] = {
        "gp-reg-pat-prac-map": page_of_another_month("2025-11")["gp-reg-pat-prac-map"]
    }
    serve_sites(httpserver, replace=stale)
    before = db.read_bytes()
    outcome = fetch(db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep)
    line = other_month_line(httpserver, "gp-reg-pat-prac-map", "1 November 2025", "November 2025")
    assert (outcome.failures, outcome.exit_code, outcome.results) == (
        {"gp-reg-pat-prac-map": line.split(": ", 1)[1]},
        1,
        [],
    )
    assert db.read_bytes() == before


def trickle(request: Request) -> Response:
    """A site that sends a byte every 50 ms for half a minute: never silent long enough to time out."""
    import time

    def drip() -> Iterator[bytes]:
        for _ in range(600):
            yield b"P"
            time.sleep(0.05)

    return Response(drip(), content_type="text/csv")


def test_a_download_that_trickles_on_fails_its_source_at_the_time_limit(
    httpserver: HTTPServer,
    db: Path,
    keep: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the last request fetch makes: the test server answers one request at a time
    serve_sites(httpserver, replace={"gp-reg-pat-prac-map": trickle})
    monkeypatch.setattr(etl.fetch, "DEADLINE", 1.0)  # what `etl fetch` allows each download
    before = db.read_bytes()
    started = time.monotonic()
    code, out, err = run_fetch(capsys, httpserver, db, keep)
    assert time.monotonic() - started < 15  # not the half minute the site would go on for
    url = httpserver.url_for("/files/gp-reg-pat-prac-map.csv")
    assert (code, out) == (1, [])
    assert err == [
        f"gp-reg-pat-prac-map: the download from {url} did not finish within 1 second "
        "(0.0 MB received): the site sends too slowly",
        NOTHING,
    ]
    assert db.read_bytes() == before
    assert list(keep.iterdir()) == []


class TricklingHeaders(socketserver.BaseRequestHandler):
    """A site that begins its answer and then sends its headers a byte at a time, for half a
    minute: httpx's timeout, which bounds each wait for a byte, never fires."""

    def handle(self) -> None:
        self.request.recv(65536)
        with contextlib.suppress(OSError):  # the client gave up and closed the connection
            self.request.sendall(b"HTTP/1.1 200 OK\r\n")
            for _ in range(300):
                self.request.sendall(b"X")
                time.sleep(0.1)


def test_a_site_that_trickles_its_headers_fails_each_of_its_sources_at_the_time_limit(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    serve_sites(httpserver)
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), TricklingHeaders) as site:
        site.daemon_threads = True
        threading.Thread(target=site.serve_forever, daemon=True).start()
        ods = f"http://127.0.0.1:{site.server_address[1]}/api/getReport?report="
        started = time.monotonic()
        outcome = fetch(db, "2026-01", ods, registrations_url(httpserver), keep, timeout=5, deadline=0.5)
        took = time.monotonic() - started
        site.shutdown()
    assert took < 15  # four sources, half a second each: not the half minute of each answer
    assert (outcome.failures, outcome.exit_code) == (
        {
            name: f"the download from {ods}{name} did not finish within 0.5 seconds (0.0 MB received): "
            "the site sends too slowly"
            for name in ("epraccur", "eccg", "epcn", "epcncorepartnerdetails")
        },
        1,
    )


def test_a_month_page_that_trickles_on_fails_both_registrations_sources(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    serve_sites(httpserver, replace={"page": trickle})
    outcome = fetch(
        db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep, timeout=5, deadline=0.5
    )
    slow = (
        "no files of Patients Registered at a GP Practice for January 2026: the download from "
        f"{registrations_url(httpserver)}january-2026 did not finish within 0.5 seconds "
        "(0.0 MB received): the site sends too slowly"
    )
    assert (outcome.failures, outcome.exit_code) == (dict.fromkeys(REGISTRATION_FILES, slow), 1)


def test_a_file_larger_than_the_limit_is_refused_zipped_or_not(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    bomb = zipped("epraccur", report_bytes("epraccur")[:2000] + b"\r\n" * (3 * MB))  # expands to 6.0 MB
    serve_sites(httpserver, replace={"epraccur": answering(200, bomb, "application/zip")})
    before = db.read_bytes()
    outcome = fetch(db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep, limit=4 * MB)
    assert outcome.failures == {
        "epraccur": "the zip's epraccur.csv expands to 6.0 MB, more than the limit of 4 MB",
    }
    outcome = fetch(db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep, limit=MB)
    too_big = "more than the limit of 1 MB"
    assert outcome.failures == {  # 1,397,047 and 1,472,711 bytes
        "epraccur": f"the zip's epraccur.csv expands to 6.0 MB, {too_big}",
        "epcncorepartnerdetails": f"{ods_url(httpserver)}epcncorepartnerdetails is 1.3 MB, {too_big}",
        "gp-reg-pat-prac-map": f"{httpserver.url_for('/files/gp-reg-pat-prac-map.csv')} is 1.4 MB, {too_big}",
    }
    assert db.read_bytes() == before


def test_a_file_that_fails_validation_is_reported_and_nothing_is_loaded(
    httpserver: HTTPServer, db: Path, keep: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = report_bytes("epraccur").split(b"\n")
    lines[4] = lines[4].replace(b'"20', b'"2O', 1)  # a letter O typed for a zero in a date
    broken = b"\n".join(lines)
    serve_sites(httpserver, replace={"epraccur": answering(200, broken, "text/csv")})
    before = db.read_bytes()
    code, out, err = run_fetch(capsys, httpserver, db, keep)
    assert (code, out) == (1, [])
    assert err[0] == "epraccur.csv: 1 problem"
    assert err[1] == (
        '  epraccur.csv line 5, column 16 (join commissioner date) "2O200401": expected a date as YYYYMMDD'
    )
    assert err[2:] == [NOTHING]
    assert db.read_bytes() == before
    assert list(keep.iterdir()) == []


def test_a_database_that_is_not_a_tracker_database_is_refused_before_anything_is_fetched(
    httpserver: HTTPServer, tmp_path: Path, keep: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sites(httpserver)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database, but a long enough text file")
    code, out, err = run_fetch(capsys, httpserver, notes, keep)
    assert (code, out) == (2, [])
    assert err == [f"error: {notes} is a file of another kind, not a tracker database; choose another --db"]
    assert httpserver.log == []


def test_proxies_of_the_environment_are_used(
    httpserver: HTTPServer, db: Path, keep: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY (HTTPS_PROXY for https) sends every request through the proxy, as curl would."""
    serve_sites(httpserver)
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("/"))
    monkeypatch.setenv("NO_PROXY", "")
    outcome = fetch(
        db,
        "2026-01",
        "http://ods.invalid/api/getReport?report=",
        "http://nhs.invalid/patients-registered/",
        keep,
    )
    assert outcome.failures == {}
    hosts = [request.headers["Host"] for request, _ in httpserver.log]
    assert hosts[:5] == ["nhs.invalid", "ods.invalid", "ods.invalid", "ods.invalid", "ods.invalid"]


def test_the_month_page_links_are_found_by_file_name_wherever_they_point() -> None:
    page = """<html><body>
      <a href="https://files.digital.nhs.uk/A1/B2C3/gp-reg-pat-prac-lsoa-all.csv">LSOA</a>
      <a class="nhsd-a-link" href="https://files.digital.nhs.uk/7F/5A5C1E/gp-reg-pat-prac-all.csv">Totals</a>
      <a href="../files/gp-reg-pat-prac-map.zip?download=1">Mapping (zip)</a>
      <a>no address</a>
    </body></html>"""
    address = "https://digital.nhs.uk/publications/patients-registered-at-a-gp-practice/january-2026"
    assert links_on(page, address) == {
        "gp-reg-pat-prac-all": "https://files.digital.nhs.uk/7F/5A5C1E/gp-reg-pat-prac-all.csv",
        "gp-reg-pat-prac-map": "https://digital.nhs.uk/publications/files/gp-reg-pat-prac-map.zip?download=1",
    }
    assert [page_name(month) for month in ("2026-01", "2025-12")] == ["january-2026", "december-2025"]
    assert previous_month(dt.date(2026, 1, 5)) == "2025-12"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    for stream, drawn in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        with Progress("epraccur", 3 * MB) as progress:
            for done in (MB // 2, MB, 2 * MB, 3 * MB):
                progress.advance(done)
        shown = stream.getvalue()
        if drawn:
            assert shown.split("\r")[1:] == [
                "  epraccur  0.5 of 3.0 MB",
                "  epraccur  1.0 of 3.0 MB",
                "  epraccur  2.0 of 3.0 MB",
                "  epraccur  3.0 of 3.0 MB",
                "\x1b[K",
            ]
        else:
            assert shown == ""


def test_an_address_that_is_not_a_web_address_is_refused_as_a_wrong_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fetch", "--db", str(tmp_path / "t.duckdb"), "--ods-url", "odsdatasearchandexport.nhs.uk/api"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m etl fetch: error: argument --ods-url: expected a web address starting with https:// or "
        "http://, not 'odsdatasearchandexport.nhs.uk/api'"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_working_folder_left_by_a_killed_fetch_is_removed_by_the_next(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    serve_sites(httpserver, replace={"epcn": answering(404)})
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left = keep / f".fetching-{dead.stdout.strip()}-abc123"
    left.mkdir(parents=True)
    (left / "epraccur.download").write_bytes(b"half a file")
    fetch(db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep)
    assert list(keep.iterdir()) == []


@pytest.mark.slow
def test_new_content_of_a_release_already_kept_is_kept_beside_it(
    httpserver: HTTPServer, db: Path, keep: Path
) -> None:
    serve_sites(httpserver)
    first = fetch(db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep)
    assert first.exit_code == 0
    renamed = report_bytes("epraccur").replace(b"THE DENSHAM SURGERY", b"DENSHAM SURGERY", 1)
    assert renamed != report_bytes("epraccur")
    httpserver.clear()
    serve_sites(httpserver, replace={"epraccur": answering(200, renamed, "text/csv")})
    second = fetch(db, "2026-01", ods_url(httpserver), registrations_url(httpserver), keep)
    assert [r.summary().split(":")[0] + ": " + r.outcome for r in second.results] == [
        "epraccur_2026-02_2.csv: loaded",
        *(f"{name}: unchanged" for name in list(KEPT)[1:]),
    ]
    assert (keep / "epraccur_2026-02.csv").read_bytes() == report_bytes("epraccur")
    assert (keep / "epraccur_2026-02_2.csv").read_bytes() == renamed
    # both are stored; which wins a tie of release dates is the views' rule (content hash), not order
    stored = "select file_name from loads where kind = 'epraccur' and outcome = 'loaded' order by all"
    assert rows_of(db, stored) == [("epraccur_2026-02.csv",), ("epraccur_2026-02_2.csv",)]

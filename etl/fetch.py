"""The month's official files from the NHS sites, loaded in one atomic step, or nothing at all.

>>> outcome = fetch(Path("data/tracker.duckdb"))  # doctest: +SKIP
>>> outcome.failures, [r.summary() for r in outcome.results]  # doctest: +SKIP

Six sources: ODS Data Search and Export's reports epraccur, eccg, epcn and epcncorepartnerdetails
(each a CSV without a header, or a zip holding one) and the two files of the month's "Patients
Registered at a GP Practice" page, found by their links on it. Every file is downloaded and
recognised as the kind expected by the same detection as `etl load`, then all are loaded by
`etl load`'s own load in one atomic swap. A source that fails in any way loads nothing of any
source: the database is left exactly as it was, so a month is never half fetched.
Fetched files are kept in `keep` under names that carry their release (epraccur_2026-02.csv),
each with a line in keep/manifest.csv: when, from where, its size and SHA-256.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import httpx

from etl import months
from etl.api import load_files
from etl.config import DOWNLOADS_DIR
from etl.database import live_file
from etl.downloads import (
    DEADLINE,
    MB,
    Downloaded,
    DownloadFailed,
    download,
    is_zip,
    page_text,
    unzip_one,
    web_client,
)
from etl.months import spoken_month
from etl.problems import FileRejected, one_line
from etl.sources import InputFile, content_hash, kind_named, recognise, start_of, unknown_kind
from etl.store import LoadResult

ODS_URL = "https://www.odsdatasearchandexport.nhs.uk/api/getReport?report="
REGISTRATIONS_URL = "https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice/"
# English whatever the locale: the pages' addresses are English.
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
LIMIT = 500 * MB  # per file, downloaded or expanded from a zip; the largest is about 4 MB today
TIMEOUT = 60.0  # seconds without a byte before a site counts as not answering
# and DEADLINE (etl/downloads.py): seconds for the whole of one download
MANIFEST = "manifest.csv"
MANIFEST_HEADER = ("fetched_at", "url", "file", "size", "sha256")


@dataclass(frozen=True)
class Source:
    """One file fetched each month: its name on the site and the kind `etl load` must see in it."""

    name: str
    kind: str
    layout: str | None = None  # the ePCN reports: which sheet of the workbook ("details", "partners")


ODS_REPORTS = (
    Source("epraccur", "epraccur"),
    Source("eccg", "eccg"),
    Source("epcn", "epcn", "details"),
    Source("epcncorepartnerdetails", "epcn", "partners"),
)
REGISTRATION_FILES = (Source("gp-reg-pat-prac-all", "list_sizes"), Source("gp-reg-pat-prac-map", "mapping"))
SOURCES = (*ODS_REPORTS, *REGISTRATION_FILES)


@dataclass
class Fetched:
    """A downloaded file, ready to load: the CSV and where it came from."""

    source: Source
    path: Path
    download: Downloaded


@dataclass
class FetchOutcome:
    """What a fetch did: a phrase per failed source, or every file's load result."""

    failures: dict[str, str] = field(default_factory=dict)
    results: list[LoadResult] = field(default_factory=list)
    rejected: list[InputFile] = field(default_factory=list)  # read but refused: nothing was loaded
    kept: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 every source loaded (or already loaded), 1 some source failed, 2 none could be fetched."""
        failed = len(self.failures) + len(self.rejected)
        if not failed:
            return 0
        return 2 if failed == len(SOURCES) else 1


class Refused(Exception):
    """Files that were fetched but would not load: nothing of this fetch is stored."""

    def __init__(self, files: list[InputFile]) -> None:
        super().__init__(", ".join(f.name for f in files))
        self.files = files


class OtherMonth(Exception):
    """Registrations files whose extract date is not the month of the page that linked to them
    (a page not yet updated): source name -> what is wrong. Nothing of this fetch is stored."""

    def __init__(self, failures: dict[str, str]) -> None:
        super().__init__("; ".join(failures.values()))
        self.failures = failures


def fetch(
    db: Path,
    month: str | None = None,
    ods_url: str = ODS_URL,
    registrations_url: str = REGISTRATIONS_URL,
    keep: Path | None = None,
    *,
    today: dt.date | None = None,
    timeout: float = TIMEOUT,
    limit: int = LIMIT,
    deadline: float = DEADLINE,
) -> FetchOutcome:
    """Download every source, then load them all in one atomic step; any failure loads nothing.
    `timeout` bounds each wait for a byte, `deadline` the whole of each download (seconds)."""
    live_file(db)  # a --db that is not a tracker database is refused before anything is fetched
    keep = keep or DOWNLOADS_DIR
    keep.mkdir(parents=True, exist_ok=True)
    outcome = FetchOutcome()
    with working_folder(keep) as work:
        addresses = [(source, ods_url + source.name) for source in ODS_REPORTS]
        links: MonthLinks | None = None
        try:
            links = month_links(timeout, registrations_url, month, today or months.today(), limit, deadline)
            addresses += [(source, links.files[source.name]) for source in REGISTRATION_FILES]
        except DownloadFailed as failed:
            outcome.failures.update({source.name: str(failed) for source in REGISTRATION_FILES})
        fetched: list[Fetched] = []
        for source, url in addresses:
            try:
                with web_client(timeout) as client:  # a client a download: its deadline closes it
                    fetched.append(fetch_file(client, url, source, work, limit, deadline))
            except DownloadFailed as failed:
                outcome.failures[source.name] = str(failed)
        if outcome.failures:
            outcome.failures = in_source_order(outcome.failures)
            return outcome

        def vet(files: list[InputFile]) -> None:
            name_by_release(files, fetched, keep, links)

        try:
            outcome.results = load_files([f.path for f in fetched], db, vet=vet)
        except Refused as refused:
            outcome.rejected = refused.files
            return outcome
        except OtherMonth as other:
            outcome.failures = in_source_order(other.failures)
            return outcome
        outcome.kept = keep_files(fetched, keep)
    return outcome


def in_source_order(failures: dict[str, str]) -> dict[str, str]:
    """Each failed source once, in the order the sources are listed."""
    return {s.name: failures[s.name] for s in SOURCES if s.name in failures}


def fetch_file(
    client: httpx.Client, url: str, source: Source, work: Path, limit: int, deadline: float = DEADLINE
) -> Fetched:
    """One source downloaded (and unzipped) into `work`, recognised as the kind it must be."""
    raw = work / f"{source.name}.download"
    got = download(client, url, raw, limit, label=source.name, deadline=deadline)
    path = work / f"{source.name}.csv"
    if is_zip(raw):
        unzip_one(raw, path, source.name, limit)
        raw.unlink()
    else:
        raw.rename(path)
    expect_kind(path, source)
    return Fetched(source, path, got)


def expect_kind(path: Path, source: Source) -> None:
    """The file is what `etl load` would take for the expected kind, or DownloadFailed says what it is."""
    data = start_of(path)
    expected = kind_named(source.kind)
    what = f"{expected.label} ({source.name})" if source.layout else expected.label
    if not data.strip():
        raise DownloadFailed(f"expected {what}; the site sent an empty file")
    if looks_like_html(data):
        raise DownloadFailed(f"expected {what} as CSV; the site sent a web page instead")
    try:
        found = recognise(path.name, data)
    except FileRejected as unknown:
        reason = unknown.problems[0].message if unknown.problems else ""
        if reason in (unknown_kind("content matches"), unknown_kind("sheets match"), ""):
            start = one_line(data[:60].decode("utf-8", errors="replace"))
            reason = f"the file is no kind etl load reads; it begins {start!r}"
        raise DownloadFailed(f"expected {what}; {reason}") from None
    if found.name != source.kind:
        raise DownloadFailed(f"expected {what}; the file is {found.label}")
    if source.layout is not None:
        from etl.sources.epcn import report_layout
        from etl.text import first_rows

        if report_layout(first_rows(data)) != source.layout:
            raise DownloadFailed(f"expected {what}; the file is the other ePCN report")


def looks_like_html(data: bytes) -> bool:
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))


@dataclass(frozen=True)
class MonthLinks:
    """The month's page (YYYY-MM, its address) and the address of each registrations file it links to."""

    month: str
    page: str
    files: dict[str, str]


def month_links(
    timeout: float,
    registrations_url: str,
    month: str | None,
    today: dt.date,
    limit: int,
    deadline: float = DEADLINE,
) -> MonthLinks:
    """The month's page with both links: `--month`'s, or the newest published (this month's,
    else the one before: a page announced before its files are out has no links yet)."""
    months = [month] if month else [f"{today:%Y-%m}", previous_month(today)]
    answers = []
    for each in months:
        url = registrations_url + page_name(each)
        try:
            with web_client(timeout) as client:  # a client a page: its deadline closes it
                text, address = page_text(client, url, limit, deadline)
        except DownloadFailed as failed:
            answers.append(str(failed))
            continue
        links = MonthLinks(each, address, links_on(text, address))
        missing = [f"{s.name}.csv" for s in REGISTRATION_FILES if s.name not in links.files]
        if not missing:
            return links
        answers.append(f"the page {address} has no link to {' or '.join(missing)}")
    tried = " or ".join(spoken_month(each) for each in months)
    publication = "Patients Registered at a GP Practice"
    raise DownloadFailed(f"no files of {publication} for {tried}: {'; '.join(answers)}")


def previous_month(day: dt.date) -> str:
    return f"{day.replace(day=1) - dt.timedelta(days=1):%Y-%m}"


def page_name(month: str) -> str:
    """'2026-01' -> 'january-2026', the last part of the month page's address."""
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]}-{year}"


class Links(HTMLParser):
    """Every <a href> on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def links_on(html: str, address: str) -> dict[str, str]:
    """Source name -> the absolute address of the page's link to it (a .csv, or a .zip of one)."""
    parser = Links()
    parser.feed(html)
    found: dict[str, str] = {}
    for href in parser.hrefs:
        file = PurePosixPath(urlsplit(href).path).name.lower()
        for source in REGISTRATION_FILES:
            if file in (f"{source.name}.csv", f"{source.name}.zip"):
                found.setdefault(source.name, urljoin(address, href))
    return found


@contextmanager
def working_folder(keep: Path) -> Iterator[Path]:
    """A folder beside the kept files (so they are moved, not copied), removed whatever happens;
    one left by a fetch that was killed is removed by the next."""
    for left in keep.glob(".fetching-*"):
        pid = left.name.split("-")[1]
        if pid.isdigit() and not running(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f".fetching-{os.getpid()}-", dir=keep))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def name_by_release(
    files: list[InputFile], fetched: list[Fetched], keep: Path, links: MonthLinks | None = None
) -> None:
    """Before anything is stored: refuse all if any file has problems or is a registrations file
    of another month than its page's, else give each its kept name (epraccur_2026-02.csv), which
    the load history records."""
    if any(f.problems for f in files):
        raise Refused([f for f in files if f.problems])
    if links is not None:
        other = {
            got.source.name: other_month(links, got, f.release_date)
            for f, got in zip(files, fetched, strict=True)
            if got.source in REGISTRATION_FILES
            and f.release_date is not None
            and f"{f.release_date:%Y-%m}" != links.month
        }
        if other:
            raise OtherMonth(other)
    for f, got in zip(files, fetched, strict=True):
        released = f.release_date or got.download.fetched_at.date()
        named = got.path.with_name(kept_name(keep, got.source.name, f"{released:%Y-%m}", f.content_hash))
        got.path.rename(named)
        got.path = f.path = named


def other_month(links: MonthLinks, got: Fetched, extracted: dt.date) -> str:
    """'the page for January 2026 links to a file of December 2025 (extracted on 1 December 2025)…'"""
    page, found = spoken_month(links.month), spoken_month(f"{extracted:%Y-%m}")
    return (
        f"the page for {page} ({links.page}) links to a file of {found} (extracted on "
        f"{extracted.day} {found}), not of {page}: {got.download.url}"
    )


def kept_name(keep: Path, source: str, release: str, sha256: str) -> str:
    """'epraccur_2026-02.csv', or '..._2.csv' when another content of that release is kept already."""
    for number in range(1, 1000):
        name = f"{source}_{release}.csv" if number == 1 else f"{source}_{release}_{number}.csv"
        if not (keep / name).exists() or content_hash(keep / name) == sha256:
            return name
    raise DownloadFailed(f"{keep} already holds 999 files of {source} {release}")


def keep_files(fetched: list[Fetched], keep: Path) -> list[Path]:
    """Move the loaded files into `keep` and add a line per file to its manifest: when it was
    fetched and from where, and the size and SHA-256 of the file kept (as the load history has it)."""
    manifest = keep / MANIFEST
    new = not manifest.exists()
    kept = []
    with manifest.open("a", newline="", encoding="utf-8") as out:
        lines = csv.writer(out)
        if new:
            lines.writerow(MANIFEST_HEADER)
        for got in fetched:
            target = keep / got.path.name
            got.path.replace(target)  # the same name holds the same content (kept_name)
            kept.append(target)
            when = f"{got.download.fetched_at:%Y-%m-%dT%H:%M:%SZ}"
            size, sha256 = target.stat().st_size, content_hash(target)
            lines.writerow((when, got.download.url, target.name, size, sha256))
    return kept

"""One file from a web site to disk: streamed, bounded, timed, and every failure as one phrase.

>>> with web_client(timeout=60) as client:  # doctest: +SKIP
...     got = download(client, "https://example.org/epraccur.csv", Path("epraccur.csv"), limit=MB)
>>> got.size, got.sha256  # doctest: +SKIP

httpx follows redirects and honours the proxies of the environment (HTTPS_PROXY, HTTP_PROXY,
NO_PROXY), as curl and pip do. Each wait for a byte is bounded by the client's timeout, and each
download as a whole by a deadline (DEADLINE, 10 minutes), at which its client is closed: one client
a download. A zip is opened only after it is checked: intact, the one member expected, no member
outside its folder, none that would expand past the limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

import httpx

MB = 1024 * 1024
# As crawlers and feed readers say who they are; some NHS sites refuse a bare library's name.
USER_AGENT = f"Mozilla/5.0 (compatible; gp-network-tracker/0.1; python-httpx/{httpx.__version__})"
CHUNK = 256 * 1024
DEADLINE = 600.0  # seconds for the whole of one download, however steadily the bytes come
ZIP_MAGIC = b"PK\x03\x04"


class DownloadFailed(Exception):
    """What went wrong with one download, as a phrase that follows the source's name."""


@dataclass(frozen=True)
class Downloaded:
    """A file fetched: where from, when, and what it holds (for the manifest)."""

    url: str
    path: Path
    fetched_at: dt.datetime
    size: int
    sha256: str


def web_client(timeout: float) -> httpx.Client:
    """An ordinary client: a User-Agent, redirects followed, the environment's proxies, a timeout."""
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        trust_env=True,
        timeout=httpx.Timeout(timeout),
    )


def download(
    client: httpx.Client, url: str, path: Path, limit: int, label: str = "", deadline: float = DEADLINE
) -> Downloaded:
    """Stream `url` into `path` (at most `limit` bytes, all of it within `deadline` seconds), with
    a progress bar on a terminal. `client` is closed if the deadline passes: one client a download."""
    digest = hashlib.sha256()
    fetched_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        with streaming(client, url, limit, deadline) as stream:
            answer = stream.answer
            expected = int(answer.headers.get("content-length") or 0) or None
            if expected is not None and expected > limit:
                size_mb, limit_mb = f"{expected / MB:,.1f} MB", f"{limit / MB:,.0f} MB"
                raise DownloadFailed(f"{answer.url} is {size_mb}, more than the limit of {limit_mb}")
            with path.open("wb") as out, Progress(label, expected) as progress:
                for chunk in stream.chunks():  # as it comes: a trickle still meets the deadline
                    out.write(chunk)
                    digest.update(chunk)
                    progress.advance(stream.received)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Downloaded(str(answer.url), path, fetched_at, stream.received, digest.hexdigest())


def page_text(client: httpx.Client, url: str, limit: int, deadline: float = DEADLINE) -> tuple[str, str]:
    """A web page's text and its address after redirects (links on it are relative to that).
    `client` is closed if the deadline passes: one client a page."""
    with streaming(client, url, limit, deadline) as stream:
        content = b"".join(stream.chunks())
        answer = stream.answer
    return content.decode(answer.encoding or "utf-8", errors="replace"), str(answer.url)


@dataclass
class Stream:
    """An answer being read: its chunks, each counted against the size limit and the deadline."""

    answer: httpx.Response
    limit: int
    clock: Deadline
    received: int = 0

    def chunks(self) -> Iterator[bytes]:
        for chunk in self.answer.iter_bytes():
            self.received += len(chunk)
            if self.received > self.limit:
                raise DownloadFailed(f"{self.answer.url} is more than the limit of {self.limit / MB:,.0f} MB")
            self.clock.check(self.answer.url, self.received)
            yield chunk


@contextmanager
def streaming(client: httpx.Client, url: str, limit: int, deadline: float) -> Iterator[Stream]:
    """GET `url` for reading as a Stream: a 4xx or 5xx answer refused, and httpx's errors and the
    deadline, wherever they happen while the answer is read, as one DownloadFailed naming the address."""
    address, stream = url, None  # the address after any redirect, once the answer has come
    with Deadline(deadline, client) as clock:
        try:
            with client.stream("GET", url) as answer:
                address = str(answer.url)
                refused(answer)
                stream = Stream(answer, limit, clock)
                yield stream
        except (httpx.HTTPError, RuntimeError) as error:  # RuntimeError: the client closed at the deadline
            if clock.expired:
                raise clock.failure(address, stream.received if stream else 0) from None
            if isinstance(error, RuntimeError):
                raise
            raise DownloadFailed(failure(url, error)) from None


class Deadline:
    """A download's total time limit: the timeout bounds each wait for a byte, this the whole of it,
    so that a site sending a byte now and then cannot hold a fetch for ever. Checked as the body
    comes; and when the time is up, the client is closed, which ends a read still waiting for the
    rest of the answer's headers."""

    def __init__(self, seconds: float, client: httpx.Client) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire, args=(client,))
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _expire(self, client: httpx.Client) -> None:
        self.expired = True
        client.close()

    def check(self, url: httpx.URL, received: int) -> None:
        if time.monotonic() > self.ends:
            self.expired = True
            raise self.failure(str(url), received)

    def failure(self, url: str, received: int) -> DownloadFailed:
        return DownloadFailed(
            f"the download from {url} did not finish within {duration(self.seconds)} "
            f"({received / MB:,.1f} MB received): the site sends too slowly"
        )


def duration(seconds: float) -> str:
    """'10 minutes', '1 minute', '1.5 seconds'."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' * (minutes != 1)}"
    return f"{seconds:g} second{'s' * (seconds != 1)}"


def refused(answer: httpx.Response) -> None:
    """A 4xx or 5xx answer, as a phrase: '… answered 404 Not Found'."""
    if answer.status_code >= 400:
        reason = answer.reason_phrase or httpx.codes.get_reason_phrase(answer.status_code) or "an error"
        raise DownloadFailed(f"{answer.request.url} answered {answer.status_code} {reason}")


def failure(url: str, error: httpx.HTTPError) -> str:
    """httpx's error as a phrase a person can act on, naming the address (after any redirect)."""
    with suppress(RuntimeError):  # an error raised before a request was made has none
        url = str(error.request.url)
    host = httpx.URL(url).host or url
    if isinstance(error, httpx.TimeoutException):
        return f"{host} did not answer in time ({url})"
    if isinstance(error, httpx.ConnectError | httpx.ProxyError):
        return f"cannot reach {url} ({reason_of(error)})"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the download from {url} was cut off ({reason_of(error)})"
    if isinstance(error, httpx.TooManyRedirects):
        return f"{url} redirects too many times"
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return f"{url} is not a web address (http:// or https://)"
    return f"the download from {url} failed ({reason_of(error)})"


def reason_of(error: Exception) -> str:
    """The error's first line, without the operating system's error number ("[Errno 111] ")."""
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", str(error).strip())
    return text.splitlines()[0] if text else type(error).__name__


def is_zip(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == ZIP_MAGIC


def unzip_one(archive: Path, out: Path, wanted: str, limit: int) -> str:
    """The one CSV in `archive` (named `wanted` if several) written to `out`; its member name.

    Refused: a damaged or cut-off zip, no CSV or several without the wanted name, a member named
    outside the zip's folder, one that expands past `limit`.
    """
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [m for m in zipped.infolist() if not m.is_dir()]
            for member in members:
                name = PurePosixPath(member.filename.replace("\\", "/"))
                if name.is_absolute() or ".." in name.parts or ":" in member.filename:
                    raise DownloadFailed(f"the zip holds {member.filename!r}, a name outside its folder")
            member = chosen_member(members, wanted)
            if member.file_size > limit:
                raise DownloadFailed(
                    f"the zip's {member.filename} expands to {member.file_size / MB:,.1f} MB, "
                    f"more than the limit of {limit / MB:,.0f} MB"
                )
            with zipped.open(member) as source, out.open("wb") as target:
                copy_at_most(source, target, limit, member.filename)
            return member.filename
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError) as error:
        out.unlink(missing_ok=True)
        raise DownloadFailed(f"the zip is damaged or cut off ({reason_of(error)})") from None
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def chosen_member(members: list[zipfile.ZipInfo], wanted: str) -> zipfile.ZipInfo:
    csvs = [m for m in members if m.filename.lower().endswith(".csv")]
    named = [m for m in csvs if PurePosixPath(m.filename).stem.lower() == wanted.lower()]
    if len(named) == 1:
        return named[0]
    if len(csvs) == 1:
        return csvs[0]
    shown = ", ".join(m.filename for m in members) or "nothing"
    raise DownloadFailed(f"expected the zip to hold one CSV ({wanted}.csv); it holds {shown}")


def copy_at_most(source: IO[bytes], target: IO[bytes], limit: int, name: str) -> None:
    """Copy, counting what is really expanded (a zip's stated sizes may lie)."""
    written = 0
    while chunk := source.read(CHUNK):
        written += len(chunk)
        if written > limit:
            raise DownloadFailed(f"the zip's {name} expands to more than the limit of {limit / MB:,.0f} MB")
        target.write(chunk)


class Progress:
    """'  epraccur  1.2 of 3.1 MB' redrawn on one line of a terminal; silent when not a terminal."""

    def __init__(self, label: str, total: int | None) -> None:
        self.label, self.total = label, total
        self.shown = bool(label) and sys.stderr.isatty()
        self.last = -1

    def __enter__(self) -> Progress:
        return self

    def advance(self, done: int) -> None:
        if not self.shown or done // MB == self.last:
            return
        self.last = done // MB
        of = f" of {self.total / MB:,.1f}" if self.total else ""
        width = shutil.get_terminal_size().columns - 1
        sys.stderr.write(f"\r  {self.label}  {done / MB:,.1f}{of} MB"[:width])
        sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if self.shown and self.last >= 0:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

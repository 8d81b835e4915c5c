"""How the benchmark measures: a command's time and peak memory, a page's cold and warm views, a pack.

Used by tests/bench.py (`make bench`); none of it asserts anything, it only measures.
"""

from __future__ import annotations

import logging
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard" / "app.py"


def page_folder() -> Path:
    """The folder of the page scripts the router runs (dashboard/screens, formerly dashboard/pages)."""
    folders = [REPO / "dashboard" / name for name in ("screens", "pages")]
    return next((folder for folder in folders if folder.is_dir()), folders[0])


COMMAND_TIMEOUT_S = 900


@dataclass
class Run:
    seconds: float
    peak_mb: float
    exit_code: int = 0
    stderr: str = ""


def timed(
    command: list[str],
    env: dict[str, str] | None = None,
    allowed: tuple[int, ...] | None = (0,),
    memory_cap_mb: int | None = None,
) -> Run:
    """Wall time and the child's own peak resident memory (wait4's rusage, as /usr/bin/time reads it).

    An exit code outside `allowed` (None: any) stops the benchmark with the command's error output;
    so does a command still running after COMMAND_TIMEOUT_S. `memory_cap_mb` caps the child's address
    space, so a runaway load fails alone instead of starving the machine.
    """

    def cap_memory() -> None:
        if memory_cap_mb is not None:
            limit = memory_cap_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    started = time.perf_counter()
    with subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=cap_memory,
    ) as child:
        deadline = threading.Timer(COMMAND_TIMEOUT_S, child.kill)
        deadline.start()
        stderr = child.stderr.read() if child.stderr else b""
        _, status, usage = os.wait4(child.pid, 0)  # reaps the child, so Popen must not wait again
        deadline.cancel()
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
    message = stderr.decode(errors="replace")
    if allowed is not None and child.returncode not in allowed:
        raise SystemExit(f"bench: {' '.join(command[:4])} ... exited {child.returncode}:\n{message[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, child.returncode, message)


def best_of(repeats: int, run: Callable[[int], Run]) -> Run:
    """The fastest of a few runs: the machine's other work only ever adds time."""
    runs = [run(attempt) for attempt in range(repeats)]
    return min(runs, key=lambda r: r.seconds)


@dataclass
class PageTiming:
    first_s: float  # cold: the first view after a load, nothing cached
    warm_s: float  # the same page viewed again, its answers cached
    slowest_question: str
    slowest_question_s: float
    failure: str | None = None  # the page's exception, when it raised one


def page_timings(db: Path, query: dict[str, str]) -> dict[str, PageTiming] | None:
    """Every dashboard page over `db` with these URL filters; None while the dashboard does not exist.

    A page that fails is reported with its error rather than stopping the benchmark, so the
    other pages are still measured while the dashboard is being rebuilt.
    """
    if not APP.exists():
        return None
    os.environ["TRACKER_DB"] = str(db)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # "missing ScriptRunContext" is expected in AppTest; a page's own error is reported below
    logging.disable(logging.CRITICAL)
    timings = {}
    with questions_timed() as asked:
        pages = page_folder()
        for page in sorted(pages.glob("*.py")):
            at = AppTest.from_file(str(APP), default_timeout=300)
            at.query_params.update(query)
            at.run()
            st.cache_data.clear()  # as after a load: every answer is asked afresh
            st.cache_resource.clear()
            asked.clear()
            started = time.perf_counter()
            at.switch_page(f"{pages.name}/{page.name}").run()
            first = time.perf_counter() - started
            failure = _failure(at)
            started = time.perf_counter()
            at.run()
            warm = time.perf_counter() - started
            failure = failure or _failure(at)
            question, seconds = max(asked.items(), key=lambda item: item[1], default=("-", 0.0))
            timings[page.name] = PageTiming(first, warm, question, seconds, failure)
    return timings


def _failure(at: Any) -> str | None:
    if not at.exception:
        return None
    return " ".join(str(at.exception[0].message).split())[:200]


@contextmanager
def questions_timed() -> Iterator[dict[str, float]]:
    """Seconds per dashboard question (dashboard/sql/<question>.sql), to name a slow page's cause."""
    from dashboard import queries

    asked: dict[str, float] = {}
    name = next((n for n in ("answer", "_answer") if callable(getattr(queries, n, None))), None)
    if name is None:
        yield asked
        return
    answer = getattr(queries, name)

    def timed_answer(db: object, question: str, *args: object, **values: object) -> object:
        started = time.perf_counter()
        try:
            return answer(db, question, *args, **values)
        finally:
            asked[question] = asked.get(question, 0.0) + time.perf_counter() - started

    setattr(queries, name, timed_answer)
    try:
        yield asked
    finally:
        setattr(queries, name, answer)


def boardpack_exists() -> bool:
    package = REPO / "dashboard" / "boardpack"
    return (package / "__main__.py").exists() or (REPO / "dashboard" / "boardpack.py").exists()


def boardpack_seconds(db: Path, month: str, areas: list[str], out: Path) -> float | None:
    """One board pack as `make boardpack` makes it (no areas = every area); None before it exists."""
    if not boardpack_exists():
        return None
    command = [sys.executable, "-m", "dashboard.boardpack", "--month", month, "--out", str(out)]
    for area in areas:
        command += ["--ccg", area]
    return timed(command, env={**os.environ, "TRACKER_DB": str(db)}).seconds


def page_lines(title: str, pages: dict[str, PageTiming] | None) -> list[str]:
    if pages is None:
        return [f"  {title}: n/a (dashboard/app.py does not exist yet)"]
    lines = [f"  {title}:", f"    {'page':<36} {'cold s':>7} {'warm s':>7}  slowest question when cold"]
    for page, timing in pages.items():
        cause = f"{timing.slowest_question} {timing.slowest_question_s:.2f} s"
        if timing.failure:
            cause = f"FAILED: {timing.failure}"
        lines.append(f"    {page:<36} {timing.first_s:7.2f} {timing.warm_s:7.2f}  {cause}")
    return lines


def slowest(pages: dict[str, PageTiming] | None, cold: bool) -> float | None:
    timings = [t.first_s if cold else t.warm_s for t in (pages or {}).values() if not t.failure]
    return max(timings) if timings else None

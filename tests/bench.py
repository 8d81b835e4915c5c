"""National scale: every practice in England × 120 monthly snapshots, loaded and shown.

    python -m tests.bench                      # the benchmark (make bench)
    python -m tests.bench --derive PAYMENTS    # rebuild data/bench/national_practices.csv

The history is generated from data/bench/national_practices.csv, deterministically, in a
temporary folder: nothing outside this repository is needed to run the benchmark.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.schemas import PracticeStatus

REPO = Path(__file__).resolve().parent.parent
PRACTICES = REPO / "data" / "bench" / "national_practices.csv"
PRACTICE_COLUMNS = ["practice_code", "practice_name", "ccg_code", "contract_type", "list_size"]
STATUS_COLUMNS = list(PracticeStatus.to_schema().columns)  # the contract's columns, in order
MONTHS = 120
FIRST_MONTH = date(2017, 1, 1)
NETWORK_TARGET = 40_000  # patients: networks are formed to sit in the 30,000–50,000 band
NEVER = MONTHS
REPEATS = 3
GOALS = {"load_ratio": 4.0, "slowest_page_s": 1.5, "boardpack_s": 15.0, "peak_mb": 2048.0}


# --- the national practice list (committed, derived once from the official payments file) -----


def derive_practices(payments: Path, out: Path) -> int:
    """NHS Payments to General Practice -> GP practices with a known contract type and patients."""
    import duckdb

    rows = (
        duckdb.connect()
        .execute(
            """
            with payments as (
                select * from read_csv(?, all_varchar = true, header = true)
            ),
            practices as (
                select
                    "Practice Code" as practice_code,
                    trim("Practice Name") as practice_name,
                    "CCG Code" as ccg_code,
                    "Contract Type" as contract_type,
                    try_cast("Number of Registered Patients (Last Known Figure)" as integer) as list_size
                from payments
                where "Practice Type" = 'GP practice'
            )
            select * from practices
            where contract_type in ('GMS', 'PMS', 'APMS') and list_size > 0
            order by ccg_code, practice_code
            """,
            [str(payments)],
        )
        .fetchall()
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(PRACTICE_COLUMNS)
        writer.writerows(rows)
    return len(rows)


@dataclass(frozen=True)
class Practice:
    code: str
    name: str
    ccg: str
    contract: str
    patients: int


def national_practices(path: Path = PRACTICES) -> list[Practice]:
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return [
        Practice(
            row["practice_code"],
            row["practice_name"],
            row["ccg_code"],
            row["contract_type"],
            int(row["list_size"]),
        )
        for row in rows
    ]


# --- a plausible national history, valid under every rule ---------------------------------------


@dataclass(frozen=True)
class Story:
    """What happens to one practice over the ten years: when it joins, leaves and integrates."""

    network: int  # its network within its CCG, numbered from 1
    joins: int  # month index; NEVER for the few left out
    away: range  # months spent out of its network after a falling-out
    partial_from: int
    full_from: int
    growth: float  # change in registered patients per month


def practice_story(practice: Practice, network: int, ccg_start: int) -> Story:
    """Drawn from the practice code, so the same list always tells the same history."""
    chance = random.Random(practice.code)
    joins = NEVER if chance.random() < 0.03 else ccg_start + chance.randrange(0, 30)
    away = range(0)
    if chance.random() < 0.05:
        left = joins + chance.randrange(6, 60)
        away = range(left, left + chance.randrange(2, 12))
    partial_from = joins + chance.randrange(12, 72) if chance.random() < 0.45 else NEVER
    full_from = partial_from + chance.randrange(6, 36) if chance.random() < 0.12 else NEVER
    return Story(network, joins, away, partial_from, full_from, chance.uniform(-0.002, 0.004))


def networks_of(practices: list[Practice]) -> list[int]:
    """Neighbouring practices (in code order) pooled until a network holds about 40,000 patients."""
    networks, network, pooled = [], 1, 0
    for practice in practices:
        if pooled >= NETWORK_TARGET:
            network, pooled = network + 1, 0
        networks.append(network)
        pooled += practice.patients
    return networks


def month_start(index: int) -> date:
    years, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return date(FIRST_MONTH.year + years, month + 1, 1)


def write_history(practices: list[Practice], out: Path, months: int = MONTHS) -> int:
    """One participation CSV: every practice in every month, CCG by CCG, as the returns arrive."""
    by_ccg: dict[str, list[Practice]] = {}
    for practice in practices:
        by_ccg.setdefault(practice.ccg, []).append(practice)
    stories: dict[str, Story] = {}
    for ccg, members in by_ccg.items():
        ccg_start = random.Random(ccg).randrange(0, 36)
        for practice, network in zip(members, networks_of(members), strict=True):
            stories[practice.code] = practice_story(practice, network, ccg_start)
    rows = 0
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(STATUS_COLUMNS)
        for index in range(months):
            first_day = month_start(index)
            iso, uk = first_day.isoformat(), first_day.strftime("15/%m/%Y")
            for number, ccg in enumerate(sorted(by_ccg)):
                when = uk if number % 10 == 3 else iso  # a few CCGs send UK dates, as Excel writes them
                for practice in by_ccg[ccg]:
                    writer.writerow(status_row(practice, stories[practice.code], index, when))
                    rows += 1
    return rows


def status_row(practice: Practice, story: Story, index: int, when: str) -> list[object]:
    patients = max(100, round(practice.patients * (1 + story.growth * (index - MONTHS // 2))))
    in_network = story.joins <= index and index not in story.away
    level = "none"
    if in_network:
        level = "virtual"
        if index >= story.partial_from:
            level = "full" if index >= story.full_from else "partial"
    gps = max(1, round(patients / 2_000))
    return [
        when,
        practice.ccg,
        practice.code,
        practice.name,
        patients,
        practice.contract,
        level,
        f"{practice.ccg}-N{story.network:02d}" if in_network else "",
        f"{practice.ccg} Network {story.network}" if in_network else "",
        "suspended" if level == "full" else "active",
        gps,
        "single-handed" if gps == 1 else "",
    ]


# --- measuring ----------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float


def timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Wall time and the child's own peak resident memory (wait4's rusage, as /usr/bin/time reads it)."""
    started = time.perf_counter()
    with subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as child:
        stderr = child.stderr.read() if child.stderr else b""
        _, status, usage = os.wait4(child.pid, 0)  # reaps the child, so Popen must not wait again
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command[:4])} ... failed:\n{stderr.decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss / 1024)


def best_of(repeats: int, run: Callable[[int], Run]) -> Run:
    """The fastest of a few runs: the machine's other work only ever adds time."""
    runs = [run(attempt) for attempt in range(repeats)]
    return min(runs, key=lambda r: r.seconds)


def bare_read_csv(history: Path, work: Path, attempt: int) -> Run:
    """DuckDB's own read_csv into a table: the floor any loader is measured against."""
    db = work / f"bare_{attempt}.duckdb"
    sql = f"create table t as select * from read_csv('{history}')"
    return timed([sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}).execute({sql!r})"])


def validated_load(history: Path, work: Path, attempt: int) -> Run:
    """python -m etl load, every rule checked, into a new database."""
    db = work / f"tracker_{attempt}.duckdb"
    return timed([sys.executable, "-m", "etl", "load", "--db", str(db), str(history)])


@dataclass
class PageTiming:
    first_s: float  # cold: every question asked afresh
    warm_s: float  # the same page run again, its answers cached
    slowest_question: str
    slowest_question_s: float


def page_timings(db: Path) -> dict[str, PageTiming] | None:
    """Every dashboard page, all CCGs, latest month; None while the dashboard does not exist yet."""
    app = REPO / "dashboard" / "app.py"
    if not app.exists():
        return None
    os.environ["TRACKER_DB"] = str(db)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    logging.disable(logging.WARNING)  # "missing ScriptRunContext" and the like: expected in AppTest

    asked = time_each_question()
    timings = {}
    for page in sorted((REPO / "dashboard" / "pages").glob("*.py")):
        at = AppTest.from_file(str(app), default_timeout=120)
        at.run()
        st.cache_data.clear()
        asked.clear()
        started = time.perf_counter()
        at.switch_page(f"pages/{page.name}").run()
        first = time.perf_counter() - started
        started = time.perf_counter()
        at.run()
        warm = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"bench: page {page.name} failed: {at.exception[0].message}")
        question, seconds = max(asked.items(), key=lambda item: item[1], default=("-", 0.0))
        timings[page.name] = PageTiming(first, warm, question, seconds)
    return timings


def time_each_question() -> dict[str, float]:
    """Seconds per dashboard question (dashboard/sql/<question>.sql), to name a slow page's cause."""
    from dashboard import queries

    asked: dict[str, float] = {}
    answer = getattr(queries, "_answer", None)
    if answer is None:
        return asked

    def timed_answer(version: object, question: str, **values: object) -> object:
        started = time.perf_counter()
        try:
            return answer(version, question, **values)
        finally:
            asked[question] = asked.get(question, 0.0) + time.perf_counter() - started

    queries._answer = timed_answer
    return asked


def boardpack_seconds(db: Path, month: str, ccg: str, out: Path) -> float | None:
    """One board pack for one CCG, as `make boardpack` makes it; None before the board pack exists."""
    if not (REPO / "dashboard" / "boardpack.py").exists():
        return None
    command = [sys.executable, "-m", "dashboard.boardpack", "--month", month, "--ccg", ccg, "--out", str(out)]
    return timed(command, env={**os.environ, "TRACKER_DB": str(db)}).seconds


def figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def bench() -> None:
    practices = national_practices()
    ccgs = sorted({p.ccg for p in practices})
    latest = month_start(MONTHS - 1).strftime("%Y-%m")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        work = Path(folder)
        history = work / "national_history.csv"
        started = time.perf_counter()
        rows = write_history(practices, history)
        print(
            f"history: {len(practices):,} practices in {len(ccgs)} CCGs × {MONTHS} months = {rows:,} rows, "
            f"{history.stat().st_size / 1e6:.0f} MB, written in {time.perf_counter() - started:.1f} s"
        )
        bare = best_of(REPEATS, lambda attempt: bare_read_csv(history, work, attempt))
        load = best_of(REPEATS, lambda attempt: validated_load(history, work, attempt))
        db = work / "tracker_0.duckdb"
        pages = page_timings(db)
        boardpack = boardpack_seconds(db, latest, ccgs[0], work / "boardpack")
    report(bare, load, pages, boardpack, f"board pack, CCG {ccgs[0]}, {latest}")


def report(
    bare: Run, load: Run, pages: dict[str, PageTiming] | None, boardpack: float | None, pack: str
) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}, "
        f"Python {platform.python_version()}"
    )
    print(f"both loads run as subprocesses, so each pays interpreter start-up; best of {REPEATS}")
    for what, run in (("bare DuckDB read_csv into a table", bare), ("python -m etl load, every rule", load)):
        print(f"  {what:<42} {run.seconds:6.2f} s  peak {run.peak_mb:5.0f} MB")
    if pages is None:
        print(f"  {'dashboard pages':<42}    n/a   (dashboard/app.py does not exist yet)")
    else:
        print("  dashboard pages, all CCGs, latest month:    warm s  (first run s, its slowest question)")
        for page, timing in pages.items():
            print(
                f"    {page:<40} {timing.warm_s:6.2f} s  ({timing.first_s:.2f} s, "
                f"{timing.slowest_question} {timing.slowest_question_s:.2f} s)"
            )
    print(f"  {pack:<42} {figure(boardpack):>6} s")
    figures = {
        "load_ratio": load.seconds / bare.seconds,
        "slowest_page_s": max(timing.warm_s for timing in pages.values()) if pages else None,
        "boardpack_s": boardpack,
        "peak_mb": load.peak_mb,
    }
    missed = [name for name, value in figures.items() if value is not None and value > GOALS[name]]
    print("goals: " + ", ".join(f"{name} ≤ {goal:g}" for name, goal in GOALS.items()))
    print("missed: " + (", ".join(missed) if missed else "none"))
    print("bench: " + " ".join(f"{name}={figure(value)}" for name, value in figures.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--derive", type=Path, metavar="PAYMENTS", help="rebuild the practice list from it")
    args = parser.parse_args(argv)
    if args.derive:
        count = derive_practices(args.derive, PRACTICES)
        print(f"{PRACTICES.relative_to(REPO)}: {count:,} practices")
        return
    bench()


if __name__ == "__main__":
    main()

"""Thin commands over the library; each turns a failure into a sentence and an exit code.

Exit status: 0 all files loaded (or already loaded), 1 at least one file rejected,
2 the command itself or its surroundings were wrong (no such file, an unreadable file, a --db
that is not a tracker database, a full disk), said in one line.
"""

from __future__ import annotations

import argparse
import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO

import duckdb

from etl.config import database_path
from etl.database import DatabaseUnusable, Interrupted
from etl.problems import Problem
from etl.report import open_report, write_report
from etl.sources import KIND_NAMES, read_input
from etl.store import describe, load_files, problem_count

SHOWN_PROBLEMS = 100
DB_HELP = "database file (default: $TRACKER_DB or data/tracker.duckdb)"


class CommandError(Exception):
    """The command or its surroundings were wrong: one line, exit 2."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    load = commands.add_parser(
        "load",
        help="validate files and load them into the database",
        description="Validate files and load them. Example: python -m etl load data/sample/*.csv",
    )
    check = commands.add_parser(
        "check",
        help="validate files without loading them",
        description="Validate files without loading. Example: python -m etl check status_2018-03.csv",
    )
    for command in (load, check):
        command.add_argument("files", nargs="+", type=Path, metavar="FILE")
        command.add_argument("--kind", choices=KIND_NAMES, help="the kind of every file (default: detected)")
        command.add_argument("--report", type=Path, help="also write the problems found as CSV")
    load.add_argument("--db", help=DB_HELP)
    load.add_argument(
        "--replace",
        action="store_true",
        help="let a file replace a stored month and CCG with fewer than half as many practices",
    )

    template = commands.add_parser(
        "template",
        help="write a participation file prefilled from the official data",
        description="Write a participation file (.csv or .xlsx) for one CCG and month, prefilled from "
        "the official data. Example: python -m etl template --ccg 02X --month 2019-12 --out status.xlsx",
    )
    template.add_argument("--ccg", required=True, help="CCG or sub-ICB location code, e.g. 02X")
    template.add_argument("--month", required=True, type=_month, help="snapshot month as YYYY-MM")
    template.add_argument("--out", required=True, type=Path, help="the .csv or .xlsx file to write")
    template.add_argument("--db", help=DB_HELP)

    args = parser.parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
    except (CommandError, DatabaseUnusable) as error:
        print(f"error: {error}", file=sys.stderr)
        code = 2
    except (Interrupted, KeyboardInterrupt):
        print("interrupted; nothing was stored", file=sys.stderr)
        code = 130
    sys.exit(code)


def run_load(args: argparse.Namespace) -> int:
    """python -m etl load FILE... [--kind K] [--db PATH] [--report PATH] [--replace]"""
    _check_inputs(args.files)
    db = _database(args.db)
    with ExitStack() as stack:
        report = _report(args.report, stack)
        results = load_files(args.files, db, args.kind, replace=args.replace)
        problems: list[Problem] = []
        for result in results:
            _say(result.summary(), rejected=result.outcome == "rejected")
            _say_problems(result.file.problems, problem_count(result.file), args.report)
            problems += result.file.problems
        return _finish(problems, report)


def run_check(args: argparse.Namespace) -> int:
    """python -m etl check FILE... [--kind K] [--report PATH]"""
    _check_inputs(args.files)
    with ExitStack() as stack:
        report = _report(args.report, stack)
        problems: list[Problem] = []
        for path in args.files:
            with duckdb.connect() as staging:  # a plain file is checked by DuckDB, as a load checks it
                checked = read_input(path, args.kind, staging)
            if checked.problems:
                count = problem_count(checked)
                _say(f"{checked.name}: {count:,} problem{'s' * (count != 1)}", rejected=True)
                _say_problems(checked.problems, count, args.report)
            else:
                _say(f"{checked.name}: OK, {describe(checked)}")
            problems += checked.problems
        return _finish(problems, report)


def run_template(args: argparse.Namespace) -> int:
    """python -m etl template --ccg CODE --month YYYY-MM --out FILE"""
    from etl.template import TemplateError, write_template

    out: Path = args.out
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise CommandError(f"--out {out}: expected a .csv or .xlsx file name")
    if not out.parent.is_dir():
        raise CommandError(f"--out {out}: no such folder {out.parent}")
    try:
        written = write_template(_database(args.db), args.ccg, args.month, out)
    except TemplateError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    print(f"{out}: {written.summary()}")
    return 0


COMMANDS = {"load": run_load, "check": run_check, "template": run_template}


def _month(text: str) -> str:
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, such as 2019-12, not {text!r}")
    return text


def _database(given: str | None) -> Path:
    if given is not None and not given.strip():
        raise CommandError("--db is empty: give the database file, e.g. --db data/tracker.duckdb")
    return database_path(given)


def _check_inputs(paths: list[Path]) -> None:
    """Every input exists and can be read, before anything is read or stored."""
    for path in paths:
        if path.is_dir():
            raise CommandError(f"{path} is a folder, not a file")
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            with path.open("rb") as f:
                f.read(1)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}") from None


def _report(path: Path | None, stack: ExitStack) -> IO[str] | None:
    if path is None:
        return None
    try:
        return stack.enter_context(open_report(path))
    except OSError as error:
        raise CommandError(f"cannot write the report {path}: {error.strerror or error}") from None


def _finish(problems: list[Problem], report: IO[str] | None) -> int:
    if report is not None:
        write_report(problems, report)
    return 1 if problems else 0


def _say_problems(problems: list[Problem], total: int, report: Path | None) -> None:
    """Every problem, up to a screenful; the report file has the first 1,000 of each file."""
    for problem in problems[:SHOWN_PROBLEMS]:
        _say(f"  {problem}", rejected=True)
    said = sum(problem.rows for problem in problems[:SHOWN_PROBLEMS])  # a line may say many rows
    if total > said:
        more = total - said
        kept = "all" if sum(problem.rows for problem in problems) == total else f"the first {len(problems):,}"
        where = f"{kept} are in {report}" if report else "use --report FILE to get them as CSV"
        _say(f"  ... and {more:,} more problems; {where}", rejected=True)


def _say(line: str, rejected: bool = False) -> None:
    print(line, file=sys.stderr if rejected else sys.stdout)

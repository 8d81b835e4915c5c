"""Thin commands over the library; each turns a failure into a sentence and an exit code.

Exit status: 0 all files loaded (or already loaded), 1 at least one file rejected,
2 the command itself or its surroundings were wrong (no such file, an unreadable file, a --db
that is not a tracker database, a full disk), said in one line.
"""

from __future__ import annotations

import argparse
import errno
import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO

import duckdb

from etl.api import check_files, describe, fetch, load_files, problem_count
from etl.config import database_path
from etl.database import (
    DatabaseUnusable,
    Interrupted,
    connect_read_only,
    live_file,
    refuse_foreign,
    special_file,
)
from etl.months import parse_month
from etl.problems import Problem, one_line
from etl.report import open_report, write_report
from etl.sources import KIND_NAMES

SHOWN_PROBLEMS = 100
DB_HELP = "database file (default: $TRACKER_DB or data/tracker.duckdb)"
# check without --db: how to check what a file on its own leaves unchecked
WITH_DB = "add --db PATH to check it against a tracker database's register"


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

    # returns checked against the database they would join: --partial, and check --db
    for command in (load, check):
        command.add_argument(
            "--partial",
            action="store_true",
            help="let a return hold fewer than half of the practices the register has open in an area",
        )
    check.add_argument(
        "--db", help="also check each file against this database (its register and stored returns)"
    )
    check.add_argument(
        "--replace",
        action="store_true",
        help="with --db: as load --replace, let a file replace a stored month with fewer practices",
    )

    template = commands.add_parser(
        "template",
        help="write a participation file prefilled from the official data",
        description="Write a participation file (.csv or .xlsx) for one CCG and month, prefilled from "
        "the official data. Example: python -m etl template --ccg 02X --month 2019-12 --out status.xlsx",
    )
    template.add_argument("--ccg", required=True, help="CCG or sub-ICB location code, e.g. 02X")
    template.add_argument("--month", required=True, help="snapshot month as YYYY-MM")
    template.add_argument("--out", required=True, type=Path, help="the .csv or .xlsx file to write")
    template.add_argument("--db", help=DB_HELP)

    fetch = commands.add_parser(
        "fetch",
        help="download the month's official files and load them",
        description="Download the month's official files (ODS reports epraccur, eccg, epcn, "
        "epcncorepartnerdetails; Patients Registered at a GP Practice) and load them all or none. "
        "Example: python -m etl fetch --month 2026-01",
    )
    fetch.add_argument("--db", metavar="PATH", help=DB_HELP)
    fetch.add_argument(
        "--month",
        type=_month,
        metavar="YYYY-MM",
        help="the month of Patients Registered at a GP Practice (default: the newest published)",
    )
    fetch.add_argument(
        "--ods-url",
        type=_web_address,
        metavar="URL",
        help="the address each ODS report's name is appended to",
    )
    fetch.add_argument(
        "--registrations-url",
        type=_web_address,
        metavar="URL",
        help="the address each month's page name (january-2026) is appended to",
    )
    fetch.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="folder for the fetched files and their manifest (default: data/official/downloads)",
    )

    args = parser.parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
    except (CommandError, DatabaseUnusable) as error:
        print(f"error: {one_line(str(error))}", file=sys.stderr)  # a file's name never forges a line
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
        report = _report(args.report, stack, args.files, db)
        results = load_files(args.files, db, args.kind, replace=args.replace, partial=args.partial)
        problems: list[Problem] = []
        for result in results:
            _say(result.summary(), rejected=result.outcome == "rejected")
            _say_problems(result.file.problems, problem_count(result.file), args.report)
            _say_warnings(result.file.warnings)
            problems += result.file.problems
        return _finish(problems, report, args.report)


def run_check(args: argparse.Namespace) -> int:
    """python -m etl check FILE... [--kind K] [--report PATH] [--db PATH [--partial] [--replace]]"""
    _check_inputs(args.files)
    database = _checked_against(args.db)
    with ExitStack() as stack:
        report = _report(args.report, stack, args.files, database)
        problems: list[Problem] = []
        for path in args.files:
            try:
                [checked] = check_files([path], database, args.kind, args.replace, args.partial)
            except duckdb.CatalogException:
                raise CommandError(f"{database} is not a tracker database; choose another --db") from None
            if checked.problems:
                count = problem_count(checked)
                _say(f"{checked.name}: {count:,} problem{'s' * (count != 1)}", rejected=True)
                _say_problems(checked.problems, count, args.report)
            else:
                _say(f"{checked.name}: OK, {describe(checked)}")
            _say_warnings(checked.warnings)
            if checked.unchecked is not None:
                _say(f"  {checked.name}: {checked.unchecked} ({WITH_DB})")
            problems += checked.problems
        return _finish(problems, report, args.report)


def run_template(args: argparse.Namespace) -> int:
    """python -m etl template --ccg CODE --month YYYY-MM --out FILE"""
    from etl.template import TemplateError, write_template

    out: Path = args.out
    month = _month(args.month)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise CommandError(f"--out {out}: expected a .csv or .xlsx file name")
    if not out.parent.is_dir():
        raise CommandError(f"--out {out}: no such folder {out.parent}")
    db = _database(args.db)
    _not_overwriting("--out", out, [], db)
    try:
        written = write_template(db, args.ccg, month, out)
    except TemplateError as error:
        _say(f"error: {error}", rejected=True)
        return 1
    except OSError as error:
        raise CommandError(_cannot_write(out, error)) from None
    _say(f"{out}: {written.summary()}")
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    """python -m etl fetch [--db PATH] [--month YYYY-MM] [--ods-url URL] [--registrations-url URL]
    [--keep DIR]"""
    db = _database(args.db)
    if args.keep is not None and args.keep.exists() and not args.keep.is_dir():
        raise CommandError(f"--keep {args.keep}: expected a folder; this is a file")
    try:
        outcome = fetch(db, args.month, args.ods_url, args.registrations_url, args.keep)
    except OSError as error:
        where = error.filename or args.keep or "the downloads folder"
        raise CommandError(f"cannot keep the fetched files in {where}: {error.strerror or error}") from None
    for source, what in outcome.failures.items():
        _say(f"{source}: {what}", rejected=True)
    for refused in outcome.rejected:
        count = problem_count(refused)
        _say(f"{refused.name}: {count:,} problem{'s' * (count != 1)}", rejected=True)
        _say_problems(refused.problems, count, None)
    if outcome.exit_code:
        _say("nothing was loaded; the database is as it was", rejected=True)
        return outcome.exit_code
    for result in outcome.results:
        _say(result.summary())
    if outcome.kept:
        _say(f"kept {len(outcome.kept)} files in {outcome.kept[0].parent}, listed in manifest.csv")
    return 0


COMMANDS = {"load": run_load, "check": run_check, "template": run_template, "fetch": run_fetch}


def _month(text: str) -> str:
    """--month as YYYY-MM, within the years a date of the tracker may have (1900 to 2199)."""
    from etl.dates import EARLIEST_DATE, LATEST_DATE  # pandas: the template needs it anyway

    month = parse_month(text)
    if month is None or not EARLIEST_DATE.year <= month.year <= LATEST_DATE.year:
        raise CommandError(
            f"--month {text!r}: expected a month as YYYY-MM from {EARLIEST_DATE.year}-01 to "
            f"{LATEST_DATE.year}-12, such as 2019-12"
        )
    return text


def _web_address(text: str) -> str:
    if not re.match(r"https?://[^/\s]+", text):
        raise argparse.ArgumentTypeError(
            f"expected a web address starting with https:// or http://, not {text!r}"
        )
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
        if (special := special_file(path)) is not None:  # reading a named pipe would wait for ever
            raise CommandError(f"{path} is {special}, not a file")
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            with path.open("rb") as f:
                f.read(1)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}") from None


def _report(
    path: Path | None, stack: ExitStack, inputs: list[Path], db: Path | None = None
) -> IO[str] | None:
    """The --report file, opened (and emptied) only when it is neither an input nor the database."""
    if path is None:
        return None
    _not_overwriting("--report", path, inputs, db)
    try:
        return stack.enter_context(open_report(path))
    except OSError as error:
        raise CommandError(_cannot_write(path, error, "the report ")) from None


def _not_overwriting(option: str, path: Path, inputs: list[Path], db: Path | None = None) -> None:
    """An output file is never the database, an input, or a file that is not a regular one."""
    if path.is_dir():
        raise CommandError(f"{option} {path} is a folder; give a file name")
    if (special := special_file(path)) is not None:
        raise CommandError(f"{option} {path} is {special}, not a file")
    if db is not None and any(_same_file(path, file) for file in (db, db.with_name(db.name + ".wal"))):
        raise CommandError(f"{option} {path} is the database; choose another file (nothing was written)")
    if any(_same_file(path, given) for given in inputs):
        raise CommandError(
            f"{option} {path} is one of the files read; choose another file (nothing was written)"
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _cannot_write(path: Path, error: OSError, what: str = "") -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding {what}{path} is full; it was not written"
    return f"cannot write {what}{path}: {error.strerror or error}"


def _finish(problems: list[Problem], report: IO[str] | None, path: Path | None) -> int:
    if report is not None and path is not None:
        try:
            write_report(problems, report)
            report.close()  # a full disk shows itself here, when the last block is written
        except OSError as error:
            path.unlink(missing_ok=True)  # half a report would look like all of it
            raise CommandError(_cannot_write(path, error, "the report ")) from None
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


def _checked_against(given: str | None) -> Path | None:
    """check --db: an existing tracker database, read and never changed."""
    if given is None:
        return None
    path = _database(given)
    live_file(path)  # a folder, or a file of another kind, is refused in one line
    if not path.is_file():
        raise CommandError(f"no such database: {path} (check --db reads an existing tracker database)")
    with connect_read_only(path) as con:
        refuse_foreign(con, path)  # another application's database, whatever its tables are called
    return path


def _say_warnings(warnings: list[Problem]) -> None:
    """Warnings never stop a load: shown beside its outcome (and recorded in the load history)."""
    for warning in warnings[:SHOWN_PROBLEMS]:
        _say(f"  warning: {warning}")
    if len(warnings) > SHOWN_PROBLEMS:
        _say(f"  ... and {len(warnings) - SHOWN_PROBLEMS:,} more warnings")


def _say(line: str, rejected: bool = False) -> None:
    """One line of output: whatever a file's name holds (a line break, a terminal escape) is
    written out, so it can never forge a line of its own."""
    print(one_line(line), file=sys.stderr if rejected else sys.stdout)

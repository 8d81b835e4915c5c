"""Thin commands over the library; each turns a failure into a sentence and an exit code.

Exit status: 0 all files loaded (or already loaded), 1 at least one file rejected,
2 the command itself was wrong (no such file, unknown option).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from etl.config import database_path
from etl.load import describe, load_files, read_input
from etl.problems import Problem, write_report

SHOWN_PROBLEMS = 100
KINDS = ("participation", "milestones", "payments", "epraccur", "eccg", "epcn", "list_sizes")


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
        command.add_argument("--kind", choices=KINDS, help="the kind of every file (default: detected)")
        command.add_argument("--report", type=Path, help="also write the problems found as CSV")
    load.add_argument("--db", help="database file (default: $TRACKER_DB or data/tracker.duckdb)")

    template = commands.add_parser(
        "template",
        help="write a participation file prefilled from the official data",
        description="Write a participation file for one CCG and month, prefilled from the official "
        "data. Example: python -m etl template --ccg 02X --month 2019-12 --out status.csv",
    )
    template.add_argument("--ccg", required=True, help="CCG or sub-ICB location code, e.g. 02X")
    template.add_argument("--month", required=True, type=_month, help="snapshot month as YYYY-MM")
    template.add_argument("--out", required=True, type=Path, help="the CSV file to write")
    template.add_argument("--db", help="database file (default: $TRACKER_DB or data/tracker.duckdb)")

    args = parser.parse_args(argv)
    sys.exit(COMMANDS[args.command](args))


def run_load(args: argparse.Namespace) -> int:
    """python -m etl load FILE... [--kind K] [--db PATH] [--report PATH]"""
    if missing := _missing_files(args.files):
        return missing
    results = load_files(args.files, database_path(args.db), args.kind)
    problems: list[Problem] = []
    for result in results:
        _say(result.summary(), rejected=result.outcome == "rejected")
        _say_problems(result.file.problems, args.report)
        problems += result.file.problems
    return _finish(problems, args.report)


def run_check(args: argparse.Namespace) -> int:
    """python -m etl check FILE... [--kind K] [--report PATH]"""
    if missing := _missing_files(args.files):
        return missing
    problems: list[Problem] = []
    for path in args.files:
        checked = read_input(path, args.kind)
        if checked.problems:
            count = len(checked.problems)
            _say(f"{checked.name}: {count} problem{'s' * (count != 1)}", rejected=True)
            _say_problems(checked.problems, args.report)
        else:
            _say(f"{checked.name}: OK, {describe(checked)}")
        problems += checked.problems
    return _finish(problems, args.report)


def run_template(args: argparse.Namespace) -> int:
    """python -m etl template --ccg CODE --month YYYY-MM --out FILE"""
    from etl.template import TemplateError, write_template

    try:
        count = write_template(database_path(args.db), args.ccg, args.month, args.out)
    except TemplateError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.out}: {count} practices of {args.ccg.upper()} for {args.month}, ready to complete")
    return 0


COMMANDS = {"load": run_load, "check": run_check, "template": run_template}


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, such as 2019-12, not {text!r}")
    return text


def _missing_files(paths: list[Path]) -> int:
    missing = [path for path in paths if not path.is_file()]
    for path in missing:
        print(f"error: no such file: {path}", file=sys.stderr)
    return 2 if missing else 0


def _finish(problems: list[Problem], report: Path | None) -> int:
    if report is not None:
        write_report(problems, report)
    return 1 if problems else 0


def _say_problems(problems: list[Problem], report: Path | None) -> None:
    """Every problem, up to a screenful; the report file always has them all."""
    for problem in problems[:SHOWN_PROBLEMS]:
        _say(f"  {problem}", rejected=True)
    if len(problems) > SHOWN_PROBLEMS:
        more = len(problems) - SHOWN_PROBLEMS
        where = f"all are in {report}" if report else "use --report FILE to get them all as CSV"
        _say(f"  ... and {more:,} more problems; {where}", rejected=True)


def _say(line: str, rejected: bool = False) -> None:
    print(line, file=sys.stderr if rejected else sys.stdout)

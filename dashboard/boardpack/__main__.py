"""Write a month's board pack: one PDF, its charts as PNG, and the call list as CSV.

Examples:
  python -m dashboard.boardpack --icb QOQ --month 2024-10
  python -m dashboard.boardpack --region Y63
  python -m dashboard.boardpack --ccg 02X --ccg 08C --month 2018-03 --out boardpack/2018-03

An ICB's pack (`--icb`) covers its sub-ICB locations and is named by the ICB's code
(boardpack_QOQ_2024-10.pdf) and, in its title, by today's name; a region's (`--region`) by the
region's code; England's (no choice) is boardpack_England_<month>.pdf. Writing a pack replaces only
its own files, so packs of other areas can share the folder.

The database is --db, else $TRACKER_DB, else data/tracker.duckdb, as for the dashboard. Exit
status: 0 the pack was written, 2 it could not be made as asked (no database, no data for the month
or a choice, no browser to draw the charts with).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import queries
from dashboard.boardpack.build import build_board_pack
from dashboard.boardpack.images import BrowserMissing, find_browser
from dashboard.content.common import area_names, view_for
from dashboard.wording import group_label, month_name
from etl.config import database_path
from etl.months import parse_month


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, make the pack, write it; a failure is one line on stderr and exit 2."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.boardpack",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:6]),
    )
    parser.add_argument(
        "--month", type=_month, help="the month, as YYYY-MM (default: the newest month of the choice)"
    )
    parser.add_argument("--icb", action="append", metavar="CODE", help="an ICB, such as QOQ; repeatable")
    parser.add_argument("--region", action="append", metavar="CODE", help="an NHS region, such as Y63")
    parser.add_argument(
        "--ccg", action="append", metavar="CODE", help="an area (CCG or sub-ICB location); repeatable"
    )
    parser.add_argument(
        "--db", type=Path, help="the tracker database (default: $TRACKER_DB or data/tracker.duckdb)"
    )
    parser.add_argument("--out", type=Path, help="the folder to write to (default: boardpack/YYYY-MM)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        browser = find_browser()  # first: no point gathering figures that cannot be drawn
    except BrowserMissing as error:
        return _fail(str(error))

    db = database_path(args.db)
    try:
        has_data = db.is_file() and queries.has_practice_months(db)
        known = queries.areas(db) if has_data else None
    except duckdb.Error:  # not a tracker database: the same advice applies
        known = None
    if known is None or known.empty:
        return _fail(f"no tracker data in {db}: run `make demo` or `python -m etl load FILE...` first")
    chosen = _chosen(known, args)
    if isinstance(chosen, str):
        return _fail(chosen)
    areas, labels = chosen
    months = queries.months(db, areas)
    month = args.month or (months[0] if months else None)
    if month is None or month not in months:
        asked = month_name(month) if month else "any month"
        span = (
            f"; the months of these areas run from {month_name(months[-1])} to {month_name(months[0])}"
            if months
            else ""
        )
        return _fail(f"no data for {asked}{span}")
    every_area = not labels
    view = view_for(db, areas, month, every_area, labels)
    pack = build_board_pack(db, view, browser=browser)
    out = args.out or Path("boardpack") / f"{month:%Y-%m}"
    out.mkdir(parents=True, exist_ok=True)
    for stale in pack.earlier_files(out):
        stale.unlink()  # this pack's own earlier files (one with fewer charts leaves none behind)
    for name, content in pack.files().items():
        (out / name).write_bytes(content)
    took = time.monotonic() - started
    print(
        f"{out}: {pack.pdf_name} ({pack.pages} pages), {len(pack.images)} charts as PNG and the call list "
        f"as CSV for {pack.contents.area_text}, {month_name(month)}, in {took:.1f} seconds"
    )
    return 0


def _chosen(known: pd.DataFrame, args: argparse.Namespace) -> tuple[tuple[str, ...], tuple[str, ...]] | str:
    """The areas of the chosen regions, ICBs and areas, and their labels; every area when none; or
    a sentence saying what matched nothing."""
    names = area_names(known)
    areas: set[str] = set()
    labels: list[str] = []
    for kind, values in (("region", args.region), ("icb", args.icb), ("ccg", args.ccg)):
        for value in values or []:
            code = value.strip().upper()
            matched = known.loc[known[f"{kind}_code"].fillna("").str.upper() == code]
            if matched.empty:
                return _unknown(kind, code, known)
            areas |= set(matched["ccg_code"])
            if kind == "ccg":
                taken = _taken_over(matched.iloc[0], names)
                if taken:
                    return taken
                labels.append(names.get(code, code))
            else:
                # as the dashboard's filters say them (today's name), so that both make the same view
                labels.append(group_label(code, matched[f"{kind}_name"].iloc[0]))
    if not areas:
        return tuple(known["ccg_code"]), ()
    return tuple(sorted(areas)), tuple(labels)


def _taken_over(area: pd.Series, names: dict[str, str]) -> str | None:
    """For an area that closed and whose practices are all counted under the area that took them (it
    has no data of its own): the sentence saying which area to ask for, as `etl template` says it."""
    later = area["successor_code"]
    if (
        pd.isna(area["closed_on"])
        or not isinstance(later, str)
        or area["has_tracker"]
        or area["has_official"]
    ):
        return None
    closed = pd.Timestamp(area["closed_on"])
    return (
        f"{names.get(area['ccg_code'], area['ccg_code'])} closed on {closed:%d %B %Y} and its practices are "
        f"now under {names.get(later, later)}; make the pack for {later} (--ccg {later})"
    )


def _unknown(kind: str, code: str, known: pd.DataFrame) -> str:
    word = {"region": "region", "icb": "ICB", "ccg": "area"}[kind]
    loaded = sorted(known[f"{kind}_code"].dropna().unique())
    listed = ", ".join(loaded) if len(loaded) <= 12 else f"{len(loaded)} of them (the Data page lists them)"
    return f"no data for {word} {code}; the database has {listed or f'no {word} named'}"


def _month(text: str) -> date:
    day = parse_month(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, such as 2019-03, not {text!r}")
    return day


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

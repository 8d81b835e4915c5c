"""Write a month's board pack: every chart of the Progress, Networks and Milestones pages as PNG, and one PDF.

Example: python -m dashboard.boardpack --month 2018-03 --ccg 02X --ccg 08C --out boardpack/2018-03

Every file's name starts with the pack's: boardpack_<areas>_<month>.pdf and
boardpack_<areas>_<month>_01_coverage_over_time.png ...; writing a pack replaces only its own files,
so packs of other areas can share the folder.

The database is $TRACKER_DB or data/tracker.duckdb, as for the dashboard. Exit status: 0 the pack
was written, 2 it could not be made as asked (no database, no snapshot for the month or an area, no
browser to draw the charts with).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

from dashboard import queries
from dashboard.boardpack.build import build_board_pack
from dashboard.boardpack.images import BrowserMissing, find_browser
from dashboard.content.common import area_names, view_for
from dashboard.wording import month_name
from etl.config import database_path


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, make the pack, write it; a failure is one line on stderr and exit 2."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.boardpack", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--month", required=True, type=_month, help="the snapshot month, as YYYY-MM")
    parser.add_argument(
        "--ccg", action="append", metavar="CODE", help="an area to include; repeat for several (default: all)"
    )
    parser.add_argument("--out", type=Path, help="the folder to write to (default: boardpack/YYYY-MM)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        browser = find_browser()  # first: no point gathering figures that cannot be drawn
    except BrowserMissing as error:
        return _fail(str(error))

    db = database_path()
    try:
        has_data = db.is_file() and queries.has_practice_months(db)
        known = queries.areas(db)["ccg_code"].tolist() if has_data else []
    except duckdb.Error:  # no database file, or not a tracker database: the same advice applies
        known = []
    if not known:
        return _fail(f"no tracker data in {db}: run `make demo` or `python -m etl load FILE...` first")
    chosen = tuple(sorted({code.upper() for code in args.ccg or []}))
    if unknown := [code for code in chosen if code not in known]:
        loaded = ", ".join(known) if len(known) <= 12 else f"{len(known)} areas (the Data page lists them)"
        return _fail(f"no data for area {', '.join(unknown)}; the database has {loaded}")
    areas = chosen or tuple(known)
    months = queries.months(db, areas)
    if args.month not in months:
        return _fail(
            f"no data for {month_name(args.month)}; the months of these areas run from "
            f"{month_name(months[-1])} to {month_name(months[0])}"
        )
    names = area_names(queries.areas(db), args.month)
    view = view_for(db, areas, args.month, not chosen, tuple(names.get(code, code) for code in chosen))
    pack = build_board_pack(db, view, browser=browser)
    out = args.out or Path("boardpack") / f"{args.month:%Y-%m}"
    out.mkdir(parents=True, exist_ok=True)
    for stale in pack.earlier_files(out):
        stale.unlink()  # this pack's own earlier files (one with fewer charts leaves none behind)
    for name, content in pack.files().items():
        (out / name).write_bytes(content)
    print(
        f"{out}: {len(pack.images)} charts as PNG and {pack.pdf_name} ({pack.pages} pages) for "
        f"{pack.contents.area_text}, {month_name(args.month)}, in {time.monotonic() - started:.1f} seconds"
    )
    return 0


def _month(text: str) -> date:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, such as 2019-03, not {text!r}")
    return date(int(text[:4]), int(text[5:]), 1)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""Write a month's board pack: every chart of the Progress, Networks and Milestones pages as PNG, and one PDF.

Example: python -m dashboard.boardpack --month 2018-03 --ccg 02X --ccg 08C --out boardpack/2018-03

The database is $TRACKER_DB or data/tracker.duckdb, as for the dashboard. Exit status: 0 the pack
was written, 2 it could not be made as asked (no database, no snapshot for the month or a CCG, no
browser to draw the charts with).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

from dashboard.boardpack_images import BrowserMissing, find_browser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.boardpack", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--month", required=True, type=_month, help="the snapshot month, as YYYY-MM")
    parser.add_argument(
        "--ccg", action="append", metavar="CODE", help="a CCG to include; repeat for several (default: all)"
    )
    parser.add_argument("--out", type=Path, help="the folder to write to (default: boardpack/YYYY-MM)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        browser = find_browser()  # first: no point gathering figures that cannot be drawn
    except BrowserMissing as error:
        return _fail(str(error))

    _quiet_streamlit()
    # imported only now: importing the cached queries outside a Streamlit server logs a warning each
    from dashboard import queries
    from dashboard.boardpack_build import build_board_pack
    from dashboard.summaries import month_name
    from etl.config import database_path

    version = queries.database_version()
    try:
        known = queries.ccg_codes(version) if version else []
    except duckdb.Error:  # not a tracker database (yet): the same advice applies
        known = []
    if version is None or not known:
        return _fail(
            f"no tracker data in {database_path()}: run `make demo` or `python -m etl load FILE...` first"
        )
    chosen = tuple(sorted({code.upper() for code in args.ccg or []}))
    if unknown := [code for code in chosen if code not in known]:
        return _fail(f"no snapshots for CCG {', '.join(unknown)}; the database has {', '.join(known)}")
    ccgs = chosen or tuple(known)
    months = queries.snapshot_months(version, ccgs)
    if args.month not in months:
        return _fail(
            f"no snapshot for {month_name(args.month)}; the snapshots of these CCGs run from "
            f"{month_name(months[-1])} to {month_name(months[0])}"
        )

    pack = build_board_pack(version, ccgs, args.month, every_ccg=not chosen, browser=browser)
    out = args.out or Path("boardpack") / f"{args.month:%Y-%m}"
    out.mkdir(parents=True, exist_ok=True)
    for stale in [*out.glob("[0-9][0-9]_*.png"), *out.glob("boardpack_*.pdf")]:
        stale.unlink()  # from an earlier pack: the folder must hold this pack and nothing else of its kind
    for name, png in pack.images.items():
        (out / name).write_bytes(png)
    (out / pack.pdf_name).write_bytes(pack.pdf)
    print(
        f"{out}: {len(pack.images)} charts as PNG and {pack.pdf_name} ({pack.pages} pages) for "
        f"{pack.contents.ccg_text}, {month_name(args.month)}, in {time.monotonic() - started:.1f} seconds"
    )
    return 0


def _month(text: str) -> date:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, such as 2019-03, not {text!r}")
    return date(int(text[:4]), int(text[5:]), 1)


def _quiet_streamlit() -> None:
    """Outside its server Streamlit warns, once per cached query, that it caches in memory: expected here."""
    from streamlit.logger import get_logger

    get_logger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""The board pack's charts as PNG: plotly figures drawn by kaleido in Debian's chromium, one browser for all.

Every size is fixed and nothing in a figure depends on the clock, so the same figures give the
same PNG bytes. The browser is found before anything else is done, so that a machine without one
gets a sentence saying what to install rather than kaleido's advice to download Chrome.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import kaleido
import plotly.graph_objects as go

# A4 landscape is about 770 points wide inside its margins: 1,100 layout pixels keep the charts'
# 13-pixel text at 9 points on paper, and scale 2 keeps it sharp there and on a slide.
WIDTH = 1100
SCALE = 2
RENDER_TIMEOUT_SECONDS = 60
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TYPICAL_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
INSTALL_ADVICE = "install it with: apt-get install chromium"
T = TypeVar("T")


class BrowserMissing(Exception):
    """No Chromium or Chrome to draw the charts with; the message says what to install."""


@dataclass(frozen=True)
class Chart:
    """One chart of the pack: the PNG's file name, its section, the figure, and its caption."""

    file_name: str
    section: str
    figure: go.Figure
    caption: str = ""

    @property
    def height(self) -> int:
        """The figure's own height: the chart functions size each chart for its content."""
        return int(self.figure.layout.height or 460)


def find_browser() -> str:
    """The Chromium (or Chrome) program to draw with, or BrowserMissing saying what to install.

    BROWSER_PATH, the variable kaleido's browser finder (choreographer) honours, names one
    explicitly; otherwise the program is looked up on PATH and then in its usual Debian place.
    """
    named = os.environ.get("BROWSER_PATH")
    if named:
        if _is_program(named):
            return named
        raise BrowserMissing(
            f"the board pack needs Chromium to draw its charts, but BROWSER_PATH={named} is not a "
            f"program; {INSTALL_ADVICE} (or point BROWSER_PATH at Chromium or Chrome)"
        )
    found = [shutil.which(name) for name in BROWSER_NAMES] + list(TYPICAL_PATHS)
    for path in found:
        if path and _is_program(path):
            return path
    raise BrowserMissing(f"the board pack needs Chromium to draw its charts; {INSTALL_ADVICE}")


def _is_program(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def draw_while_gathering(
    gather: Callable[[], T], browser: str, charts_of: Callable[[T], list[Chart]]
) -> tuple[T, list[bytes]]:
    """`gather()`'s answer, and the PNGs of its charts; the browser starts while `gather` runs.

    kaleido's async API rather than its global sync server: a browser that fails to start then
    raises here, where the sync server's queue would wait for it for ever. The browser runs in a
    thread of its own, so that this works from a Streamlit script as well as from the command line.
    Starting it alongside the queries saves the seconds Chromium takes to start.
    """

    async def draw_all() -> tuple[T, list[bytes]]:
        gathering = asyncio.get_running_loop().run_in_executor(None, gather)
        # mathjax=False: no chart uses LaTeX, and kaleido would otherwise fetch MathJax from a CDN
        async with kaleido.Kaleido(path=browser, mathjax=False, timeout=RENDER_TIMEOUT_SECONDS) as drawer:
            gathered = await gathering
            pngs = [
                await drawer.calc_fig(
                    chart.figure,
                    opts={"format": "png", "width": WIDTH, "height": chart.height, "scale": SCALE},
                )
                for chart in charts_of(gathered)
            ]
        return gathered, pngs

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="boardpack-browser") as pool:
        return pool.submit(asyncio.run, draw_all()).result()

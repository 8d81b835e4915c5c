"""Build a month's board pack: gather its contents, draw its charts, lay out its PDF.

build_board_pack() is shared by `python -m dashboard.boardpack` and the dashboard's download;
build_board_pack_or_message() is the dashboard's: any failure comes back as one sentence.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from dashboard.boardpack.contents import PackContents, gather_contents
from dashboard.boardpack.images import BrowserMissing, draw_while_gathering, find_browser
from dashboard.boardpack.pdf import pack_pdf
from dashboard.view import View
from etl.report import safe_csv

logger = logging.getLogger(__name__)
# one browser at a time: two people downloading at once would otherwise start two
_drawing = threading.Lock()


@dataclass(frozen=True)
class BoardPack:
    """The drawn pack: each chart's PNG by file name, and the PDF."""

    contents: PackContents
    images: dict[str, bytes]
    pdf: bytes
    pages: int

    @property
    def stem(self) -> str:
        """'boardpack_QOQ_2024-10': the areas and the month, safe in any file name.

        Every file of the pack starts with it, so packs of other areas share a folder unharmed.
        """
        return self.contents.stem

    @property
    def pdf_name(self) -> str:
        """'boardpack_NHS-Doncaster-CCG-02X_2018-03.pdf'"""
        return f"{self.stem}.pdf"

    @property
    def csv(self) -> bytes:
        """The call list (every practice needing support, every column), safe to open in a spreadsheet."""
        return safe_csv(self.contents.support)

    def files(self) -> dict[str, bytes]:
        """Every file of the pack by its name in a folder: each chart's PNG ('<stem>_01_...png'), the
        call list's CSV and the PDF."""
        named = {f"{self.stem}_{name}": png for name, png in self.images.items()}
        return {**named, self.contents.csv_name: self.csv, self.pdf_name: self.pdf}

    def earlier_files(self, folder: Path) -> list[Path]:
        """The files in `folder` of an earlier pack of the same areas and month; never another pack's."""
        # the slug has no '_', so '<stem>_NN_' can only be this pack's own name
        own = [f"{self.stem}.pdf", self.contents.csv_name]
        return sorted(
            [
                *folder.glob(f"{self.stem}_[0-9][0-9]_*.png"),
                *[folder / n for n in own if (folder / n).exists()],
            ]
        )


def build_board_pack(db: Path, view: View, *, browser: str | None = None) -> BoardPack:
    """The pack of the view's areas and month; BrowserMissing when there is no Chromium to draw with."""
    browser = browser or find_browser()
    with _drawing:
        contents, pngs = draw_while_gathering(
            lambda: gather_contents(db, view), browser, lambda gathered: gathered.charts
        )
    images = {chart.file_name: png for chart, png in zip(contents.charts, pngs, strict=True)}
    pdf, pages = pack_pdf(contents, images)
    return BoardPack(contents, images, pdf, pages)


def build_board_pack_or_message(db: Path, view: View) -> BoardPack | str:
    """The pack, or a sentence saying why it could not be made (the error itself goes to the log)."""
    try:
        return build_board_pack(db, view)
    except BrowserMissing as error:
        return f"{str(error)[:1].upper()}{str(error)[1:]}."
    except Exception as error:  # the page's last line of defence: a button must never show a traceback
        logger.exception("the board pack could not be made")
        return (
            f"The board pack could not be made ({type(error).__name__}: {error}). "
            "The pages still show every figure; please report this."
        )[:600]

"""The building blocks of the pack's PDF: fonts, styles, tables of text, chart blocks and the page footer.

Every text from data goes through `cell_text`, which escapes it and shortens what would not fit a
page (a 5,000-character practice name would otherwise make reportlab give up with a LayoutError).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

PAGE = landscape(A4)
MARGIN = 12 * mm
FOOTER_ROOM = 19 * mm  # a rule, the title line and two grey lines under it
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE[1] - MARGIN - FOOTER_ROOM
LONGEST_CELL = 240  # characters of one table cell; longer text is cut with an ellipsis
# DejaVu, as in the charts, has every character a name may hold; Helvetica is the fallback
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK, GREY, RULE, HEADER_FILL, ZEBRA = (
    colors.HexColor("#222222"),
    colors.HexColor("#555555"),
    colors.HexColor("#BBBBBB"),
    colors.HexColor("#DCE6F0"),
    colors.HexColor("#F4F6F8"),
)


def _fonts() -> tuple[str, str, str]:
    """Regular, bold and monospace font names, registered with reportlab."""
    faces = {"Pack": "DejaVuSans.ttf", "Pack-Bold": "DejaVuSans-Bold.ttf", "Pack-Mono": "DejaVuSansMono.ttf"}
    if not all((FONT_DIR / file).is_file() for file in faces.values()):
        return "Helvetica", "Helvetica-Bold", "Courier"
    for name, file in faces.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    return "Pack", "Pack-Bold", "Pack-Mono"


REGULAR, BOLD, MONO = _fonts()


def _style(name: str, font: str, size: float, leading: float, **more: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **{"textColor": INK, **more})


STYLES = {
    "title": _style("title", BOLD, 20, 25),
    "subtitle": _style("subtitle", REGULAR, 13, 17, spaceAfter=2),
    "lead": _style("lead", BOLD, 12, 16, spaceBefore=2, spaceAfter=4),
    "heading": _style("heading", BOLD, 15, 19, spaceAfter=4, keepWithNext=1),
    "subheading": _style("subheading", BOLD, 10.5, 14, spaceBefore=4, spaceAfter=3),
    "body": _style("body", REGULAR, 10, 13, spaceAfter=3),
    "caption": _style("caption", REGULAR, 9, 12, textColor=GREY),
    "cell": _style("cell", REGULAR, 8.5, 10.5),
    "number": _style("number", REGULAR, 8.5, 10.5, alignment=TA_RIGHT),
    "head": _style("head", BOLD, 8.5, 10.5),
    "number_head": _style("number_head", BOLD, 8.5, 10.5, alignment=TA_RIGHT),
    "mono": _style("mono", MONO, 7.5, 10.5),
    "figure_label": _style("figure_label", REGULAR, 8.5, 10.5, textColor=GREY),
    "figure_value": _style("figure_value", BOLD, 13, 16),
    "figure_change": _style("figure_change", REGULAR, 8.5, 10.5),
}


def cell_text(value: Any, longest: int = LONGEST_CELL) -> str:
    """A value as escaped paragraph text: blank for missing, cut to `longest` characters with '…'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())  # a newline or tab in data is a space on paper
    if len(text) > longest:
        text = text[: longest - 1].rstrip() + "…"
    return escape(text)


def paragraph(text: str, style: str) -> Paragraph:
    """Text from anywhere (data included) as a paragraph that wraps and never breaks the layout."""
    return Paragraph(cell_text(text, longest=2_000), STYLES[style])


def frame_table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    widths: list[float],
    *,
    numbers: frozenset[str] = frozenset(),
    mono: frozenset[str] = frozenset(),
    longest: dict[str, int] | None = None,
) -> Table:
    """The named columns of `frame` as a table of text whose header row repeats on every page it runs onto.

    A cell is cut at LONGEST_CELL characters, or at `longest[column]` for the columns it names.
    """
    limits = longest or {}

    def style_of(column: str) -> ParagraphStyle:
        return STYLES["number"] if column in numbers else STYLES["mono"] if column in mono else STYLES["cell"]

    rows: list[list[Any]] = [
        [
            Paragraph(escape(label), STYLES["number_head"] if c in numbers else STYLES["head"])
            for c, label in columns.items()
        ]
    ]
    for record in frame[list(columns)].itertuples(index=False):
        rows.append(
            [
                Paragraph(cell_text(value, limits.get(c, LONGEST_CELL)), style_of(c))
                for c, value in zip(columns, record, strict=True)
            ]
        )
    return grid(rows, widths, header=True)


def grid(rows: list[list[Any]], widths: list[float], *, header: bool) -> Table:
    """Rows of flowables as a ruled table; with `header`, its first row is shaded and repeats."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREY),
        ]
    table.setStyle(TableStyle(commands))
    return table


class ChartBlock(Flowable):
    """A chart's PNG as wide as the frame, with its caption below; shrinks a little to share a page.

    Where the rest of a page holds the chart at `least` of its full size or more, it is drawn there
    at that size, so that short charts share pages instead of leaving them half empty.
    """

    def __init__(
        self, png: bytes, aspect: float, caption: str, *, tallest: float, least: float = 0.7
    ) -> None:
        super().__init__()
        self.image = ImageReader(io.BytesIO(png))
        self.aspect = aspect  # height / width
        self.caption = paragraph(caption, "caption")
        self.tallest, self.least = tallest, least
        self.image_size = (0.0, 0.0)
        self.caption_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.caption_height = self.caption.wrap(available_width, available_height)[1]
        room = available_height - self.caption_height - 2 * mm
        width = available_width
        height = min(width * self.aspect, self.tallest - self.caption_height - 2 * mm)
        scale = min(1.0, room / height) if height > 0 else 1.0
        if scale < self.least:  # not worth squeezing: let it go to the next page at its full size
            scale = 1.0
        width, height = height / self.aspect * scale, height * scale
        self.image_size = (width, height)
        self.width, self.height = available_width, height + 2 * mm + self.caption_height
        return self.width, self.height

    def draw(self) -> None:
        width, height = self.image_size
        left = (self.width - width) / 2
        self.canv.drawImage(self.image, left, self.caption_height + 2 * mm, width=width, height=height)
        self.caption.drawOn(self.canv, 0, 0)


def fitted(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with '…' to fit `width` points in the font: a footer line never runs off the page."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[: max(0, len(text) - max(1, len(text) // 20))]
    return text.rstrip() + "…"


def numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so that each can say "page N of M"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            self.setViewerPreference("DisplayDocTitle", "true")  # title, not file name, in the window

        def showPage(self) -> None:  # reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own; types-reportlab leaves it out

        def save(self) -> None:
            total = len(self._held_pages)
            for number, page in enumerate(self._held_pages, start=1):
                self.__dict__.update(page)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas

"""The board pack as one PDF, A4 landscape: a cover, the headline, the charts, then the long tables.

reportlab with invariant=1 leaves out the creation time and random document id, so the same
contents give the same bytes. Long tables continue across pages with their header repeated, and
every page carries the pack's title, its page number, "data as at" and, when official NHS data are
loaded, the Open Government Licence attribution.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.boardpack_images import WIDTH
from dashboard.summaries import month_name

if TYPE_CHECKING:
    from dashboard.boardpack_build import PackContents

PAGE = landscape(A4)
MARGIN = 12 * mm
FOOTER_ROOM = 16 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE[1] - MARGIN - FOOTER_ROOM
SECTIONS = ("Progress", "Networks", "Milestones")  # the pages the charts come from, in order
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
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
    return tuple(faces)  # type: ignore[return-value]


REGULAR, BOLD, MONO = _fonts()
STYLES = {
    "title": ParagraphStyle("title", fontName=BOLD, fontSize=26, leading=32, textColor=INK),
    "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=18, leading=24, textColor=INK),
    "heading": ParagraphStyle("heading", fontName=BOLD, fontSize=15, leading=19, spaceAfter=4, textColor=INK),
    "subheading": ParagraphStyle(
        "subheading", fontName=BOLD, fontSize=10.5, leading=14, spaceAfter=3, textColor=INK
    ),
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13, textColor=INK),
    "caption": ParagraphStyle("caption", fontName=REGULAR, fontSize=9, leading=12, textColor=GREY),
    "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5, textColor=INK),
    "number": ParagraphStyle(
        "number", fontName=REGULAR, fontSize=8.5, leading=10.5, textColor=INK, alignment=TA_RIGHT
    ),
    "head": ParagraphStyle("head", fontName=BOLD, fontSize=8.5, leading=10.5, textColor=INK),
    "number_head": ParagraphStyle(
        "number_head", fontName=BOLD, fontSize=8.5, leading=10.5, textColor=INK, alignment=TA_RIGHT
    ),
    "mono": ParagraphStyle("mono", fontName=MONO, fontSize=7.5, leading=10.5, textColor=INK),
    "big_cell": ParagraphStyle("big_cell", fontName=REGULAR, fontSize=11, leading=14, textColor=INK),
    "big_head": ParagraphStyle("big_head", fontName=BOLD, fontSize=11, leading=14, textColor=INK),
}


def pack_pdf(contents: PackContents, images: dict[str, bytes]) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    story = [
        *_cover(contents),
        PageBreak(),
        *_headline(contents),
        *_charts(contents, images),
        PageBreak(),
        *_support(contents),
        PageBreak(),
        *_overdue(contents),
    ]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=FOOTER_ROOM,
        title=contents.title,
        author="GP network tracker",
        subject=f"Board pack for {contents.ccg_text}, {month_name(contents.month)}",
        creator="python -m dashboard.boardpack",
        invariant=1,
    )
    footer = partial(_footer, contents=contents)
    document.build(story, canvasmaker=_numbered_canvas(footer))
    return out.getvalue(), document.page


def _cover(contents: PackContents) -> list[Flowable]:
    month = month_name(contents.month)
    compared = (
        "no earlier snapshot" if contents.previous_month is None else month_name(contents.previous_month)
    )
    facts = [
        ("Month", month),
        ("CCGs", ", ".join(contents.ccgs)),
        ("Changes compared with", compared),
        ("Data as at", contents.data_as_at),
        ("Prepared from", f"{len(contents.sources)} source files, listed below with their SHA-256 hashes"),
    ]
    sources = contents.sources.assign(loaded=contents.sources["loaded_at"].dt.strftime("%d %b %Y %H:%M"))
    return [
        Paragraph(escape(contents.title.split(",")[0]), STYLES["title"]),
        Paragraph(escape(f"{month}, {contents.ccg_text}"), STYLES["subtitle"]),
        Spacer(0, 8 * mm),
        _table(
            [
                [Paragraph(escape(label), STYLES["big_head"]), Paragraph(escape(value), STYLES["big_cell"])]
                for label, value in facts
            ],
            [55 * mm, FRAME_WIDTH - 55 * mm],
            header=False,
        ),
        Spacer(0, 6 * mm),
        Paragraph("Source files", STYLES["heading"]),
        _frame_table(
            sources,
            {"file_name": "File", "kind": "Kind", "loaded": "Loaded", "content_hash": "SHA-256 content hash"},
            [70 * mm, 30 * mm, 35 * mm, FRAME_WIDTH - 135 * mm],
            mono={"content_hash"},
        ),
    ]


def _headline(contents: PackContents) -> list[Flowable]:
    month = month_name(contents.month)
    since = "the previous month" if contents.previous_month is None else month_name(contents.previous_month)
    caption = (
        "There is no earlier snapshot to compare with."
        if contents.previous_month is None
        else f"Changes are since the previous snapshot, {since}."
    )
    headline = _frame_table(
        contents.headline,
        {"figure": "Figure", "value": month, "change": f"Change since {since}", "note": "What it counts"},
        [62 * mm, 50 * mm, 48 * mm, FRAME_WIDTH - 160 * mm],
        big=True,
    )
    supported = len(contents.support)
    reasons = [
        Paragraph(escape(f"Practices needing support: {supported:,}, by reason"), STYLES["subheading"]),
        _frame_table(
            contents.reasons,
            {"reason": "Reason", "practices": "Practices"},
            [100 * mm, 25 * mm],
            numbers={"practices"},
        ),
    ]
    statuses = [
        Paragraph(escape(f"Milestones on {_last_day(contents.month)}, by status"), STYLES["subheading"]),
        _frame_table(
            contents.statuses,
            {"status": "Status", "milestones": "Milestones"},
            [70 * mm, 25 * mm],
            numbers={"milestones"},
        ),
    ]
    side_by_side = Table([[reasons, statuses]], colWidths=[145 * mm, FRAME_WIDTH - 145 * mm], hAlign="LEFT")
    side_by_side.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return [
        Paragraph(escape(f"Headline figures, {month}"), STYLES["heading"]),
        Paragraph(escape(caption), STYLES["caption"]),
        Spacer(0, 3 * mm),
        headline,
        Spacer(0, 7 * mm),
        side_by_side,
    ]


def _charts(contents: PackContents, images: dict[str, bytes]) -> list[Flowable]:
    """One chart a page, as wide as the page allows, under the name of the page it comes from."""
    flowables: list[Flowable] = []
    room = FRAME_HEIGHT - 26  # under the heading
    for section in SECTIONS:
        if section in contents.left_out:  # the page would show a sentence instead of its charts
            flowables += [
                PageBreak(),
                Paragraph(escape(section), STYLES["heading"]),
                Paragraph(escape(contents.left_out[section]), STYLES["body"]),
            ]
        for chart in (c for c in contents.charts if c.section == section):
            width, height = FRAME_WIDTH, FRAME_WIDTH * chart.height / WIDTH
            if height > room:  # too tall for the page: shrunk to fit, keeping its shape
                width, height = width * room / height, room
            flowables += [
                PageBreak(),
                Paragraph(escape(section), STYLES["heading"]),
                Image(io.BytesIO(images[chart.file_name]), width=width, height=height),
            ]
    return flowables


def _support(contents: PackContents) -> list[Flowable]:
    month = month_name(contents.month)
    support = contents.support
    count = len(support)
    heading = Paragraph(escape(f"Practices needing support, {month}"), STYLES["heading"])
    if not count:
        return [
            heading,
            Paragraph(escape(f"No practice of {contents.ccg_text} needs support."), STYLES["body"]),
        ]
    shown = support.assign(
        patients=support["list_size"].map(lambda n: "" if pd.isna(n) else f"{int(n):,}"),
        # 'none' for a tracked practice in no network; nothing for one the tracker does not list
        network=support["network_name"].fillna(
            support["integration_level"].notna().map({True: "none", False: ""})
        ),
    )
    return [
        heading,
        Paragraph(
            escape(
                f"{count:,} practice{'s' * (count != 1)} with at least one reason, by CCG and practice code."
            ),
            STYLES["caption"],
        ),
        Spacer(0, 2 * mm),
        _frame_table(
            shown,
            {
                "ccg_code": "CCG",
                "practice_code": "Practice",
                "practice_name": "Name",
                "reasons": "Reasons",
                "patients": "Registered patients",
                "network": "Network",
            },
            [14 * mm, 20 * mm, 62 * mm, 90 * mm, 27 * mm, FRAME_WIDTH - 213 * mm],
            numbers={"patients"},
        ),
    ]


def _overdue(contents: PackContents) -> list[Flowable]:
    overdue = contents.overdue
    heading = Paragraph(escape(f"Overdue milestones on {_last_day(contents.month)}"), STYLES["heading"])
    if overdue.empty:
        return [
            heading,
            Paragraph(escape(f"No milestone of {contents.ccg_text} is overdue."), STYLES["body"]),
        ]
    shown = overdue.assign(
        due=overdue["due_date"].dt.strftime("%d %b %Y"),
        days=overdue["days_overdue"].map(lambda n: f"{int(n):,}"),
        owner=overdue["owner"].fillna(""),
    )
    count = len(overdue)
    return [
        heading,
        Paragraph(
            escape(
                f"{count:,} milestone{'s' * (count != 1)} due on or before that day and not achieved "
                "by then, longest overdue first."
            ),
            STYLES["caption"],
        ),
        Spacer(0, 2 * mm),
        _frame_table(
            shown,
            {
                "ccg_code": "CCG",
                "network_name": "Network",
                "milestone": "Milestone",
                "due": "Due",
                "days": "Days overdue",
                "owner": "Owner",
            },
            [14 * mm, 62 * mm, 80 * mm, 26 * mm, 24 * mm, FRAME_WIDTH - 206 * mm],
            numbers={"days"},
        ),
    ]


def _frame_table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    widths: list[float],
    *,
    numbers: set[str] = frozenset(),  # type: ignore[assignment]
    mono: set[str] = frozenset(),  # type: ignore[assignment]
    big: bool = False,
) -> Table:
    """The named columns of `frame` as a table whose header row repeats on every page it runs onto."""
    head, cell = (STYLES["big_head"], STYLES["big_cell"]) if big else (STYLES["head"], STYLES["cell"])

    def style_of(column: str) -> ParagraphStyle:
        return STYLES["number"] if column in numbers else STYLES["mono"] if column in mono else cell

    rows = [
        [
            Paragraph(escape(label), STYLES["number_head"] if c in numbers else head)
            for c, label in columns.items()
        ]
    ]
    for record in frame[list(columns)].itertuples(index=False):
        rows.append(
            [Paragraph(escape(_text(value)), style_of(c)) for c, value in zip(columns, record, strict=True)]
        )
    return _table(rows, widths, header=True)


def _table(rows: list[list[Any]], widths: list[float], *, header: bool) -> Table:
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


def _last_day(month: date) -> str:
    """'31 March 2018': the day statuses are judged on"""
    return f"{pd.Timestamp(month) + pd.offsets.MonthEnd(0):%d %B %Y}"


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _footer(canvas: Canvas, number: int, total: int, *, contents: PackContents) -> None:
    """The pack's title and the page number, then "data as at" and, for official data, the OGL line."""
    canvas.saveState()
    left, right = MARGIN, PAGE[0] - MARGIN
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, FOOTER_ROOM - 4 * mm, right, FOOTER_ROOM - 4 * mm)
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(left, FOOTER_ROOM - 8 * mm, f"{contents.title} · {contents.ccg_text}")
    canvas.drawRightString(right, FOOTER_ROOM - 8 * mm, f"Page {number} of {total}")
    canvas.setFillColor(GREY)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(left, FOOTER_ROOM - 12 * mm, f"Data as at {contents.data_as_at}.")
    if contents.official_data:
        canvas.drawRightString(right, FOOTER_ROOM - 12 * mm, OGL)
    canvas.restoreState()


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so that each can say "page N of M"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, page in enumerate(self._held_pages, start=1):
                self.__dict__.update(page)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas

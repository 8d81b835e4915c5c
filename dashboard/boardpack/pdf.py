"""The board pack as one PDF, A4 landscape: page 1 the headline and coverage, then the charts, the
practices needing support, the overdue milestones, and last an appendix of sources.

reportlab with invariant=1 leaves out the creation time and random document id, so the same
contents give the same bytes. The document carries its title and language (en-GB); every table
is text, every chart has a caption saying what it shows. Long tables continue across pages with
their header repeated, and a table cut short says how many rows it left out. Every page carries
the pack's title, its page number, "data as at" and, for official NHS data, the OGL attribution.
"""

from __future__ import annotations

import io
from functools import partial

import pandas as pd
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, SimpleDocTemplate, Spacer

from dashboard.boardpack.contents import MAP_SECTION, TITLE, PackContents
from dashboard.boardpack.images import WIDTH, Chart
from dashboard.boardpack.pdf_parts import (
    FOOTER_ROOM,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    GREY,
    INK,
    MARGIN,
    PAGE,
    REGULAR,
    RULE,
    ChartBlock,
    fitted,
    frame_table,
    grid,
    numbered_canvas,
    paragraph,
)
from dashboard.wording import month_name

LANGUAGE = "en-GB"
SECTIONS = ("Progress", "Networks", "Milestones")  # the pages the charts come from, in order
MAX_TABLE_ROWS = 80  # rows of one table in the pack (about 5 pages); the pages list every one
SHORT_TABLE_ROWS = 12  # a table this short is not split from its title
FIGURES_PER_ROW = 5
FOOTER_SIZE = 7.5  # points, the grey footer lines
FOOTER_LEADING = 3.3 * mm
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


def pack_pdf(contents: PackContents, images: dict[str, bytes]) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    story = [
        *_page_one(contents, images),
        PageBreak(),
        *_charts(contents, images),
        *_support(contents),
        Spacer(0, 6 * mm),
        *_overdue(contents),
        PageBreak(),
        *_appendix(contents),
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
        subject=f"Board pack for {contents.area_text}, {month_name(contents.month)}",
        creator="python -m dashboard.boardpack",
        lang=LANGUAGE,
        invariant=1,
    )
    document.build(story, canvasmaker=numbered_canvas(partial(_footer, contents=contents)))
    return out.getvalue(), document.page


def _page_one(contents: PackContents, images: dict[str, bytes]) -> list[Flowable]:
    """The title, the headline sentence, every headline figure with its change, and the coverage chart."""
    month = month_name(contents.month)
    first = contents.headline.iloc[0]
    change = (
        "there is no earlier snapshot to compare with"
        if contents.since is None
        else f"{first['change']} since {contents.since}"
    )
    lead = f"{first['figure']}, {month}: {first['value']}; {change}."
    maps = [chart for chart in contents.charts if chart.section == MAP_SECTION]
    return [
        paragraph(TITLE, "title"),
        paragraph(f"{month}, {contents.area_text}", "subtitle"),
        paragraph(lead, "lead"),
        *[paragraph(said, "body") for said in contents.beside],  # England beside, the peers
        *_headline_grid(contents),
        *_chart_blocks(maps, images, least=0.0),
        # the coverage chart's notes go with it, above it so that it shrinks to leave them room,
        # not under a heading of their own on page 2
        *[paragraph(note, "caption") for note in contents.notes.get("Progress", [])],
        Spacer(0, 3 * mm),
        # beside the map it goes on to page 2 rather than shrink to nothing
        *_chart_blocks(contents.charts[:1], images, least=0.6 if maps else 0.0),
    ]


def _headline_grid(contents: PackContents) -> list[Flowable]:
    """The headline figures as boxes of label, value and change, then the patients note."""
    since = "" if contents.since is None else f" since {contents.since}"
    boxes: list[list[Flowable]] = [
        [
            paragraph(row["figure"], "figure_label"),
            paragraph(row["value"], "figure_value"),
            paragraph(f"{row['change']}{since}" if row["change"] else "", "figure_change"),
        ]
        for _, row in contents.headline.iterrows()
    ]
    boxes += [[]] * (-len(boxes) % FIGURES_PER_ROW)
    rows = [boxes[start : start + FIGURES_PER_ROW] for start in range(0, len(boxes), FIGURES_PER_ROW)]
    first = FRAME_WIDTH * 0.28
    rest = (FRAME_WIDTH - first) / (FIGURES_PER_ROW - 1)
    notes = dict.fromkeys(
        f"{row['figure']}: {row['note']}" for _, row in contents.headline.iloc[1:2].iterrows()
    )
    return [
        grid(rows, [first, *[rest] * (FIGURES_PER_ROW - 1)], header=False),
        *[paragraph(note.rstrip(".") + ".", "caption") for note in notes if not note.endswith(": ")],
    ]


def _chart_blocks(charts: list[Chart], images: dict[str, bytes], *, least: float = 0.7) -> list[Flowable]:
    return [
        ChartBlock(
            images[chart.file_name],
            chart.height / WIDTH,
            chart.caption,
            tallest=FRAME_HEIGHT - 12 * mm,
            least=least,
        )
        for chart in charts
    ]


def _charts(contents: PackContents, images: dict[str, bytes]) -> list[Flowable]:
    """The charts under the name of the page they come from; short charts share a page."""
    flowables: list[Flowable] = []
    for section in SECTIONS:
        charts = [c for c in contents.charts[1:] if c.section == section]
        notes = [] if section == "Progress" else contents.notes.get(section, [])  # said on page 1
        if not charts and not notes:
            continue
        flowables += [
            paragraph(section, "heading"),
            *[paragraph(note, "body") for note in notes],
            *_chart_blocks(charts, images),
            Spacer(0, 4 * mm),
        ]
    return flowables


def _support(contents: PackContents) -> list[Flowable]:
    month = month_name(contents.month)
    support = contents.support
    heading = paragraph(f"Practices needing support, {month}", "heading")
    if support.empty:
        return [heading, paragraph(f"No practice of {contents.area_text} needs support.", "body")]
    shown = support.head(MAX_TABLE_ROWS)
    shown = shown.assign(
        patients=shown["list_size"].map(_whole),
        without=shown["months_without_network"].map(_whole),
    )
    count = len(support)
    return [
        KeepTogether(
            [
                heading,
                paragraph(
                    f"{count:,} practice{'s' * (count != 1)} with at least one reason, by reason:", "caption"
                ),
                frame_table(
                    contents.reasons,
                    {"reason": "Reason", "practices": "Practices"},
                    [110 * mm, 25 * mm],
                    numbers=frozenset({"practices"}),
                ),
            ]
        ),
        *_titled(
            paragraph("Each practice, by area, with what a supporter needs to act", "subheading"),
            _left_out(count, len(shown), "practices", "Practices needing support"),
            frame_table(
                shown,
                {
                    "area": "Area",
                    "practice_code": "Practice",
                    "practice_name": "Name",
                    "reasons": "Reasons",
                    "patients": "Patients",
                    "network_name": "Network",
                    "without": "Months without a network",
                    "notes": "Lead's notes",
                },
                [34 * mm, 18 * mm, 42 * mm, 58 * mm, 20 * mm, 38 * mm, 21 * mm, FRAME_WIDTH - 231 * mm],
                numbers=frozenset({"patients", "without"}),
            ),
            len(shown),
        ),
    ]


def _overdue(contents: PackContents) -> list[Flowable]:
    overdue = contents.overdue
    day = f"{pd.Timestamp(contents.month) + pd.offsets.MonthEnd(0):%d %B %Y}"
    heading = paragraph(f"Overdue milestones on {day}", "heading")
    statuses = frame_table(
        contents.statuses,
        {"status": "Status", "milestones": "Milestones"},
        [70 * mm, 25 * mm],
        numbers=frozenset({"milestones"}),
    )
    if overdue.empty:
        return [
            heading,
            paragraph(f"No milestone of {contents.area_text} is overdue. Milestones by status:", "body"),
            statuses,
        ]
    shown = overdue.head(MAX_TABLE_ROWS)
    shown = shown.assign(
        due=shown["due_date"].dt.strftime("%d %b %Y"),
        days=shown["days_overdue"].map(lambda n: f"{int(n):,}"),
    )
    count = len(overdue)
    return [
        KeepTogether([heading, paragraph("Milestones by status on that day:", "caption"), statuses]),
        *_titled(
            paragraph(
                f"{count:,} milestone{'s' * (count != 1)} due on or before that day and not achieved "
                "by then, longest overdue first",
                "subheading",
            ),
            _left_out(count, len(shown), "milestones", "Milestones"),
            frame_table(
                shown,
                {
                    "area": "Area",
                    "network_name": "Network",
                    "milestone": "Milestone",
                    "due": "Due",
                    "days": "Days overdue",
                    "owner": "Owner",
                },
                [40 * mm, 55 * mm, 70 * mm, 26 * mm, 22 * mm, FRAME_WIDTH - 213 * mm],
                numbers=frozenset({"days"}),
            ),
            len(shown),
        ),
    ]


def _titled(title: Flowable, said: list[Flowable], table: Flowable, rows: int) -> list[Flowable]:
    """A table under its title; a short one is kept on one page with it, a long one runs on."""
    together = [title, *said, table]
    return [KeepTogether(together)] if rows <= SHORT_TABLE_ROWS else together


def _whole(value: object) -> str:
    """'12,000', or blank where there is no number."""
    return "" if value is None or pd.isna(value) else f"{int(value):,}"  # type: ignore[call-overload]


def _left_out(count: int, shown: int, things: str, page: str) -> list[Flowable]:
    """'The first 150 of 1,204 practices are listed; 1,054 are left out: the dashboard's ... page ...'"""
    if shown == count:
        return []
    left_out = (
        f"The first {shown:,} of {count:,} {things} are listed; {count - shown:,} are left out: "
        f"the dashboard's {page} page lists every one."
    )
    return [paragraph(left_out, "body")]


def _appendix(contents: PackContents) -> list[Flowable]:
    """The files the figures come from, with release dates and SHA-256 content hashes."""
    sources = contents.sources
    shown = sources.assign(
        loaded=sources["loaded_at"].dt.strftime("%d %b %Y %H:%M"),
        released=(
            pd.to_datetime(sources["release_date"]).dt.strftime("%d %b %Y").fillna("")
            if "release_date" in sources
            else ""
        ),
    )
    count = len(sources)
    return [
        paragraph("Appendix: sources", "heading"),
        paragraph(
            f"The figures of this pack come from {count:,} loaded file{'s' * (count != 1)}, each named with "
            "its release date (official files) and the SHA-256 hash of its content.",
            "body",
        ),
        frame_table(
            shown,
            {
                "file_name": "File",
                "kind": "Kind",
                "released": "Released",
                "loaded": "Loaded",
                "content_hash": "SHA-256 content hash",
            },
            [62 * mm, 24 * mm, 24 * mm, 36 * mm, FRAME_WIDTH - 146 * mm],
            mono=frozenset({"content_hash"}),
        ),
    ]


def footer_lines(contents: PackContents, width: float = FRAME_WIDTH) -> list[str]:
    """The grey lines under the title: "data as at", then the OGL line for official data; each fits `width`.

    Each has a line of its own, measured and shortened to fit, so that no two ever overprint.
    """
    lines = [contents.data_as_at, *([OGL] if contents.official_data else [])]
    return [fitted(line, REGULAR, FOOTER_SIZE, width) for line in lines]


def _footer(canvas: Canvas, number: int, total: int, *, contents: PackContents) -> None:
    """The pack's title and the page number, then "data as at" and, for official data, the OGL line."""
    canvas.saveState()
    left, right = MARGIN, PAGE[0] - MARGIN
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, FOOTER_ROOM - 4 * mm, right, FOOTER_ROOM - 4 * mm)
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 8)
    page = f"Page {number} of {total}"
    room = FRAME_WIDTH - pdfmetrics.stringWidth(page, REGULAR, 8) - 6 * mm
    canvas.drawString(left, FOOTER_ROOM - 8 * mm, fitted(contents.title, REGULAR, 8, room))
    canvas.drawRightString(right, FOOTER_ROOM - 8 * mm, page)
    canvas.setFillColor(GREY)
    canvas.setFont(REGULAR, FOOTER_SIZE)
    for index, line in enumerate(footer_lines(contents)):
        canvas.drawString(left, FOOTER_ROOM - 11.5 * mm - index * FOOTER_LEADING, line)
    canvas.restoreState()

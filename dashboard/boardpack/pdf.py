"""The board pack as one PDF, A4 landscape: page 1 the headline and the change since last month; then
a table by area, the coverage charts, every practice left out (and the others needing support), the
networks outside the band, the overdue milestones; last an appendix of sources. A heading never sits
alone at the foot of a page, no table is empty, and it speaks to a board: no command lines.

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
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, SimpleDocTemplate, Spacer

from dashboard import policy
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
MAX_TABLE_ROWS = 80  # rows of one table in the pack (about 5 pages); the pages list every one
MAX_LEFT_OUT_ROWS = 250  # practices left out: all of England's (153 to 206 in 2019-2024) fit, about 10 pages
LONGEST_NOTE = 600  # characters of a lead's note in a table; the CSV has every one whole
HEADING_ROOM = 45 * mm  # a heading nearer the foot of a page than this starts the next page
FIGURES_PER_ROW = 5
FOOTER_SIZE = 7.5  # points, the grey footer lines
FOOTER_LEADING = 3.3 * mm
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


def pack_pdf(contents: PackContents, images: dict[str, bytes]) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    story = [
        *_page_one(contents, images),
        *_by_area(contents),
        *_charts(contents, images),
        *_left_out_practices(contents),
        *_other_practices(contents),
        *_networks_outside(contents),
        *_milestones(contents),
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
        creator="GP network tracker",
        lang=LANGUAGE,
        invariant=1,
    )
    document.build(story, canvasmaker=numbered_canvas(partial(_footer, contents=contents)))
    return out.getvalue(), document.page


def _page_one(contents: PackContents, images: dict[str, bytes]) -> list[Flowable]:
    """The title, the headline sentence, England beside and the peers, every headline figure with its
    change since last month, and the map."""
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


def _heading(text: str) -> list[Flowable]:
    """A section's heading, on a new page when too little of this one is left for it and a few lines."""
    return [Spacer(0, 5 * mm), CondPageBreak(HEADING_ROOM), paragraph(text, "heading")]


def _by_area(contents: PackContents) -> list[Flowable]:
    """Practices in a network per sub-ICB location (an ICB's pack) or per ICB (England, a region)."""
    table = contents.by_area
    if len(table) < 2:  # one area: the headline has said it
        return []
    one = {"Sub-ICB location": "sub-ICB location", "ICB": "ICB", "Area": "area"}[contents.rows_are]
    shown = table.assign(
        practices_text=table["practices"].map(_whole), left_out_text=table["left_out"].map(_whole)
    )
    return [
        *_heading(f"Practices in a network by {one}"),
        paragraph(
            f"{len(table):,} {one}s of {contents.area_text} with data in {month_name(contents.month)}, "
            "the lowest share in a network first. The change counts practices in a network since each "
            "one's previous month.",
            "caption",
        ),
        frame_table(
            shown,
            {
                "name": contents.rows_are,
                "share": "Practices in a network",
                "practices_text": "Practices",
                "left_out_text": "Left out",
                "change": "Change",
            },
            [110 * mm, 55 * mm, 30 * mm, 30 * mm, FRAME_WIDTH - 225 * mm],
            numbers=frozenset({"practices_text", "left_out_text", "change"}),
        ),
    ]


def _charts(contents: PackContents, images: dict[str, bytes]) -> list[Flowable]:
    """The coverage charts, with what they draw and their sources, and the tracker's integration charts."""
    charts = [chart for chart in contents.charts if chart.section != MAP_SECTION]  # the map: page 1
    if not charts:
        return []
    first, *rest = _chart_blocks(charts, images)
    notes = [paragraph(note, "caption") for note in contents.notes.get("Progress", [])]
    # the heading and its notes go to the next page with the first chart when it does not fit here
    return [
        Spacer(0, 5 * mm),
        KeepTogether([paragraph("Coverage over time", "heading"), *notes, first]),
        *rest,
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


def _left_out_practices(contents: PackContents) -> list[Flowable]:
    """Every practice left out of a network (up to MAX_LEFT_OUT_ROWS), with how to reach it."""
    month = month_name(contents.month)
    practices = contents.support.loc[contents.left_out.to_numpy()]
    heading = _heading(f"Practices left out of a network, {month}")
    if practices.empty:
        return [*heading, paragraph(f"Every practice of {contents.area_text} is in a network.", "body")]
    shown = _reachable(practices.head(MAX_LEFT_OUT_ROWS))
    count = len(practices)
    known = practices["telephone"].notna().any()
    reach = " Telephone and address are the official register's." if known else ""
    return [
        *heading,
        paragraph(
            f"{count:,} practice{'s' * (count != 1)}, those that left a network since the previous month "
            f"first, then the longest out.{reach}",
            "caption",
        ),
        *_cut_short(count, len(shown), "practices left out", contents.csv_name),
        frame_table(
            shown,
            {
                "area": "Area",
                "practice_code": "Code",
                "practice_name": "Practice",
                "out_since": "Out since",
                "months": "Months out",
                "last_network_name": "Last network",
                "telephone": "Telephone",
                "reach": "Address",
                "notes": "Lead's notes",
            },
            [36 * mm, 17 * mm, 40 * mm, 24 * mm, 17 * mm, 34 * mm, 24 * mm, 44 * mm, FRAME_WIDTH - 236 * mm],
            numbers=frozenset({"months"}),
            longest={"notes": LONGEST_NOTE},
        ),
    ]


def _other_practices(contents: PackContents) -> list[Flowable]:
    """The practices with another reason (single-handed, suspended, missing from the tracker), if any."""
    practices = contents.support.loc[~contents.left_out.to_numpy()]
    if practices.empty:
        return []
    shown = _reachable(practices.head(MAX_TABLE_ROWS))
    count = len(practices)
    return [
        *_heading(f"Other practices needing support, {month_name(contents.month)}"),
        paragraph(
            f"{count:,} practice{'s' * (count != 1)} in a network with another reason to call; a note "
            "says when its network is small or a single-practice PCN.",
            "caption",
        ),
        *_cut_short(count, len(shown), "other practices needing support", contents.csv_name),
        frame_table(
            shown,
            {
                "area": "Area",
                "practice_code": "Code",
                "practice_name": "Practice",
                "reasons": "Reasons",
                "network_name": "Network",
                "network_notes": "About its network",
                "telephone": "Telephone",
                "notes": "Lead's notes",
            },
            [36 * mm, 17 * mm, 40 * mm, 46 * mm, 34 * mm, 36 * mm, 24 * mm, FRAME_WIDTH - 233 * mm],
            longest={"notes": LONGEST_NOTE},
        ),
    ]


def _reachable(practices: pd.DataFrame) -> pd.DataFrame:
    """The practices with months out as a number and the address and postcode in one cell."""
    address = practices["address"].fillna("").astype(str)
    postcode = practices["postcode"].fillna("").astype(str)
    return practices.assign(
        months=practices["months_without_network"].map(_whole),
        reach=[", ".join(part for part in pair if part) for pair in zip(address, postcode, strict=True)],
    )


def _networks_outside(contents: PackContents) -> list[Flowable]:
    """The networks below or above the band, smallest first; every one within it said in a sentence."""
    networks, outside = contents.networks, contents.outside_band
    heading = _heading(f"Networks outside the {policy.band_label()} band")
    unknown = int(networks["population"].isna().sum())
    unknown_text = (
        f" {unknown:,} network{'s' * (unknown != 1)} with no known list size "
        f"{'is' if unknown == 1 else 'are'} in no band."
        if unknown
        else ""
    )
    if networks.empty:
        return [*heading, paragraph(f"No practice of {contents.area_text} is in a network.", "body")]
    if outside.empty:
        within = len(networks) - unknown
        return [
            *heading,
            paragraph(
                (
                    f"All {within:,} networks with a known list size are within the band."
                    if within > 1
                    else "The network with a known list size is within the band."
                    if within == 1
                    else "No network has a known list size."
                )
                + unknown_text,
                "body",
            ),
        ]
    below = int((outside["population"] < policy.NETWORK_BAND_LOW).sum())
    shown = outside.head(MAX_TABLE_ROWS)
    shown = shown.assign(
        patients=shown["population"].map(_whole),
        count=shown["practices"].map(_whole),
        where=shown["band"].astype(str),
    )
    return [
        *heading,
        paragraph(
            f"{len(outside):,} of {len(networks):,} networks: {below:,} below the band, "
            f"{len(outside) - below:,} above it; a network counts every member, also in other areas."
            f"{unknown_text}",
            "caption",
        ),
        *_cut_short(len(outside), len(shown), "networks", None),
        frame_table(
            shown,
            {
                "network_name": "Network",
                "network_code": "Code",
                "count": "Practices",
                "patients": "Patients",
                "where": "Band",
            },
            [120 * mm, 25 * mm, 25 * mm, 30 * mm, FRAME_WIDTH - 200 * mm],
            numbers=frozenset({"count", "patients"}),
        ),
    ]


def _milestones(contents: PackContents) -> list[Flowable]:
    """Overdue milestones on the month's last day, or why there are none to show."""
    day = f"{pd.Timestamp(contents.month) + pd.offsets.MonthEnd(0):%d %B %Y}"
    heading = _heading(f"Overdue milestones on {day}")
    if not contents.milestones_registered:
        return [*heading, paragraph("No milestone register has been loaded for these areas.", "body")]
    if contents.milestones_note:  # returns years older than the month: dated beside what they judge
        heading = [*heading, paragraph(contents.milestones_note, "caption")]
    counted = contents.statuses.loc[contents.statuses["milestones"] > 0]
    by_status = "; ".join(
        f"{status.lower()} {int(milestones):,}"
        for status, milestones in zip(counted["status"], counted["milestones"], strict=True)
    )
    overdue = contents.overdue
    if overdue.empty:
        return [*heading, paragraph(f"No milestone is overdue. Milestones by status: {by_status}.", "body")]
    shown = overdue.head(MAX_TABLE_ROWS)
    shown = shown.assign(
        due=shown["due_date"].dt.strftime("%d %b %Y"),
        days=shown["days_overdue"].map(lambda n: f"{int(n):,}"),
    )
    count = len(overdue)
    return [
        *heading,
        paragraph(
            f"{count:,} milestone{'s' * (count != 1)} due on or before that day and not achieved by then, "
            f"longest overdue first. Milestones by status: {by_status}.",
            "caption",
        ),
        *_cut_short(count, len(shown), "milestones", None),
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
    ]


def _whole(value: object) -> str:
    """'12,000', or blank where there is no number."""
    return "" if value is None or pd.isna(value) else f"{int(value):,}"  # type: ignore[call-overload]


def _cut_short(count: int, shown: int, things: str, csv_name: str | None) -> list[Flowable]:
    """'The first 250 of 1,204 practices left out are listed; every one is in ...' (nothing when whole)."""
    if shown == count:
        return []
    where = (
        f"every one is in {csv_name}, made with this pack, and on the dashboard's Practices needing "
        "support page"
        if csv_name
        else f"the dashboard's {'Networks' if things == 'networks' else 'Milestones'} page lists every one"
    )
    return [paragraph(f"The first {shown:,} of {count:,} {things} are listed; {where}.", "body")]


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

"""A local web server (127.0.0.1) that answers like the two NHS sites `etl fetch` reads.

ODS Data Search and Export: /api/getReport?report=NAME answers each report as a CSV without a
header (or, `zipped`, a zip holding one), built from the real files in ../shared/nhs-data: the
February 2026 register, eccg 2024, and the ePCN October 2024 workbook's two sheets as the `epcn`
and `epcncorepartnerdetails` reports. NHS Digital: /patients-registered/<month>-<year> is the
month's page, whose links lead (through a redirect, as the real site's do) to the real
registrations files, dated as that month's are (`registration_bytes`: the only real totals file at
hand is January 2021's, served with its extract date moved to the page's month). Used by
tests/test_fetch.py and the bench's update part.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from pytest_httpserver import HTTPServer, RequestHandler
from werkzeug import Request, Response

Answer = Response | Callable[[Request], Response]

NHS_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "nhs-data"
EPCN_WORKBOOK = NHS_DATA / "epcn" / "ePCN_2024-10.xlsx"
REPORT_FILES = {
    "epraccur": NHS_DATA / "ods" / "epraccur_2026-02.csv",
    "eccg": NHS_DATA / "ods" / "eccg_2024.csv",
}
REGISTRATION_FILES = {
    "gp-reg-pat-prac-all": NHS_DATA / "list-sizes" / "gp-reg-pat-prac-all_2021-01.csv",
    "gp-reg-pat-prac-map": NHS_DATA / "list-sizes" / "gp-reg-pat-prac-map_2026-01.csv",
}
REPORT_PATH = "/api/getReport"
PAGES_PATH = "/patients-registered/"
MONTH_PAGE = "january-2026"


@functools.cache
def epcn_reports() -> dict[str, bytes]:
    """The ePCN workbook's two sheets as ODS reports them: every cell quoted, no header, dates
    as YYYYMMDD, the match flag TRUE/FALSE (openpyxl, not the project's reader)."""
    workbook = openpyxl.load_workbook(EPCN_WORKBOOK, read_only=True)
    reports = {}
    try:
        for name, sheet in zip(("epcn", "epcncorepartnerdetails"), workbook.worksheets, strict=True):
            out = io.StringIO()
            writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            for row in list(sheet.iter_rows(values_only=True))[1:]:
                writer.writerow([cell_text(cell) for cell in row])
            reports[name] = out.getvalue().encode()
    finally:
        workbook.close()
    return reports


def cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    return str(cell)


def report_bytes(name: str) -> bytes:
    """One ODS report as CSV bytes."""
    if name in REPORT_FILES:
        return REPORT_FILES[name].read_bytes()
    return epcn_reports()[name]


def zipped(name: str, data: bytes, member: str | None = None) -> bytes:
    """A zip holding one CSV, as some clients receive the reports."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member or f"{name}.csv", data)
    return out.getvalue()


def registration_bytes(name: str, month: str) -> bytes:
    """A registrations file as the page of `month` (YYYY-MM) serves it: the real file, its
    EXTRACT_DATE (the second cell of each row, `01JAN2021` or `01Jan2026`) made the 1st of `month`."""
    data = REGISTRATION_FILES[name].read_bytes()
    first_row = data.split(b"\n", 2)[1]
    extracted = first_row.split(b",")[1]
    year, number = (int(part) for part in month.split("-"))
    day = dt.date(year, number, 1).strftime("01%b%Y").encode()
    wanted = day.upper() if extracted.isupper() else day
    return data.replace(b"," + extracted + b",", b"," + wanted + b",")


def page_month(page: str) -> str:
    """'january-2026' -> '2026-01'."""
    name, year = page.rsplit("-", 1)
    return f"{year}-{list(calendar.month_name).index(name.capitalize()):02d}"


def month_page(links: dict[str, str]) -> str:
    """The month's page, as much of it as matters: a title and the links to the files."""
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for text, href in links.items())
    return (
        "<!DOCTYPE html><html><head><title>Patients Registered at a GP Practice, January 2026</title>"
        f"</head><body><h1>Patients Registered at a GP Practice</h1><ul>{items}</ul></body></html>"
    )


def serve_sites(
    server: HTTPServer,
    *,
    zip_reports: bool = False,
    page: str = MONTH_PAGE,
    replace: dict[str, Answer] | None = None,
) -> None:
    """Answer like ODS and NHS Digital; `replace` gives another answer (a Response, or a handler
    of the request) for a report, a registrations file or the month's "page"."""
    replace = replace or {}

    def answer(handler: RequestHandler, name: str, data: bytes) -> None:
        given = replace.get(name)
        if isinstance(given, Response):
            handler.respond_with_response(given)
        elif given is not None:
            handler.respond_with_handler(given)
        elif zip_reports and name not in (*REGISTRATION_FILES, "page"):
            handler.respond_with_data(zipped(name, data), content_type="application/zip")
        else:
            handler.respond_with_data(data, content_type="text/html" if name == "page" else "text/csv")

    for name in (*REPORT_FILES, "epcn", "epcncorepartnerdetails"):
        answer(server.expect_request(REPORT_PATH, query_string=f"report={name}"), name, report_bytes(name))

    links = {}
    for name in REGISTRATION_FILES:
        redirect = f"/redirect/{name}.csv"
        links[f"{name}.csv"] = redirect  # relative, as a page may write it
        target = server.url_for(f"/files/{name}.csv")
        moved = Response(status=302, headers={"Location": target})
        server.expect_request(redirect).respond_with_response(moved)
        answer(server.expect_request(f"/files/{name}.csv"), name, registration_bytes(name, page_month(page)))
    links["gp-reg-pat-prac-sing-age-regions.zip"] = "/files/gp-reg-pat-prac-sing-age-regions.zip"
    answer(server.expect_request(PAGES_PATH + page), "page", month_page(links).encode())


def ods_url(server: HTTPServer) -> str:
    return server.url_for(REPORT_PATH) + "?report="


def registrations_url(server: HTTPServer) -> str:
    return server.url_for(PAGES_PATH)


def answering(status: int, body: bytes = b"", content_type: str = "text/html") -> Response:
    return Response(body, status=status, content_type=content_type)


def slow(seconds: float, data: bytes) -> Callable[[Request], Response]:
    """A handler that waits before answering (a site that does not answer in time)."""
    import time

    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return Response(data)

    return handler

"""A participation file for one CCG and month, prefilled from the official data (.csv or .xlsx).

The workbook has drop-down lists for the coded columns, real dates and a second sheet explaining
each column. What the official files do not know is left blank for the lead, never guessed.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from etl import sql_files
from etl.database import DatabaseUnusable, connect_read_only, live_file, refuse_foreign
from etl.months import month_end, spoken_month
from etl.problems import one_line
from etl.report import runs_as_formula, safe_frame

# The columns of SPEC 2.1, in order, with what the lead reads on the workbook's second sheet.
COLUMNS = {
    "snapshot_date": "Required. The month the row describes (any day in the month names that month).",
    "ccg_code": "Required. The CCG or sub-ICB location code, e.g. 02X.",
    "practice_code": "Required. The ODS practice code: a letter and 5 digits, e.g. C86001.",
    "practice_name": "Required. The practice's name.",
    "list_size": "Required. Registered patients, a whole number from 0 to 250,000.",
    "contract_type": "Required. GMS, PMS or APMS.",
    "integration_level": "Required. none, virtual, partial or full (full: the contract is suspended).",
    "network_code": "Optional. The network's code; blank = not in a network.",
    "network_name": "Required when network_code is given; one name per code within a month.",
    "contract_status": "Optional. active (the default) or suspended; suspended goes with full.",
    "gp_count": "Optional. The number of GPs, a whole number of at least 1 (1 = single-handed).",
    "notes": "Optional. Free text for the lead.",
}
CHOICES = {
    "integration_level": ("none", "virtual", "partial", "full"),
    "contract_type": ("GMS", "PMS", "APMS"),
    "contract_status": ("active", "suspended"),
}
# Rows below the prefilled ones that keep the drop-down lists, for practices the lead adds.
ROWS_TO_ADD = 1_000
FOR_THE_LEAD = ("list_size", "contract_type", "integration_level", "contract_status", "gp_count", "notes")


class TemplateError(Exception):
    """Nothing to prefill from: the reason, as a sentence."""


@dataclass
class Template:
    """What was written: the practices, and which of their cells are left for the lead."""

    ccg: str
    month: str
    practices: pd.DataFrame

    def summary(self) -> str:
        """'3 practices of 02X for December 2019; left for the lead to complete: integration_level, ...'"""
        count = len(self.practices)
        left = []
        for column in FOR_THE_LEAD:
            blank = int(self.practices[column].isna().sum())
            if blank == count:
                left.append(column)
            elif blank:
                left.append(f"{column} ({blank} practice{'s' * (blank != 1)})")
        text = f"{count} practice{'s' * (count != 1)} of {self.ccg} for {spoken_month(self.month)}"
        return text + (f"; left for the lead to complete: {', '.join(left)}" if left else "; complete")


def write_template(db: Path, ccg: str, month: str, out: Path) -> Template:
    """Write the file (.csv or .xlsx by its name) and say what it holds; unknowns stay blank."""
    template = Template(ccg.upper(), month, prefilled_practices(db, ccg.upper(), month))
    # written beside, then renamed: a full disk or a failure leaves no half-written file
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        if out.suffix.lower() == ".xlsx":
            write_workbook(template.practices, partial)
        else:
            frame = template.practices.copy()
            frame["snapshot_date"] = pd.to_datetime(frame["snapshot_date"]).dt.strftime("%Y-%m-%d")
            with partial.open("w", encoding="utf-8", newline="") as written:
                # a name an official file begins with = + - @ is written as a spreadsheet's text
                safe_frame(frame).to_csv(written, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return template


def prefilled_practices(db: Path, ccg: str, month: str) -> pd.DataFrame:
    """Every practice of the CCG open on the month's last day, with what the official files know."""
    if not db.exists():
        raise TemplateError(f"no database at {db}; load the official files first")
    live_file(db)  # a folder, a text file or a SQLite file is said so
    try:
        con = connect_read_only(db)
    except duckdb.Error as error:
        raise DatabaseUnusable(f"{db} cannot be opened ({str(error).splitlines()[0]})") from None
    try:
        refuse_foreign(con, db)
    except DatabaseUnusable:
        con.close()
        raise
    last_day = month_end(date.fromisoformat(f"{month}-01"))
    try:
        practices = con.execute(sql_files.sql_text("template.sql"), {"ccg": ccg, "day": last_day}).df()
        successor = con.execute(
            sql_files.sql_text("template_closed_area.sql"), {"ccg": ccg, "day": last_day}
        ).fetchone()
    except duckdb.CatalogException:
        raise TemplateError(f"{db} has no official data yet; load the official files first") from None
    finally:
        con.close()
    if practices.empty and successor is not None:
        took, closed_on = successor
        raise TemplateError(
            f"{one_line(ccg)} closed on {closed_on:%d %B %Y} and its practices are now under {took}; "
            f"make the template for {took} (--ccg {took})"
        )
    if practices.empty:
        raise TemplateError(
            f"the official data list no practice of {one_line(ccg)} open in {spoken_month(month)}; "
            "check the CCG code, or load the register (epraccur or payments) for that time"
        )
    practices["list_size"] = practices["list_size"].astype("Int64")
    return practices.astype(object).where(practices.notna(), None)


def write_workbook(practices: pd.DataFrame, out: Path) -> None:
    """The practices on a first sheet with drop-down lists and real dates; the columns explained."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "participation"
    sheet.append(list(COLUMNS))
    for row in practices[list(COLUMNS)].itertuples(index=False):
        sheet.append([_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if runs_as_formula(cell.value):
                # text, never a formula (openpyxl takes text beginning = for one), and kept text
                # when the lead edits the cell: Excel's leading quote, which is not part of the value
                cell.data_type = "s"
                cell.quotePrefix = True
    last_row = len(practices) + 1 + ROWS_TO_ADD
    for number, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = max(14, len(column) + 2)
        sheet[f"{letter}1"].font = Font(bold=True)
        if column == "snapshot_date":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell.number_format = "yyyy-mm-dd"
        if column in CHOICES:
            choices = DataValidation(
                type="list",
                formula1='"' + ",".join(CHOICES[column]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column,
                error=f"Choose one of: {', '.join(CHOICES[column])}",
            )
            choices.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(choices)
    sheet.freeze_panes = "A2"
    explained = workbook.create_sheet("columns")
    explained.append(["column", "what to write"])
    explained["A1"].font = explained["B1"].font = Font(bold=True)
    for column, text in COLUMNS.items():
        explained.append([column, text])
    explained.column_dimensions["A"].width = 20
    explained.column_dimensions["B"].width = 90
    in_memory = io.BytesIO()  # a workbook of one area is small; a failed write leaves no zip half-closed
    workbook.save(in_memory)
    out.write_bytes(in_memory.getvalue())


def _cell(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value

"""The data contract of SPEC 2.1 and 2.2 in code: one pandera model per input kind.

Cells arrive as trimmed text, so a cell of the wrong type is reported with the value the
user typed. Each check is named; EXPECTED turns a check's name into the plain-English
expectation shown to the user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

LEVELS = {
    "none": "none",
    "virtual": "virtual",
    "partial": "partial",
    "partially integrated": "partial",
    "full": "full",
    "fully integrated": "full",
}
CONTRACT_TYPES = ("GMS", "PMS", "APMS")
CONTRACT_STATUSES = ("active", "suspended")
MAX_LIST_SIZE = 250_000

EXPECTED = {
    "required": "a value; this column must not be empty",
    "date": "a date as YYYY-MM-DD or DD/MM/YYYY",
    "ccg_code": "3 or 5 capitals and digits, such as 02X or D4U1Y",
    "practice_code": "a capital letter and 5 digits, such as C86001",
    "list_size": f"a whole number of registered patients from 0 to {MAX_LIST_SIZE:,}",
    "contract_type": "GMS, PMS or APMS",
    "integration_level": "none, virtual, partial or full",
    "network_code": "up to 20 capitals, digits or hyphens, or blank when not in a network",
    "contract_status": "active, suspended or blank (active)",
    "gp_count": "a whole number of GPs, 1 or more, or blank",
    "one_row_per_practice": "each practice once per snapshot month; this practice appears again",
    "network_name_given": "a network name, because network_code is given",
    "one_name_per_network": "one name for each network code in a snapshot month; this code has another",
    "full_is_suspended": "suspended, because integration_level is full (a fully integrated "
    "practice suspends its contract)",
    "suspended_is_full": "full, because contract_status is suspended (only a fully integrated "
    "practice suspends its contract)",
    "one_milestone": "each milestone once per CCG and network; this one appears again",
}

# A check across columns fails a whole row; this is the cell the user should look at.
ROW_CHECK_COLUMN = {
    "one_row_per_practice": "practice_code",
    "network_name_given": "network_name",
    "one_name_per_network": "network_name",
    "full_is_suspended": "contract_status",
    "suspended_is_full": "integration_level",
    "one_milestone": "milestone",
}


def per_distinct(cells: pd.Series, rule: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`rule` worked out once for each distinct cell, then spread over the rows.

    A national file has close to a million rows but only a few hundred distinct dates, levels
    or GP counts, and parsing text is what costs; the answer is the same as `rule(cells)`.
    """
    codes, distinct = pd.factorize(cells, use_na_sentinel=False)
    answers = rule(pd.Series(distinct, dtype=cells.dtype))
    return answers.take(codes).set_axis(cells.index).rename(cells.name)


def parse_dates(cells: pd.Series) -> pd.Series:
    """YYYY-MM-DD or DD/MM/YYYY text -> timestamps; anything else -> NaT."""
    return per_distinct(cells, _parse_dates)


def _parse_dates(cells: pd.Series) -> pd.Series:
    iso = pd.to_datetime(cells, format="%Y-%m-%d", errors="coerce")
    uk = pd.to_datetime(cells, format="%d/%m/%Y", errors="coerce")
    return iso.fillna(uk)


def levels(cells: pd.Series) -> pd.Series:
    """Integration levels in any case, synonyms included -> none, virtual, partial, full or NaN."""
    return per_distinct(cells, lambda distinct: distinct.str.lower().map(LEVELS))


def blank_or(cells: pd.Series, valid: pd.Series) -> pd.Series:
    """A format check passes blank cells: emptiness is the `required` check's business."""
    return (cells == "") | valid.fillna(False).astype(bool)


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column that may be absent from the file (optional columns), as text."""
    return frame[name] if name in frame else pd.Series("", index=frame.index, dtype="str")


def whole_numbers(cells: pd.Series) -> pd.Series:
    return per_distinct(
        cells,
        lambda distinct: pd.to_numeric(
            distinct.where(distinct.str.fullmatch(r"\d{1,7}"), None), errors="coerce"
        ),
    )


class PracticeStatus(pa.DataFrameModel):
    """One row per practice per snapshot month (SPEC 2.1)."""

    snapshot_date: Series[str]
    ccg_code: Series[str]
    practice_code: Series[str]
    practice_name: Series[str]
    list_size: Series[str]
    contract_type: Series[str]
    integration_level: Series[str]
    network_code: Optional[Series[str]]
    network_name: Optional[Series[str]]
    contract_status: Optional[Series[str]]
    gp_count: Optional[Series[str]]
    notes: Optional[Series[str]]

    class Config:
        strict = True
        coerce = True

    @pa.check(
        "snapshot_date",
        "ccg_code",
        "practice_code",
        "practice_name",
        "list_size",
        "contract_type",
        "integration_level",
        name="required",
    )
    def required(cls, cells: Series[str]) -> Series[bool]:
        return cells != ""

    @pa.check("snapshot_date", name="date")
    def date(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, parse_dates(cells).notna())

    @pa.check("ccg_code", name="ccg_code")
    def ccg_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.fullmatch(r"[A-Z0-9]{3}|[A-Z0-9]{5}"))

    @pa.check("practice_code", name="practice_code")
    def practice_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.fullmatch(r"[A-Z]\d{5}"))

    @pa.check("list_size", name="list_size")
    def list_size_range(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, whole_numbers(cells).between(0, MAX_LIST_SIZE))

    @pa.check("contract_type", name="contract_type")
    def contract_type_known(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.upper().isin(CONTRACT_TYPES))

    @pa.check("integration_level", name="integration_level")
    def integration_level_known(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.lower().isin(LEVELS))

    @pa.check("network_code", name="network_code")
    def network_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.fullmatch(r"[A-Z0-9-]{1,20}"))

    @pa.check("contract_status", name="contract_status")
    def contract_status_known(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.lower().isin(CONTRACT_STATUSES))

    @pa.check("gp_count", name="gp_count")
    def gp_count_positive(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, whole_numbers(cells) >= 1)

    @pa.dataframe_check(name="one_row_per_practice")
    def one_row_per_practice(cls, frame: pd.DataFrame) -> Series[bool]:
        month = parse_dates(column(frame, "snapshot_date")).dt.to_period("M")
        keys = pd.DataFrame({"month": month, "practice": column(frame, "practice_code")})
        return ~keys.duplicated(keep="first") | month.isna()

    @pa.dataframe_check(name="network_name_given")
    def network_name_given(cls, frame: pd.DataFrame) -> Series[bool]:
        return (column(frame, "network_code") == "") | (column(frame, "network_name") != "")

    @pa.dataframe_check(name="one_name_per_network")
    def one_name_per_network(cls, frame: pd.DataFrame) -> Series[bool]:
        month = parse_dates(column(frame, "snapshot_date")).dt.to_period("M")
        keys = pd.DataFrame(
            {"month": month, "code": column(frame, "network_code"), "name": column(frame, "network_name")}
        )
        named = keys[(keys.code != "") & (keys.name != "")]
        first_name = named.groupby(["month", "code"], dropna=False)["name"].transform("first")
        clash = named.name != first_name
        return ~clash.reindex(frame.index, fill_value=False)

    @pa.dataframe_check(name="full_is_suspended")
    def full_is_suspended(cls, frame: pd.DataFrame) -> Series[bool]:
        level = levels(column(frame, "integration_level"))
        status = column(frame, "contract_status").str.lower()
        return (level != "full") | (status == "suspended")

    @pa.dataframe_check(name="suspended_is_full")
    def suspended_is_full(cls, frame: pd.DataFrame) -> Series[bool]:
        level = levels(column(frame, "integration_level"))
        status = column(frame, "contract_status").str.lower()
        # An unknown level is reported by its own check; don't pile a second problem on it.
        return (status != "suspended") | (level == "full") | level.isna()


class Milestone(pa.DataFrameModel):
    """The current register of milestones of one or more CCGs (SPEC 2.2)."""

    ccg_code: Series[str]
    network_code: Optional[Series[str]]
    milestone: Series[str]
    due_date: Series[str]
    achieved_date: Optional[Series[str]]
    owner: Optional[Series[str]]
    notes: Optional[Series[str]]

    class Config:
        strict = True
        coerce = True

    @pa.check("ccg_code", "milestone", "due_date", name="required")
    def required(cls, cells: Series[str]) -> Series[bool]:
        return cells != ""

    @pa.check("due_date", "achieved_date", name="date")
    def date(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, parse_dates(cells).notna())

    @pa.check("ccg_code", name="ccg_code")
    def ccg_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.fullmatch(r"[A-Z0-9]{3}|[A-Z0-9]{5}"))

    @pa.check("network_code", name="network_code")
    def network_code_format(cls, cells: Series[str]) -> Series[bool]:
        return blank_or(cells, cells.str.fullmatch(r"[A-Z0-9-]{1,20}"))

    @pa.dataframe_check(name="one_milestone")
    def one_milestone(cls, frame: pd.DataFrame) -> Series[bool]:
        keys = frame.reindex(columns=["ccg_code", "network_code", "milestone"], fill_value="")
        return ~keys.duplicated(keep="first")


SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "participation": PracticeStatus,
    "milestones": Milestone,
}


def blank_to_null(cells: pd.Series) -> pd.Series:
    return cells.where(cells != "", None)


def tidy_participation(frame: pd.DataFrame) -> pd.DataFrame:
    """Validated text -> the stored form: real dates, lower-case levels, upper-case codes."""
    level = levels(frame["integration_level"])
    return pd.DataFrame(
        {
            "snapshot_date": parse_dates(frame["snapshot_date"]).dt.to_period("M").dt.start_time,
            "ccg_code": frame["ccg_code"],
            "practice_code": frame["practice_code"],
            "practice_name": frame["practice_name"],
            "list_size": frame["list_size"].astype("int64"),
            "contract_type": frame["contract_type"].str.upper(),
            "integration_level": level,
            "network_code": blank_to_null(column(frame, "network_code")),
            "network_name": blank_to_null(column(frame, "network_name")),
            "contract_status": column(frame, "contract_status").str.lower().replace("", "active"),
            "gp_count": per_distinct(
                column(frame, "gp_count"),
                lambda distinct: pd.to_numeric(blank_to_null(distinct)).astype("Int64"),
            ),
            "notes": blank_to_null(column(frame, "notes")),
        }
    )


def tidy_milestones(frame: pd.DataFrame) -> pd.DataFrame:
    """Validated text -> the stored milestone register."""
    return pd.DataFrame(
        {
            "ccg_code": frame["ccg_code"],
            "network_code": blank_to_null(column(frame, "network_code")),
            "milestone": frame["milestone"],
            "due_date": parse_dates(frame["due_date"]),
            "achieved_date": parse_dates(column(frame, "achieved_date")),
            "owner": blank_to_null(column(frame, "owner")),
            "notes": blank_to_null(column(frame, "notes")),
        }
    )


TIDY = {"participation": tidy_participation, "milestones": tidy_milestones}

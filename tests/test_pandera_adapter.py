"""etl/pandera_adapter.py reaches into pandera's private Check attributes: these tests fail when an
upgrade of pandera renames them or changes what they do, before a file is vouched for wrongly."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

from etl.pandera_adapter import check_outcome

PRACTICE_CODE = r"[A-Z]\d{5}"


class Spell(pa.DataFrameModel):
    """A small model written the way etl/sources writes theirs: text cells, named checks."""

    practice_code: Series[str]
    start: Series[str]
    end: Series[str]

    @pa.check("practice_code", name="practice_code")
    def practice_code_format(cls, cells: pd.Series) -> pd.Series:
        return cells.str.fullmatch(PRACTICE_CODE)

    @pa.dataframe_check(name="ends_after_it_starts")
    def ends_after_it_starts(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["end"] >= frame["start"]


SPELLS = pd.DataFrame(
    {
        "practice_code": ["C86001", "C8601", "c86001", "Y00001"],
        "start": ["2019-07-01", "2019-07-01", "2020-04-01", "2021-01-01"],
        "end": ["2020-03-31", "2019-06-30", "2020-04-01", "2020-12-31"],
    }
)


def column_check(name: str) -> pa.Check:
    checks = Spell.to_schema().columns["practice_code"].checks
    return next(check for check in checks if check.name == name)


def row_check(name: str) -> pa.Check:
    return next(check for check in Spell.to_schema().checks if check.name == name)


def failing_rows_by_pandera(check_name: str) -> list[int]:
    """The rows pandera itself reports for one check, through its public lazy validation."""
    with pytest.raises(pa.errors.SchemaErrors) as raised:
        Spell.validate(SPELLS, lazy=True)
    cases = raised.value.failure_cases
    return sorted(int(row) for row in cases.loc[cases["check"] == check_name, "index"].unique())


def test_a_check_still_keeps_the_private_attributes_the_adapter_reads() -> None:
    for check in (column_check("practice_code"), row_check("ends_after_it_starts"), pa.Check.isin(["GMS"])):
        assert callable(check._check_fn)
        assert isinstance(check._check_kwargs, dict)
        assert isinstance(check.element_wise, bool)
    assert pa.Check.isin(["GMS", "PMS"])._check_kwargs == {"allowed_values": frozenset({"GMS", "PMS"})}


def test_a_column_check_gives_each_cell_the_verdict_pandera_gives() -> None:
    check = column_check("practice_code")
    outcome = check_outcome(check, SPELLS["practice_code"])
    assert isinstance(outcome, pd.Series)
    assert outcome.tolist() == [True, False, False, True]
    assert outcome.tolist() == check(SPELLS["practice_code"]).check_output.tolist()
    assert [row for row, passed in outcome.items() if not passed] == failing_rows_by_pandera("practice_code")


def test_a_check_across_columns_gives_each_row_the_verdict_pandera_gives() -> None:
    check = row_check("ends_after_it_starts")
    outcome = check_outcome(check, SPELLS)
    assert isinstance(outcome, pd.Series)
    assert outcome.tolist() == [True, False, True, False]
    assert [row for row, passed in outcome.items() if not passed] == failing_rows_by_pandera(
        "ends_after_it_starts"
    )


def test_a_built_in_check_gets_its_arguments() -> None:
    check = pa.Check.isin(["GMS", "PMS"])
    cells = pd.Series(["GMS", "gms", "APMS", "PMS"])
    expected = check(cells).check_output.tolist()  # pandera's own call, which also readies its backend
    outcome = check_outcome(check, cells)
    assert isinstance(outcome, pd.Series)
    assert outcome.tolist() == expected == [True, False, False, True]


def test_an_element_wise_check_is_applied_to_each_cell() -> None:
    check = pa.Check(lambda size: int(size) >= 0, element_wise=True)
    cells = pd.Series(["12000", "-1", "0"])
    outcome = check_outcome(check, cells)
    assert isinstance(outcome, pd.Series)
    assert outcome.tolist() == check(cells).check_output.tolist() == [True, False, True]

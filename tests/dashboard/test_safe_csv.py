"""Downloaded CSV cells that a spreadsheet would run as formulas are neutralised."""

from datetime import date

import pandas as pd

from dashboard.tables import safe_csv


def test_safe_csv_neutralises_cells_that_begin_like_a_formula() -> None:
    frame = pd.DataFrame(
        {
            "practice_name": ['=HYPERLINK("http://x")', "+44 1234", "-1+2", "@SUM(A1:A9)", "Alpha Surgery"],
            "list_size": [1, -2, 3, 4, 5],
        }
    )
    assert safe_csv(frame).decode("utf-8-sig").splitlines() == [
        "practice_name,list_size",
        '"\'=HYPERLINK(""http://x"")",1',
        "'+44 1234,-2",
        "'-1+2,3",
        "'@SUM(A1:A9),4",
        "Alpha Surgery,5",
    ]


def test_safe_csv_leaves_numbers_dates_and_blanks_alone() -> None:
    frame = pd.DataFrame(
        {"due_date": pd.to_datetime([date(2019, 2, 28), None]), "change": [-3.5, None], "note": [None, "ok"]}
    )
    assert safe_csv(frame) == "\ufeffdue_date,change,note\n2019-02-28,-3.5,\n,,ok\n".encode()


def test_safe_csv_neutralises_column_names_too() -> None:
    assert safe_csv(pd.DataFrame({"=cmd": ["x"]})).decode("utf-8-sig") == "'=cmd\nx\n"

"""Charts are pure functions the board pack can reuse; only queries.py runs the SQL of dashboard/sql."""

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts

ROOT = Path(__file__).resolve().parents[2]
MONTHS = pd.to_datetime(["2019-01-01", "2019-02-01"])


def figures() -> dict[str, go.Figure]:
    networks = pd.DataFrame(
        {
            "network_name": ["South Network", "North Network"],
            "population": [17000, 38000],
            "band": ["Below 30,000", "Within 30,000–50,000"],
            "level_none": [0, 1],
            "level_virtual": [1, 1],
            "level_partial": [0, 1],
            "level_full": [1, 0],
        }
    )
    milestones = pd.DataFrame(
        {
            "ccg_code": ["01A", "02B"],
            "network_name": ["North Network", "CCG-wide"],
            "milestone": ["Network agreement signed", "ACS designated"],
            "due_date": pd.to_datetime(["2019-01-31", "2019-02-28"]),
            "achieved_date": pd.to_datetime(["2019-02-10", None]),
            "status": ["Achieved late", "Overdue"],
            "judged_on": pd.to_datetime(["2019-02-28", "2019-02-28"]),
        }
    )
    return {
        "coverage_over_time": charts.coverage_over_time(
            pd.DataFrame({"snapshot_date": MONTHS, "ccg_code": ["01A", "01A"], "coverage_pct": [50.0, 60.0]}),
            pd.DataFrame(
                {
                    "ccg_code": ["01A"],
                    "latest_month": MONTHS[-1:],
                    "coverage_pct": [60.0],
                    "reaches_100_on": pd.to_datetime(["2019-06-01"]),
                    "reaches_100": ["2019-06"],
                }
            ),
        ),
        "official_coverage_over_time": charts.official_coverage_over_time(
            pd.DataFrame(
                {"snapshot_date": MONTHS, "series": ["Tracker, selected CCGs"] * 2, "coverage_pct": [70, 80]}
            )
        ),
        "integration_mix_over_time": charts.integration_mix_over_time(
            pd.DataFrame(
                {"snapshot_date": MONTHS, "integration_level": ["none", "full"], "practices": [3, 1]}
            )
        ),
        "integration_by_contract": charts.integration_by_contract(
            pd.DataFrame(
                {"integration_level": ["none", "full"], "contract_type": ["GMS", "PMS"], "practices": [3, 1]}
            ),
            date(2019, 2, 1),
        ),
        "network_population": charts.network_population(networks, date(2019, 2, 1)),
        "network_integration_mix": charts.network_integration_mix(networks, date(2019, 2, 1)),
        "milestone_timeline": charts.milestone_timeline(milestones),
        "practices_by_reason": charts.practices_by_reason(
            pd.DataFrame({"reason": ["Not in a network"], "practices": [2]}), date(2019, 2, 1)
        ),
        "changes_by_kind": charts.changes_by_kind(
            pd.DataFrame({"change": ["Moved network"], "practices": [1]}), date(2019, 1, 1), date(2019, 2, 1)
        ),
    }


@pytest.mark.parametrize("name", sorted(figures()))
def test_chart_has_a_title_axis_titles_and_a_light_template(name: str) -> None:
    figure = figures()[name]
    assert figure.layout.title.text
    assert figure.layout.xaxis.title.text
    assert figure.layout.template.layout.paper_bgcolor == "white"
    assert figure.data


def test_every_chart_function_is_tested_here() -> None:
    public = {
        name
        for name, value in vars(charts).items()
        if callable(value) and value.__module__ == charts.__name__
    }
    assert {name for name in public if not name.startswith("_")} == set(figures())


def test_chart_titles_say_what_is_shown() -> None:
    titles = {name: figure.layout.title.text for name, figure in figures().items()}
    assert titles["coverage_over_time"] == (
        "Practices in a network by CCG, January 2019 – February 2019, against the 100% target"
    )
    assert titles["network_population"] == (
        "Registered patients per network against the 30,000–50,000 band, February 2019"
    )
    assert (
        titles["milestone_timeline"] == "Milestones: due and achieved dates as they stood on 28 February 2019"
    )


def test_bars_carry_their_numbers_as_text() -> None:
    population = figures()["network_population"]
    bars = [trace for trace in population.data if trace.type == "bar" and len(trace.text)]
    assert [list(bar.text) for bar in bars] == [["17,000"], ["38,000"]]


def test_charts_do_not_need_streamlit() -> None:
    code = "import sys, dashboard.charts, dashboard.summaries; print('streamlit' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_only_queries_runs_sql() -> None:
    modules = sorted((ROOT / "dashboard").rglob("*.py"))
    with_sql = [
        path.relative_to(ROOT).as_posix()
        for path in modules
        if re.search(r"(?i)\bselect\b[^\n]*\bfrom\b|\.execute\(", path.read_text())
    ]
    assert [p for p in with_sql if not p.startswith("dashboard/boardpack")] == ["dashboard/queries.py"]


def test_every_sql_file_is_a_question_of_queries_and_binds_its_values() -> None:
    queries = (ROOT / "dashboard" / "queries.py").read_text()
    for sql in sorted((ROOT / "dashboard" / "sql").glob("*.sql")):
        assert f'"{sql.stem}"' in queries, sql.name
        assert "{" not in sql.read_text(), f"{sql.name} formats values into SQL"

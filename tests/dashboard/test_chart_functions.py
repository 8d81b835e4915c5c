"""Charts are pure functions the board pack can reuse; only queries.py runs the SQL of dashboard/sql."""

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, policy
from dashboard.charts.progress import PROJECTION_HORIZON_MONTHS
from dashboard.wording import LEVELS

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
            "achieved_date": pd.to_datetime(["2019-02-10", None]),  # type: ignore[arg-type]  # pandas-stubs leave out None
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
    assert figure.layout.yaxis.title.text
    assert figure.layout.template.layout.paper_bgcolor == "white"
    assert figure.data
    assert not charts.is_empty(figure)


def test_every_chart_function_is_tested_here() -> None:
    chart_modules = {f"dashboard.charts.{name}" for name in ("progress", "networks", "counts", "milestones")}
    public = {
        name
        for name, value in vars(charts).items()
        if callable(value) and value.__module__ in chart_modules and not name.startswith("_")
    }
    assert public == set(figures())


def test_chart_titles_say_what_is_shown() -> None:
    titles = {name: figure.layout.title.text for name, figure in figures().items()}
    assert titles["coverage_over_time"] == (
        "Practices in a network by area, January 2019 – February 2019, against the 100% target"
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
    code = "import sys, dashboard.charts, dashboard.wording; print('streamlit' in sys.modules)"
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


def test_a_chart_with_nothing_to_show_says_so_instead_of_drawing_an_empty_frame() -> None:
    no_changes = pd.DataFrame({"change": pd.Series(dtype=str), "practices": pd.Series(dtype="int64")})
    figure = charts.changes_by_kind(no_changes, date(2019, 2, 1), date(2019, 3, 1))

    assert charts.is_empty(figure)
    assert [a.text for a in figure.layout.annotations] == ["No changes in March 2019"]
    assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False
    assert charts.text_alternative(figure) == (
        "Chart: Changes since the previous snapshot, February 2019 to March 2019. There is nothing to draw."
    )


def test_counts_of_whole_practices_tick_in_whole_practices() -> None:
    figure = figures()["changes_by_kind"]

    assert figure.layout.xaxis.dtick == 1


def test_every_chart_says_in_words_what_it_shows() -> None:
    assert charts.text_alternative(figures()["integration_mix_over_time"]) == (
        "Chart: Practices by integration level, January 2019 – February 2019. Across: Snapshot month; "
        "up: Practices. Series: No integration, Virtual, Partially integrated, Fully integrated. "
        "Its numbers are in the table below it."
    )


def test_numbers_on_hatched_bars_sit_on_a_solid_white_label() -> None:
    mix = figures()["network_integration_mix"]

    assert not [trace for trace in mix.data if trace.text is not None and len(trace.text)]
    labels = [(a.y, a.text, a.bgcolor) for a in mix.layout.annotations]
    # South Network: 1 virtual, 1 full; North Network: 1 none, 1 virtual, 1 partial
    assert sorted(labels) == sorted(
        [("South Network", "1", "#ffffff")] * 2 + [("North Network", "1", "#ffffff")] * 3
    )


def test_the_band_comes_from_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy, "NETWORK_BAND_LOW", 25_000)
    monkeypatch.setattr(policy, "NETWORK_BAND_HIGH", 45_000)
    figure = charts.network_population(
        pd.DataFrame({"network_name": ["North"], "population": [38000], "band": ["Within 25,000–45,000"]}),
        date(2019, 2, 1),
    )

    assert figure.layout.title.text == (
        "Registered patients per network against the 25,000–45,000 band, February 2019"
    )
    assert (figure.layout.shapes[0].x0, figure.layout.shapes[0].x1) == (25_000, 45_000)
    source = "".join(path.read_text() for path in sorted((ROOT / "dashboard" / "charts").glob("*.py")))
    assert not re.search(r"\b(30_?000|50_?000|30,000|50,000)\b", source)


def test_milestones_are_labelled_with_area_names_when_the_frame_has_them() -> None:
    milestones = pd.DataFrame(
        {
            "ccg_code": ["01A"],
            "area": ["NHS Alpha CCG (01A)"],
            "network_name": ["North Network"],
            "milestone": ["Network agreement signed"],
            "due_date": pd.to_datetime(["2019-01-31"]),
            "achieved_date": pd.to_datetime(["2019-02-10"]),
            "status": ["Achieved late"],
            "judged_on": pd.to_datetime(["2019-02-28"]),
        }
    )
    figure = charts.milestone_timeline(milestones)

    assert list(figure.layout.yaxis.categoryarray) == [
        "NHS Alpha CCG (01A), North Network: Network agreement signed"
    ]


def empty_frames() -> dict[str, go.Figure]:
    """Every chart drawn from frames with its columns and no rows."""

    def frame(*columns: str) -> pd.DataFrame:
        return pd.DataFrame(
            {c: pd.Series(dtype="datetime64[ns]" if "date" in c else object) for c in columns}
        )

    month = date(2019, 3, 1)
    networks = frame("network_name", "population", "band", *[f"level_{level}" for level in LEVELS])
    return {
        "coverage_over_time": charts.coverage_over_time(frame("snapshot_date", "ccg_code", "coverage_pct")),
        "official_coverage_over_time": charts.official_coverage_over_time(
            frame("snapshot_date", "series", "coverage_pct")
        ),
        "integration_mix_over_time": charts.integration_mix_over_time(
            frame("snapshot_date", "integration_level", "practices")
        ),
        "integration_by_contract": charts.integration_by_contract(
            frame("integration_level", "contract_type", "practices"), month
        ),
        "network_population": charts.network_population(networks, month),
        "network_integration_mix": charts.network_integration_mix(networks, month),
        "milestone_timeline": charts.milestone_timeline(
            frame("ccg_code", "network_name", "milestone", "due_date", "achieved_date", "status", "judged_on")
        ),
        "practices_by_reason": charts.practices_by_reason(frame("reason", "practices"), month),
        "changes_by_kind": charts.changes_by_kind(frame("change", "practices"), date(2019, 2, 1), month),
    }


@pytest.mark.parametrize("name", sorted(figures()))
def test_every_chart_with_no_rows_is_empty_without_axes(name: str) -> None:
    figure = empty_frames()[name]

    assert charts.is_empty(figure)
    assert figure.layout.title.text
    assert figure.layout.xaxis.visible is False


def test_networks_without_list_sizes_are_drawn_without_a_population() -> None:
    networks = pd.DataFrame(
        {
            "network_name": ["Official Network", "North Network"],
            "population": pd.array([None, 38000], dtype="Int64"),
            "band": [None, "Within 30,000–50,000"],
            "level_none": [0, 1],
            "level_virtual": [0, 1],
            "level_partial": [0, 1],
            "level_full": [0, 0],
        }
    )
    population = charts.network_population(networks, date(2019, 10, 1))
    mix = charts.network_integration_mix(networks, date(2019, 10, 1))

    assert [list(t.text) for t in population.data if t.type == "bar" and len(t.x)] == [["38,000"]]
    assert list(population.layout.yaxis.categoryarray) == ["Official Network", "North Network"]
    assert not charts.is_empty(mix)


def test_the_pace_in_the_legend_note_comes_from_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy, "TREND_MONTHS", 4)

    figure = figures()["coverage_over_time"]

    assert figure.layout.title.subtitle.text == (
        "Legend: when each area reaches 100% at the pace of its last 4 months<br>(dotted, to a star)"
    )


def test_a_name_from_a_file_is_drawn_as_text_never_as_a_link_or_image() -> None:
    attack = '<a href="https://evil.example">Sign in again</a><img src="https://evil.example/p.png">'
    networks = pd.DataFrame(
        {"network_code": ["U1"], "network_name": [attack], "population": [12_000], "band": ["Below 30,000"]}
    )
    figure = charts.network_population(networks, date(2019, 2, 1))
    drawn = [label for trace in figure.data if trace.y is not None for label in trace.y if label]
    assert drawn == [
        '&lt;a href="https://evil.example">Sign in again&lt;/a>&lt;img src="https://evil.example/p.png">'
    ]
    assert figure.layout.yaxis.categoryarray == tuple(drawn)
    assert "<a " not in figure.to_json() and "<img" not in figure.to_json()


def _projected(reaches: str) -> go.Figure:
    coverage = pd.DataFrame(
        {
            "snapshot_date": pd.to_datetime(["2018-02-01", "2018-03-01"]),
            "ccg_code": ["NHS Doncaster CCG (02X)"] * 2,
            "coverage_pct": [60.0, 62.0],
        }
    )
    projection = pd.DataFrame(
        {
            "ccg_code": ["NHS Doncaster CCG (02X)"],
            "latest_month": pd.to_datetime(["2018-03-01"]),
            "coverage_pct": [62.0],
            "reaches_100_on": pd.to_datetime([f"{reaches}-01"]),
            "reaches_100": [reaches],
        }
    )
    return charts.coverage_over_time(coverage, projection)


def test_a_projection_within_the_horizon_shows_its_star_inside_the_axis() -> None:
    figure = _projected("2018-12")
    projected = next(t for t in figure.data if t.name.endswith("projected"))
    assert pd.Timestamp(projected.x[-1]) == pd.Timestamp("2018-12-01") and projected.y[-1] == 100
    assert pd.Timestamp(figure.layout.xaxis.range[1]) > pd.Timestamp("2018-12-01")
    assert figure.data[0].name == "NHS Doncaster CCG (02X): 100% by December 2018"


def test_a_projection_beyond_the_horizon_says_so_and_stops_at_the_edge() -> None:
    figure = _projected("2020-07")
    projected = next(t for t in figure.data if t.name.endswith("projected"))
    edge = pd.Timestamp("2018-03-01") + pd.DateOffset(months=PROJECTION_HORIZON_MONTHS)
    assert pd.Timestamp(projected.x[-1]) == edge and 62 < projected.y[-1] < 100
    assert pd.Timestamp(figure.layout.xaxis.range[1]) > edge
    assert figure.layout.title.subtitle.text.endswith(
        "to an arrow at the edge where 100% lies beyond the chart)"
    )
    # the chart ends 12 months after its last month (March 2018): in March 2019
    assert (
        figure.data[0].name
        == "NHS Doncaster CCG (02X): 100% by July 2020 (beyond this chart, which ends in March 2019)"
    )


def test_the_legend_names_the_edge_of_a_chart_that_spans_years() -> None:
    """Six years of months (October 2019 – December 2025) end, with the horizon, in December 2026: the
    legend says so, not that the chart has 12 months."""
    months = pd.to_datetime(["2019-10-01", "2022-01-01", "2024-10-01", "2025-12-01"])
    coverage = pd.DataFrame(
        {"snapshot_date": months, "ccg_code": ["England"] * 4, "coverage_pct": [94.7, 96.0, 97.6, 97.7]}
    )
    projection = pd.DataFrame(
        {
            "ccg_code": ["England"],
            "latest_month": pd.to_datetime(["2025-12-01"]),
            "coverage_pct": [97.7],
            "reaches_100_on": pd.to_datetime(["2031-06-01"]),
            "reaches_100": ["2031-06"],
        }
    )
    figure = charts.coverage_over_time(coverage, projection)
    assert (
        figure.data[0].name == "England: 100% by June 2031 (beyond this chart, which ends in December 2026)"
    )
    assert pd.Timestamp(figure.layout.xaxis.range[1]).strftime("%Y-%m") == "2026-12"
    assert "12 months" not in figure.to_json()

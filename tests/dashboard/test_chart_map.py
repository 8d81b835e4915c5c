"""The map, the peers' strip and the coverage chart's axis, as pure functions on small frames."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import charts
from dashboard.charts import map as chart_map
from dashboard.charts.peers import peer_strip
from dashboard.charts.style import MAP_SHADES, text_alternative
from dashboard.content.peers import compare, ordinal, standing_text
from dashboard.ui.map_choice import chosen_on_map
from dashboard.view import View

SQUARE = [[[-1.0, 53.0], [0.0, 53.0], [0.0, 54.0], [-1.0, 54.0], [-1.0, 53.0]]]
SMALL = [[[-0.6, 53.4], [-0.4, 53.4], [-0.4, 53.6], [-0.6, 53.6], [-0.6, 53.4]]]
OUTLINES = pd.DataFrame(
    {
        "code": ["01A", "02B"],
        "rings": [SQUARE, SMALL],
        "inside_lon": [-0.9, -0.5],
        "inside_lat": [53.2, 53.5],
    }
)
SHARES = pd.DataFrame(
    {"code": ["01A", "02B", "03C"], "name": ["Alpha (01A)", "Beta (02B)", "Gamma (03C)"],
     "practices": [20, 10, 5], "practices_in_network": [19, 10, 5]}
)  # fmt: skip


@pytest.mark.parametrize(
    ("practices", "in_network", "words"),
    [(10, 10, "100%"), (10_000, 9_999, "98% to under 100%"), (50, 49, "98% to under 100%"),
     (100, 97, "95% to under 98%"), (20, 19, "95% to under 98%"), (166, 161, "95% to under 98%"),
     (10, 9, "90% to under 95%"), (10, 8, "Under 90%"), (0, 0, "100%")],
)  # fmt: skip
def test_each_share_has_its_shade(practices: int, in_network: int, words: str) -> None:
    assert chart_map.shade(practices, in_network)[0] == words


def test_the_map_draws_each_outlined_area_with_its_shade_and_a_dot_to_click() -> None:
    fig = chart_map.coverage_map(OUTLINES, SHARES, "Practices in a network by area, May 2024")
    areas = [trace for trace in fig.data if trace.fill == "toself"]
    # the larger outline first, so that a smaller one inside it stays on top; Gamma has no outline
    assert [trace.name for trace in areas] == [
        "Alpha (01A): 19 of 20 (95.0%)",
        "Beta (02B): 10 of 10 (100.0%)",
    ]
    colours = {words: colour for _, words, colour, _ in MAP_SHADES}
    assert [trace.fillcolor for trace in areas] == [colours["95% to under 98%"], colours["100%"]]
    assert areas[0].fillpattern.shape == "." and areas[1].fillpattern.shape is None
    dots = next(trace for trace in fig.data if trace.meta == chart_map.AREA_DOTS)
    assert [list(point) for point in dots.customdata] == [["area", "01A"], ["area", "02B"]]
    legend = [trace.name for trace in fig.data if trace.showlegend is not False and trace.fill != "toself"]
    assert legend[:2] == ["100% of practices in a network", "95% to under 98% of practices in a network"]
    # longitude is drawn shorter than latitude by cos(latitude), as on the ground
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.scaleratio == pytest.approx(1 / 0.5948, abs=0.001)  # cos(53.5°)
    assert chart_map.AREA_DOTS not in [trace.meta for trace in chart_map.on_paper(fig).data]


def test_practices_are_points_by_status_with_their_pcn_in_the_hover() -> None:
    practices = pd.DataFrame(
        {"practice_code": ["A00001", "A00002"], "practice_name": ["<b>Alpha</b> Surgery", "Beta Practice"],
         "network_name": ["North PCN", None], "status": ["in a network", "left out"],
         "ccg_code": ["01A", "01A"], "longitude": [-0.7, -0.8], "latitude": [53.3, 53.7]}
    )  # fmt: skip
    fig = chart_map.coverage_map(OUTLINES, SHARES, "Map", practices)
    points = {trace.name: trace for trace in fig.data if trace.mode == "markers" and trace.meta is None}
    assert points["Practice left out (1)"].hovertext == (
        "Beta Practice (A00002)<br>PCN: none<br>Status: left out",
    )
    assert points["Practice in a network (1)"].hovertext == (
        "&lt;b>Alpha&lt;/b> Surgery (A00001)<br>PCN: North PCN<br>Status: in a network",
    )
    # under the points the shades are pale, their outlines in the full shade
    alpha = next(trace for trace in fig.data if trace.fill == "toself")
    assert alpha.fillcolor.startswith("rgba(") and alpha.line.color == MAP_SHADES[2][2]


def test_a_map_with_no_outline_to_draw_says_so() -> None:
    fig = chart_map.coverage_map(OUTLINES, SHARES.iloc[2:], "Map")
    assert text_alternative(fig) == "Chart: Map. There is nothing to draw."


def test_a_click_chooses_the_areas_whose_dots_it_holds_never_a_practice() -> None:
    selection = {
        "points": [
            {"customdata": ["area", "03F"]},
            {"customdata": ["practice", "B81058", "03F"]},
            {"customdata": ["area", "02Y"]},
            {"customdata": ["area", "03F"]},
            {"x": 1.0},
        ]
    }
    assert chosen_on_map(selection) == ["03F", "02Y"]
    assert chosen_on_map(None) == [] and chosen_on_map({"points": []}) == []


BY_AREA = pd.DataFrame(
    {"ccg_code": ["01A", "01B", "02A", "02B", "03A"],
     "icb_code": ["QAA", "QAA", "QBB", "QBB", "QCC"],
     "icb_name": ["NHS Aa Integrated Care Board"] * 2 + ["NHS Bb Integrated Care Board"] * 2
                 + ["NHS Cc Integrated Care Board"],
     "region_code": ["Y1", "Y1", "Y1", "Y1", "Y2"], "region_name": ["North"] * 4 + ["South"],
     "source": ["official"] * 5,
     "practices": [10, 10, 20, 20, 40], "practices_in_network": [10, 8, 19, 19, 38]}
)  # fmt: skip
AREAS = BY_AREA.assign(name=BY_AREA["ccg_code"], ccg_name=None)[
    ["ccg_code", "name", "ccg_name", "icb_code", "icb_name", "region_code", "region_name"]
]
OCTOBER = date(2024, 10, 1)


def test_an_icb_is_beside_england_and_placed_among_the_icbs() -> None:
    peers = compare(BY_AREA, AREAS, View(("01A", "01B"), OCTOBER, False, "Aa ICB (QAA)"))
    assert peers.england == "England, October 2024: 94 of 100 (94.0%)"
    # QAA 18/20 = 90%, QBB 38/40 = 95%, QCC 38/40 = 95%: QAA is the lowest of 3
    assert peers.standing == (
        "Aa ICB (QAA): 90.0% of its practices are in a network, the lowest of the 3 ICBs; "
        "they range from 90.0% to 95.0%."
    )
    assert peers.chart is not None
    assert peers.chart.numbers.to_dict("list") == {
        "icb": ["Bb ICB (QBB)", "Cc ICB (QCC)", "Aa ICB (QAA)"],
        "practices": [40, 40, 20],
        "practices_in_network": [38, 38, 18],
        "coverage_pct": [95.0, 95.0, 90.0],
    }


def test_an_area_is_placed_among_the_areas_of_its_icb_and_equal_shares_share_a_place() -> None:
    peers = compare(BY_AREA, AREAS, View(("02A",), OCTOBER, False, "02A"))
    assert peers.standing == (
        "02A: 95.0% of its practices are in a network, the highest of the 2 areas of its ICB "
        "(joint, with 1 other); they range from 95.0% to 95.0%."
    )


def test_england_itself_and_a_mixed_choice_have_no_peers() -> None:
    assert compare(BY_AREA, AREAS, View(tuple(BY_AREA["ccg_code"]), OCTOBER, True, "England")).england is None
    mixed = compare(BY_AREA, AREAS, View(("01A", "02A"), OCTOBER, False, "2 areas"))
    assert mixed.england == "England, October 2024: 94 of 100 (94.0%)"
    assert mixed.standing is None and mixed.chart is None


def test_one_area_alone_of_its_icb_with_data_is_placed_nowhere_unless_it_is_the_whole_icb() -> None:
    # tracker months: only 01A of QAA has data; QAA has two open areas, so 01A is not QAA
    tracked = BY_AREA.loc[BY_AREA["ccg_code"] != "01B"]
    assert (
        compare(tracked, AREAS.assign(closed_on=None), View(("01A",), OCTOBER, False, "01A")).standing is None
    )
    # once 01B has closed, 01A is all of QAA: an ICB among the ICBs
    closed = AREAS.assign(closed_on=[None, "2023-04-01", None, None, None])  # type: ignore[list-item]  # pandas-stubs leave out None
    assert "of the 3 ICBs" in str(compare(tracked, closed, View(("01A",), OCTOBER, False, "01A")).standing)


def test_a_region_is_placed_among_the_regions() -> None:
    peers = compare(BY_AREA, AREAS, View(("03A",), OCTOBER, False, "South (Y2)"))
    # 03A is the only area of its ICB and its region: an ICB among ICBs comes first
    assert peers.standing is not None and "of the 3 ICBs" in peers.standing
    north = compare(BY_AREA, AREAS, View(("01A", "01B", "02A", "02B"), OCTOBER, False, "North (Y1)"))
    assert north.standing == (
        "North (Y1): 93.3% of its practices are in a network, the lowest of the 2 regions; "
        "they range from 93.3% to 95.0%."
    )


ORDINALS = [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
            (21, "21st"), (22, "22nd"), (42, "42nd")]  # fmt: skip


@pytest.mark.parametrize(("number", "words"), ORDINALS)
def test_ordinals(number: int, words: str) -> None:
    assert ordinal(number) == words


def test_a_place_in_the_middle_is_counted_from_the_highest() -> None:
    peers = pd.DataFrame(
        {"code": list("abcd"), "name": list("ABCD"), "practices": [100] * 4,
         "practices_in_network": [99, 97, 98, 96], "coverage_pct": [99.0, 97.0, 98.0, 96.0]}
    )  # fmt: skip
    assert standing_text(peers, "b", "ICB").startswith(
        "B: 97.0% of its practices are in a network, 3rd highest"
    )


def test_the_peers_strip_highlights_the_chosen_one_and_marks_england() -> None:
    peers = pd.DataFrame(
        {"name": ["A", "B", "C"], "practices": [10, 10, 10], "practices_in_network": [9, 10, 10],
         "coverage_pct": [90.0, 100.0, 100.0], "chosen": [True, False, False]}
    )  # fmt: skip
    fig = peer_strip(peers, "Where A stands", england_share=95.0, others_name="The other ICBs")
    assert [trace.name for trace in fig.data] == ["The other ICBs", "A"]
    assert list(fig.data[0].y) == [0.0, 0.5]  # two at 100% are stacked, both visible
    assert fig.layout.shapes[0].x0 == 95.0
    assert text_alternative(fig) == (
        "Chart: Where A stands. Each of 3 dots is one at its share of practices in a network; A is the "
        "blue diamond at 90.0%. England's share (95.0%) is the dashed line. Its numbers are in the table "
        "below it."
    )


def test_the_coverage_axis_fits_the_data_so_one_point_shows_and_the_target_sits_above_it() -> None:
    months = pd.date_range("2024-01-01", periods=4, freq="MS")
    coverage = pd.DataFrame(
        {"snapshot_date": list(months) * 2, "ccg_code": ["A"] * 4 + ["B"] * 4,
         "coverage_pct": [84.0, 85.0, 86.0, 87.0, 99.0, 100.0, 100.0, 100.0]}
    )  # fmt: skip
    fig = charts.coverage_over_time(coverage)
    low, high = fig.layout.yaxis.range
    assert 80 <= low < 84 and 100 < high <= 103  # not 0–105: a point is a twentieth of the axis
    target = fig.layout.annotations[0]
    assert target.text == "Target: 100% (every practice in a network)"
    assert target.yanchor == "bottom" and target.y == 100  # above the line, not under the data


def test_many_areas_are_one_highlighted_line_over_grey_ones() -> None:
    months = pd.date_range("2024-01-01", periods=3, freq="MS")
    together = pd.DataFrame(
        {"snapshot_date": months, "ccg_code": "England", "coverage_pct": [95.0, 96.0, 97.0]}
    )
    each = pd.DataFrame(
        {"snapshot_date": list(months) * 20, "ccg_code": [f"ICB {i}" for i in range(20) for _ in range(3)],
         "coverage_pct": [90.0 + i % 10 for i in range(20) for _ in range(3)]}
    )  # fmt: skip
    fig = charts.coverage_over_time(together, context=each, context_name="Each ICB (grey)")
    (grey,) = [trace for trace in fig.data if trace.legendgroup == "context"]  # one legend entry
    named = list(dict.fromkeys(part for part in grey.customdata if part))
    assert named == sorted(f"ICB {i}" for i in range(20))
    assert sum(y is None or y != y for y in grey.y) == 20  # each line broken from the next
    assert grey.line.color == "#8C8C8C"
    assert "Series: Each ICB (grey), England." in text_alternative(fig)


def test_a_pcn_of_three_practices_or_more_is_a_dotted_line_around_them_labelled_approximate() -> None:
    practices = pd.DataFrame(
        {"practice_code": ["A1", "A2", "A3", "A4", "B1", "B2"],
         "practice_name": ["P1", "P2", "P3", "P4", "Q1", "Q2"],
         "network_name": ["North PCN"] * 4 + ["South PCN"] * 2, "status": ["in a network"] * 6,
         "ccg_code": ["01A"] * 6, "longitude": [-0.9, -0.5, -0.7, -0.7, -0.2, -0.3],
         "latitude": [53.1, 53.1, 53.9, 53.5, 53.2, 53.3]}
    )  # fmt: skip
    fig = chart_map.coverage_map(OUTLINES, SHARES, "Map", practices)
    (lines,) = [trace for trace in fig.data if str(trace.name).startswith("A PCN")]
    assert lines.name == "A PCN, approximate: a line around its practices" and lines.line.dash == "dot"
    # North PCN's corners, closed, and nothing for South PCN (two practices make no area)
    assert list(lines.x) == [-0.9, -0.5, -0.7, -0.9, None]
    assert set(lines.hovertext) == {"North PCN (approximate: drawn around its practices)", None}
    assert chart_map.convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0)]) == [
        (0, 0),
        (2, 0),
        (2, 2),
        (0, 2),
    ]


def test_the_official_coverage_axis_fits_the_data_too() -> None:
    months = pd.date_range("2019-10-01", periods=3, freq="MS")
    series = pd.DataFrame(
        {"snapshot_date": list(months) * 2, "series": ["Official: England"] * 3 + ["Tracker: 02X"] * 3,
         "coverage_pct": [94.0, 95.5, 96.0, 97.0, 98.0, 100.0]}
    )  # fmt: skip
    fig = charts.official_coverage_over_time(series)
    low, high = fig.layout.yaxis.range
    assert 90 <= low < 94 and 100 < high <= 103
    assert fig.layout.annotations[0].text == "Target: 100%"


@pytest.mark.parametrize("with_postcode", [True, False])
def test_the_map_reads_the_registers_postcode_where_the_database_has_one(
    tmp_path, with_postcode: bool
) -> None:
    import duckdb

    from dashboard import queries

    db = tmp_path / "tracker.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            "create table practice_months (month date, practice_code varchar, practice_name varchar, "
            "ccg_code varchar, network_code varchar, network_name varchar, source varchar, "
            "snapshot_status varchar)"
        )
        con.executemany(
            "insert into practice_months values (date '2025-12-01', ?, ?, '03Q', ?, ?, 'official', ?)",
            [
                ["Y08516", "YORK GP EXTENDED ACCESS", None, None, "not_listed"],
                ["B82005", "PRIORY MEDICAL GROUP", "U1", "YORK PCN", "in_pcn"],
                ["B82018", "HAXBY", None, None, "unallocated"],
            ],
        )
        extra = ", 'YO24 4LJ' as postcode" if with_postcode else ""
        con.execute(f"create table official_practices as select 'Y08516' as practice_code{extra}")
    rows = queries.practices_on_map(db, ("03Q",), date(2025, 12, 1)).set_index("practice_code")
    assert rows["status"].to_dict() == {
        "B82005": "in a network",
        "B82018": "left out",
        "Y08516": "not in the snapshot",
    }
    assert rows.loc["Y08516", "postcode"] == ("YO24 4LJ" if with_postcode else None)

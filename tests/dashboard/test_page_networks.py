"""The Networks page: each network's population against the 30,000–50,000 band, members, integration mix."""

from datetime import date
from pathlib import Path

import pytest

from dashboard import queries
from dashboard.content.networks import networks_content
from dashboard.view import View
from tests.dashboard.helpers import table_with


def test_networks_are_measured_against_the_band(open_page) -> None:
    at = open_page("networks")
    sizes = at.dataframe[0].value
    assert sizes[["network_name", "practices", "population", "band"]].values.tolist() == [
        ["South Network", 2, 17000, "Below 30,000"],
        ["North Network", 3, 38000, "Within 30,000–50,000"],
        ["East Network", 3, 51000, "Above 50,000"],
    ]
    assert [(m.label, m.value) for m in at.metric] == [
        ("Networks", "3"),
        ("Below 30,000 patients", "1"),
        ("Within 30,000–50,000", "1"),
        ("Above 50,000 patients", "1"),
        ("Single-practice networks", "0"),
    ]
    assert at.caption[1].value == "Source: the tracker."


def test_networks_list_every_member_practice(open_page) -> None:
    members = open_page("networks").dataframe[1].value
    assert members[["network_name", "practice_code"]].values.tolist() == [
        ["East Network", "B00003"],
        ["East Network", "B00004"],
        ["East Network", "B00005"],
        ["North Network", "A00001"],
        ["North Network", "A00002"],
        ["North Network", "A00006"],
        ["South Network", "B00001"],
        ["South Network", "B00002"],
    ]


def test_networks_show_their_integration_mix(open_page) -> None:
    mix = open_page("networks").dataframe[2].value
    assert mix[
        ["network_name", "level_none", "level_virtual", "level_partial", "level_full"]
    ].values.tolist() == [
        ["South Network", 0, 1, 0, 1],
        ["North Network", 1, 1, 1, 0],
        ["East Network", 0, 2, 1, 0],
    ]


def test_networks_from_the_official_files_alone(open_official_only_page) -> None:
    at = open_official_only_page("networks")
    sizes = at.dataframe[0].value
    assert sizes[["network_name", "areas", "practices", "population", "band"]].values.tolist() == [
        ["GAMMA PCN", "NHS Gamma CCG (03C)", 2, 16000, "Below 30,000"],
        ["ALPHA PCN", "NHS Alpha CCG (01A)", 4, 43000, "Within 30,000–50,000"],
        ["BETA PCN", "NHS Beta CCG (02B)", 4, 53000, "Above 50,000"],
    ]
    assert at.caption[1].value == "Source: the official files."
    assert [h.value for h in at.header] == ["Member practices"]  # no integration levels in official files
    members = table_with(at, "practice_code")
    assert members.loc[members["network_name"] == "GAMMA PCN", "area"].tolist() == ["NHS Gamma CCG (03C)"] * 2


@pytest.mark.slow
def test_the_bands_add_up_to_every_network_on_the_real_files(october_2024: Path) -> None:
    """England, October 2024: a network with no known list size is counted as such, not left out."""
    areas = tuple(queries.areas(october_2024)["ccg_code"])
    content = networks_content(october_2024, View(areas, date(2024, 10, 1), True, "England"))
    counts = dict(content.band_counts)
    banded = sum(
        value for label, value in counts.items() if label not in {"Networks", "Single-practice networks"}
    )
    assert banded == counts["Networks"] == len(content.networks)
    assert counts["Single-practice networks"] == int((content.networks["practices"] == 1).sum()) > 0

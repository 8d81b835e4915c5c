"""The map's prepared files (data/geo/) against the public files they come from (../shared/geo)."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "data" / "geo"
SHARED = ROOT.parent / "shared" / "geo"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/geo is not present")


def areas(name: str) -> dict[str, dict]:
    return json.loads((GEO / name).read_text(encoding="utf-8"))["areas"]


def lookup() -> list[dict[str, str]]:
    with open(SHARED / "SICBL23_ICB23_NHSER23_lookup_April2023.csv", encoding="utf-8-sig") as file:
        return list(csv.DictReader(file))


@needs_shared
def test_every_sub_icb_location_and_icb_is_there_by_its_ods_code() -> None:
    rows = lookup()
    sub_icbs, icbs = areas("sub_icb_locations.json"), areas("icbs.json")
    assert set(sub_icbs) == {row["SICBL23CDH"] for row in rows} and len(sub_icbs) == 106
    assert set(icbs) == {row["ICB23CDH"] for row in rows} and len(icbs) == 42
    assert {code: area["icb_code"] for code, area in sub_icbs.items()} == {
        row["SICBL23CDH"]: row["ICB23CDH"] for row in rows
    }
    assert sub_icbs["03F"]["name"] == "NHS Humber and North Yorkshire ICB - 03F"
    assert icbs["QOQ"]["name"] == "NHS Humber and North Yorkshire Integrated Care Board"


def test_outlines_are_longitude_and_latitude_inside_england() -> None:
    for name in ("sub_icb_locations.json", "icbs.json"):
        for code, area in areas(name).items():
            points = [point for ring in area["rings"] for point in ring]
            assert points, code
            assert all(-6.5 < lon < 2.0 and 49.8 < lat < 55.9 for lon, lat in points), code
            assert all(ring[0] == ring[-1] for ring in area["rings"]), code  # closed rings


def distance_km(first: tuple[float, float], second: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = first, second
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(x, math.radians(lat2 - lat1))


@needs_shared
def test_a_point_inside_an_area_lies_among_its_practices() -> None:
    # Hull (03F): the point inside its outline is within 10 km of its practices' middle, as the
    # location file (latitude and longitude, no conversion) places them; so the BNG conversion holds
    with open(SHARED / "swa_practice_pcn_lookup_latlong_2024-02.csv", encoding="utf-8") as file:
        hull = [
            (float(row["PRAC_LNG"]), float(row["PRAC_LAT"]))
            for row in csv.DictReader(file)
            if row["LOC_CODE"] == "03F"
        ]
    middle = (sum(p[0] for p in hull) / len(hull), sum(p[1] for p in hull) / len(hull))
    inside = areas("sub_icb_locations.json")["03F"]["inside"]
    assert distance_km((inside[0], inside[1]), middle) < 10


@needs_shared
def test_practice_points_are_the_location_files_practices() -> None:
    with open(SHARED / "swa_practice_pcn_lookup_latlong_2024-02.csv", encoding="utf-8") as file:
        published = {
            row["PRAC_CODE"]: (row["PRAC_POSTCODE"], row["PRAC_LAT"], row["PRAC_LNG"])
            for row in csv.DictReader(file)
        }
    with open(GEO / "practice_points.csv", encoding="utf-8") as file:
        prepared = {
            row["practice_code"]: (row["postcode"], row["latitude"], row["longitude"])
            for row in csv.DictReader(file)
        }
    assert len(prepared) == len(published) == 6325
    assert prepared["B81097"] == ("HU9 3JA", "53.76428", "-0.29284")  # Delta Healthcare, Hull
    assert published["B81097"] == ("HU9 3JA", "53.764281", "-0.292835")
    with open(GEO / "postcode_districts.csv", encoding="utf-8") as file:
        districts = {row["district"]: row for row in csv.DictReader(file)}
    hu9 = [point for point in published.values() if point[0].split(" ")[0] == "HU9"]
    assert int(districts["HU9"]["practices"]) == len(hu9)
    assert float(districts["HU9"]["latitude"]) == pytest.approx(
        sum(float(p[1]) for p in hu9) / len(hu9), abs=1e-5
    )


def test_a_practice_newer_than_the_location_file_is_placed_by_its_postcode() -> None:
    from dashboard import geography

    asked = pd.DataFrame(
        {
            "practice_code": ["B81097", "Y06247", "Y08516", "Y99999", "Y99998"],
            "postcode": [None, "HU15 2UL", "yo24  4lj", "", "ZZ1 1ZZ"],
        }
    )
    placed = geography.placed(asked).set_index("practice_code")
    assert placed.loc["B81097", "located"] == "at its postcode"  # its own point
    # Improved Access shares Gilberdyke Health Centre's postcode with a practice the file places
    assert placed.loc["Y06247", "located"] == "at its postcode"
    assert placed.loc["Y08516", "located"] == "approximately"  # the middle of YO24's practices
    districts = geography.postcode_districts().set_index("district")
    assert placed["latitude"]["Y08516"] == districts["latitude"]["YO24"]
    assert placed.loc[["Y99999", "Y99998"], "located"].tolist() == ["", ""]
    assert placed.loc[["Y99999", "Y99998"], "latitude"].isna().all()


@needs_shared
@pytest.mark.slow
def test_preparing_again_writes_the_same_bytes(tmp_path: Path) -> None:
    command = [sys.executable, str(GEO / "prepare.py"), "--source", str(SHARED), "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    for name in ("sub_icb_locations.json", "icbs.json", "practice_points.csv", "postcode_districts.csv"):
        assert (tmp_path / name).read_bytes() == (GEO / name).read_bytes(), name


def test_every_prepared_file_carries_the_attribution() -> None:
    for name in ("sub_icb_locations.json", "icbs.json"):
        said = json.loads((GEO / name).read_text(encoding="utf-8"))["attribution"]
        assert "Contains OS data © Crown copyright and database right 2023" in said
    assert "Contains Royal Mail data © Royal Mail copyright" in (GEO / "README.md").read_text(
        encoding="utf-8"
    )


def test_the_dashboard_draws_the_map_without_pyproj_or_shapely() -> None:
    code = (
        "import sys; from dashboard import geography; import dashboard.charts.map, dashboard.content.map;"
        "import dashboard.boardpack.contents;"
        "geography.outlines('sub_icb'); geography.practice_points();"
        "print(sorted({'pyproj', 'shapely'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"

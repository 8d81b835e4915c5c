"""Prepare the map's small files from the public geography in ../shared/geo, once (not at run time).

The boundaries are published in British National Grid (EPSG:27700); the map draws longitude and
latitude. This script converts them with pyproj, simplifies them with shapely (a page draws 106
areas, not a surveyor's plan) and writes, into this folder:

- sub_icb_locations.json: each sub-ICB location by its ODS code (02P), its ICB's ODS code (QOQ),
  a point inside it (where a click chooses it) and its outline as rings of [longitude, latitude];
- icbs.json: the same for the 42 ICBs (ODS codes joined from the ONS lookup);
- practice_points.csv: practice_code, postcode, latitude, longitude of every practice the location
  file has; postcode_districts.csv: the middle of each postcode district's practices, where a newer
  practice is placed, approximately, by its postcode.

The dashboard reads these with the standard library and pandas: it never needs pyproj or shapely.

    .venv/bin/python data/geo/prepare.py [--source ../shared/geo]
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, shape

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[2] / "shared" / "geo"
SUB_ICB_FILE = "SubICB_April_2023_EN_BSC.geojson"
ICB_FILE = "ICB_April_2023_EN_BSC.geojson"
LOOKUP_FILE = "SICBL23_ICB23_NHSER23_lookup_April2023.csv"
PRACTICE_FILE = "swa_practice_pcn_lookup_latlong_2024-02.csv"
# metres, in the National Grid: finer than a page can show, coarse enough to keep the files small
SIMPLIFY_METRES = {"sub_icb": 300.0, "icb": 400.0}
SMALLEST_ISLAND_M2 = 3_000_000.0  # parts smaller than 3 km² (a few islets) are left out
DECIMALS = 4  # about 10 metres of longitude or latitude
ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2023. Contains Royal Mail data © Royal Mail "
    "copyright and database right 2023. Contains information from NHS England, licensed under the "
    "current version of the Open Government Licence."
)
TO_LONGITUDE_LATITUDE = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def outline(geometry: dict[str, Any], tolerance: float) -> tuple[list[list[list[float]]], list[float]]:
    """The outer rings of a BNG (Multi)Polygon, simplified, as [[lon, lat], ...], and a point inside it."""
    simple = shape(geometry).buffer(0).simplify(tolerance, preserve_topology=True)
    parts = list(simple.geoms) if isinstance(simple, MultiPolygon) else [simple]
    largest = max(parts, key=lambda part: part.area)
    kept = [part for part in parts if isinstance(part, Polygon) and part.area >= SMALLEST_ISLAND_M2]
    rings = []
    for part in sorted(kept or [largest], key=lambda p: -p.area):
        projected = shapely.transform(part, TO_LONGITUDE_LATITUDE.transform, interleaved=False)
        rings.append([[round(x, DECIMALS), round(y, DECIMALS)] for x, y in projected.exterior.coords])
    inside = shapely.transform(
        largest.representative_point(), TO_LONGITUDE_LATITUDE.transform, interleaved=False
    )
    return rings, [round(inside.x, DECIMALS), round(inside.y, DECIMALS)]


def read_lookup(source: Path) -> list[dict[str, str]]:
    with open(source / LOOKUP_FILE, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def sub_icb_locations(source: Path, lookup: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """ODS code -> name, ICB, point inside, rings; joined on the ODS code at the end of the name."""
    icb_of = {row["SICBL23CDH"]: row["ICB23CDH"] for row in lookup}
    features = json.loads((source / SUB_ICB_FILE).read_text(encoding="utf-8"))["features"]
    areas: dict[str, dict[str, Any]] = {}
    for feature in features:
        name = feature["properties"]["SICBL23NM"]
        code = name.rsplit(" - ", 1)[1].strip()
        rings, inside = outline(feature["geometry"], SIMPLIFY_METRES["sub_icb"])
        areas[code] = {"name": name, "icb_code": icb_of[code], "inside": inside, "rings": rings}
    return dict(sorted(areas.items()))


def icbs(source: Path, lookup: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """ICB ODS code -> name, point inside, rings; the ODS code joined from the lookup's ONS code."""
    ods_of = {row["ICB23CD"]: row["ICB23CDH"] for row in lookup}
    features = json.loads((source / ICB_FILE).read_text(encoding="utf-8"))["features"]
    boards: dict[str, dict[str, Any]] = {}
    for feature in features:
        properties = feature["properties"]
        rings, inside = outline(feature["geometry"], SIMPLIFY_METRES["icb"])
        boards[ods_of[properties["ICB23CD"]]] = {
            "name": properties["ICB23NM"],
            "inside": inside,
            "rings": rings,
        }
    return dict(sorted(boards.items()))


def practice_points(source: Path) -> list[tuple[str, str, float, float]]:
    """(practice code, postcode, latitude, longitude) of every practice with a known postcode location."""
    with open(source / PRACTICE_FILE, encoding="utf-8-sig", newline="") as file:
        rows = [
            (
                row["PRAC_CODE"].strip(),
                " ".join(row["PRAC_POSTCODE"].split()).upper(),
                round(float(row["PRAC_LAT"]), 5),
                round(float(row["PRAC_LNG"]), 5),
            )
            for row in csv.DictReader(file)
            if row["PRAC_LAT"] not in ("", "NA") and row["PRAC_LNG"] not in ("", "NA")
        ]
    return sorted(rows)


def postcode_districts(points: list[tuple[str, str, float, float]]) -> list[tuple[str, int, float, float]]:
    """(postcode district, practices, latitude, longitude): the middle of the practices of each district
    ('HU3' of 'HU3 4BB'), where the map places a practice it knows only by its postcode, approximately."""
    districts: dict[str, list[tuple[float, float]]] = {}
    for _, postcode, latitude, longitude in points:
        districts.setdefault(postcode.split(" ")[0], []).append((latitude, longitude))
    return [
        (
            district,
            len(located),
            round(sum(p[0] for p in located) / len(located), 5),
            round(sum(p[1] for p in located) / len(located), 5),
        )
        for district, located in sorted(districts.items())
        if district
    ]


def write_outlines(path: Path, kind: str, shapes: dict[str, dict[str, Any]]) -> None:
    document = {"what": kind, "attribution": ATTRIBUTION, "areas": shapes}
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def prepare(source: Path, out: Path) -> None:
    """Write the three files into `out` from the public files in `source`."""
    lookup = read_lookup(source)
    write_outlines(
        out / "sub_icb_locations.json",
        "Sub-ICB locations (April 2023), outlines in longitude and latitude, by ODS code",
        sub_icb_locations(source, lookup),
    )
    write_outlines(
        out / "icbs.json",
        "ICBs (April 2023), outlines in longitude and latitude, by ODS code",
        icbs(source, lookup),
    )
    points = practice_points(source)
    with open(out / "practice_points.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["practice_code", "postcode", "latitude", "longitude"])
        writer.writerows(points)
    with open(out / "postcode_districts.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["district", "practices", "latitude", "longitude"])
        writer.writerows(postcode_districts(points))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the folder of the public files")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the map's files")
    arguments = parser.parse_args()
    prepare(arguments.source, arguments.out)


if __name__ == "__main__":
    main()

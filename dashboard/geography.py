"""The map's outlines and practice locations, read from the small files prepared once in data/geo/.

data/geo/prepare.py converted the public boundaries from British National Grid to longitude and
latitude; here they are only read (standard library and pandas), once per process.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd

GEO_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"
SUB_ICB_FILE = "sub_icb_locations.json"
ICB_FILE = "icbs.json"
PRACTICE_FILE = "practice_points.csv"
DISTRICT_FILE = "postcode_districts.csv"
# what the map's outlines and locations come from, said under every map (the files' licence asks it)
ATTRIBUTION = (
    "Boundaries: ONS sub-ICB locations and ICBs, April 2023; practice locations: their postcodes "
    "(ONS Postcode Directory, May 2023). Source: Office for National Statistics licensed under the Open "
    "Government Licence v.3.0. Contains OS data © Crown copyright and database right 2023. Contains "
    "Royal Mail data © Royal Mail copyright and database right 2023. Contains information from NHS "
    "England, licensed under the current version of the Open Government Licence."
)


@functools.lru_cache(maxsize=2)
def outlines(level: str) -> pd.DataFrame:
    """One row per sub-ICB location ('sub_icb') or ICB ('icb'): code, name, icb_code, inside_lon,
    inside_lat (a point inside it) and rings (its outline: lists of [longitude, latitude])."""
    name = SUB_ICB_FILE if level == "sub_icb" else ICB_FILE
    areas = json.loads((GEO_DIR / name).read_text(encoding="utf-8"))["areas"]
    return pd.DataFrame(
        [
            {
                "code": code,
                "name": area["name"],
                "icb_code": area.get("icb_code", code),
                "inside_lon": area["inside"][0],
                "inside_lat": area["inside"][1],
                "rings": area["rings"],
            }
            for code, area in areas.items()
        ]
    )


@functools.lru_cache(maxsize=1)
def practice_points() -> pd.DataFrame:
    """practice_code, postcode, latitude, longitude of every practice the location file places."""
    return pd.read_csv(
        GEO_DIR / PRACTICE_FILE,
        dtype={"practice_code": str, "postcode": str, "latitude": float, "longitude": float},
        keep_default_na=False,
    )


@functools.lru_cache(maxsize=1)
def postcode_districts() -> pd.DataFrame:
    """district ('HU3'), practices, latitude, longitude: the middle of each district's practices."""
    return pd.read_csv(
        GEO_DIR / DISTRICT_FILE,
        dtype={"district": str, "practices": int, "latitude": float, "longitude": float},
        keep_default_na=False,
    )


def placed(practices: pd.DataFrame) -> pd.DataFrame:
    """The practices with latitude, longitude and `located`: 'at its postcode' (the location file's own
    point, or another practice's at the same postcode), 'approximately' (the middle of its postcode
    district's practices) or '' (no location). `practices` has practice_code and, if known, postcode."""
    points = practice_points()
    own = practices.merge(points[["practice_code", "latitude", "longitude"]], on="practice_code", how="left")
    located = pd.Series("", index=own.index, dtype=object)
    located[own["latitude"].notna()] = "at its postcode"
    if "postcode" not in own.columns:
        return own.assign(located=located)
    postcode = own["postcode"].fillna("").map(lambda text: " ".join(str(text).split()).upper())
    by_postcode = points.drop_duplicates("postcode").set_index("postcode")
    by_district = postcode_districts().set_index("district")
    for index in own.index[own["latitude"].isna()]:
        code = postcode[index]
        if code and code in by_postcode.index:
            own.loc[index, ["latitude", "longitude"]] = by_postcode.loc[
                code, ["latitude", "longitude"]
            ].to_numpy()
            located[index] = "at its postcode"
        elif code and code.split(" ")[0] in by_district.index:
            district = by_district.loc[code.split(" ")[0]]
            own.loc[index, ["latitude", "longitude"]] = [district["latitude"], district["longitude"]]
            located[index] = "approximately"
    return own.assign(located=located)

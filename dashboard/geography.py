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
    """practice_code, latitude, longitude of every practice whose postcode the location file knows."""
    return pd.read_csv(
        GEO_DIR / PRACTICE_FILE, dtype={"practice_code": str, "latitude": float, "longitude": float}
    )

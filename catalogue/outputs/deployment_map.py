"""Where the catalogue's solutions already work, as a map and as the list that says the same in words.

One question, asked through CatalogueQuery like every list of the site: the deployments of the solutions that
match these filters. One query reads them with their places' coordinates; the answer (markers and the list by
region) is kept in the catalogue cache until the catalogue next changes, so the map page costs the same number
of queries whatever the number of solutions and deployments.

A deployment's point is its own latitude/longitude, else its city's, else its region's (else its city's region's):
`point_of`. Places get coordinates from the bundled gazetteer (catalogue/geo/gazetteer.py).
"""
from dataclasses import dataclass, replace

from django.conf import settings

from catalogue import cache as catalogue_cache
from catalogue.geo.gazetteer import point_of
from catalogue.geo.svgmap import base_map, clusters
from catalogue.templatetags.typography import plural_ru

# How many solutions the list names under each region; the rest are one link to the catalogue filtered by place.
SOLUTIONS_PER_REGION = 10
NEWEST = 5  # the newest deployments the home page names
CLUSTER_CELL = 36  # map units (5 km each): about 19 px on the 880 px wide map of a desktop screen
FULL_MAP_UNITS_PER_PX = 1.9  # the whole map (1,672 units wide) is shown about 880 px wide on a desktop
SMALL_MAP_WIDTH_PX = 320  # a solution's small map, in the page's side column

POINT_COLUMNS = ("lat", "lon", "city__lat", "city__lon", "region__lat", "region__lon",
                 "city__parent__lat", "city__parent__lon")
NO_REGION = "Регион не указан"


def _pairs(row):
    columns = [row[name] for name in POINT_COLUMNS]
    return list(zip(columns[::2], columns[1::2], strict=True))


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    count: int
    label: str
    region_slug: str
    radius: float  # in map units
    lat: float  # the mean position of the deployments gathered here, for a tile layer (docs/map.md)
    lon: float


def deployment_rows(query):
    """The deployments of the matching solutions, as plain rows: one query however many there are."""
    from catalogue.models import Deployment

    return list(
        Deployment.objects.filter(page__in=query.matching().values("pk"))
        .order_by()
        .values("pk", "site", "year", "status", "page_id", "page__title", "page__slug", "city__name", "region__name",
                "region__slug", "city__parent__name", "city__parent__slug", *POINT_COLUMNS)
    )


def _summarise(rows):
    """Markers and the list by region, from the rows; plain data, so it can be cached."""
    drawing = base_map()
    points, regions = [], {}
    for row in rows:
        region_name = row["region__name"] or row["city__parent__name"] or NO_REGION
        region_slug = row["region__slug"] or row["city__parent__slug"] or ""
        group = regions.setdefault(region_name, {"name": region_name, "slug": region_slug, "count": 0,
                                                 "solutions": {}})
        group["count"] += 1
        solution = group["solutions"].setdefault(row["page_id"], [row["page__title"], row["page__slug"], 0])
        solution[2] += 1
        point = point_of(*_pairs(row))
        if point:
            x, y = drawing.xy(*point)
            place = row["city__name"] or region_name
            points.append((x, y, (region_name, region_slug, place, *point)))
    markers = []
    for cluster in clusters(points, CLUSTER_CELL):
        region_name, region_slug, place = cluster.items[0][:3]
        same_place = all(item[2] == place for item in cluster.items)
        where = place if same_place else f"{region_name} и рядом"
        lat = sum(item[3] for item in cluster.items) / cluster.count
        lon = sum(item[4] for item in cluster.items) / cluster.count
        markers.append(Marker(cluster.x, cluster.y, cluster.count, f"{where}: {_deployments(cluster.count)}",
                              region_slug, round(cluster.radius * FULL_MAP_UNITS_PER_PX, 1), round(lat, 4),
                              round(lon, 4)))
    groups = []
    for group in sorted(regions.values(), key=lambda group: (group["name"] == NO_REGION, -group["count"],
                                                             group["name"])):
        solutions = sorted(group["solutions"].values(), key=lambda item: (-item[2], item[0]))
        groups.append({"name": group["name"], "slug": group["slug"], "count": group["count"],
                       "solution_count": len(solutions),
                       "solutions": [tuple(item) for item in solutions[:SOLUTIONS_PER_REGION]],
                       "more": max(len(solutions) - SOLUTIONS_PER_REGION, 0)})
    newest = [{"site": row["site"], "year": row["year"], "status": row["status"], "title": row["page__title"],
               "slug": row["page__slug"], "place": row["city__name"] or row["region__name"] or ""}
              for row in sorted(rows, key=lambda row: (row["year"] or 0, row["pk"]), reverse=True)[:NEWEST]]
    return {"markers": markers, "regions": groups, "total": len(rows), "placed": len(points), "newest": newest}


def map_data(query):
    """The map and list for this query, cached until the catalogue next changes."""
    return catalogue_cache.remember("deployment-map", query._cache_key(), lambda: _summarise(deployment_rows(query)))


def _deployments(count):
    return f"{count} {plural_ru(count, 'внедрение,внедрения,внедрений')}"


def solution_markers(deployments):
    """The markers of one solution's deployments (objects with their places fetched), for its small map."""
    drawing = base_map()
    points = []
    for deployment in deployments:
        point = deployment.point
        if point:
            place = deployment.city or deployment.region
            region = deployment.region or (deployment.city.parent if deployment.city else None)
            points.append((*drawing.xy(*point), (place.name, region.slug if region else "", *point)))
    markers = []
    for cluster in clusters(points, CLUSTER_CELL / 3):  # a small map is framed around its points: finer cells
        names = sorted({item[0] for item in cluster.items})
        lat = sum(item[2] for item in cluster.items) / cluster.count
        lon = sum(item[3] for item in cluster.items) / cluster.count
        markers.append(Marker(cluster.x, cluster.y, cluster.count, f"{', '.join(names)}: {_deployments(cluster.count)}",
                              cluster.items[0][1], cluster.radius, round(lat, 4), round(lon, 4)))
    return markers


def framed(markers):
    """A solution's markers with the viewBox that frames them, radii set for the small map's scale."""
    view_box = view_box_around(markers)
    units_per_px = float(view_box.split()[2]) / SMALL_MAP_WIDTH_PX
    return [replace(marker, radius=round(marker.radius * units_per_px, 1)) for marker in markers], view_box


def view_box_around(markers, *, min_width=360, min_height=240, margin=60):
    """A viewBox framing these markers (a solution's small map zooms to where it works); the whole map when none."""
    drawing = base_map()
    if not markers:
        return drawing.view_box
    xs, ys = [m.x for m in markers], [m.y for m in markers]
    width = max(max(xs) - min(xs) + 2 * margin, min_width)
    height = max(max(ys) - min(ys) + 2 * margin, min_height, width * 2 / 3)
    width = max(width, height * 3 / 2)
    x = (max(xs) + min(xs)) / 2 - width / 2
    y = (max(ys) + min(ys)) / 2 - height / 2
    return f"{x:.0f} {y:.0f} {width:.0f} {height:.0f}"


def map_context(request, catalogue_page):
    """Everything /catalogue/map/ shows: the catalogue's filters (read leniently, as on the catalogue page: a bad
    parameter is dropped and named, never an error page), the markers and the list by region."""
    from catalogue.listing import chips, error_messages, lenient_query

    query, errors = lenient_query(request.GET)
    active_chips = chips(query, request.GET)
    data = map_data(query)
    drawing = base_map()
    return {
        "query": query,
        "filters": query.filters,
        "facets": query.facets(),
        "facets_fragment": query.cache_key("facet-form", fixed=None, path=request.path),
        "chips": active_chips,
        "clear_url": "?" if active_chips else "",
        "param_errors": error_messages(errors),
        "map": data,
        "base_map": drawing,
        "view_box": drawing.view_box,
        "catalogue_url": catalogue_page.url,
        "list_query": request.GET.urlencode(),
        **tile_layer(),
    }


def tile_layer():
    """The optional tile layer's settings for the map component (empty by default: no third-party server)."""
    return {"map_tiles_url": settings.MAP_TILES_URL, "map_tiles_attribution": settings.MAP_TILES_ATTRIBUTION}

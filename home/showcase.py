"""What the home page shows about the catalogue: figures, charts and shelves from CatalogueQuery, cached until
the catalogue next changes (catalogue/cache.py)."""
from dataclasses import dataclass

from django.urls import reverse

from catalogue import cache as catalogue_cache
from catalogue.geo.svgmap import base_map
from catalogue.outputs.deployment_map import map_data, tile_layer
from catalogue.query import COLLECTIONS, CatalogueQuery, Filters, cards
from catalogue.templatetags.typography import plural_ru

SHOWCASE_SIZE = 3
# The two short lists of solutions: context name → the order they are the first of.
SHELVES = {"newest": "newest", "most_ready": "readiness"}
SECTORS_IN_CHART = 8
REGIONS_ON_HOME = 6


@dataclass(frozen=True)
class Figure:
    value: int
    forms: str  # "one,few,many" forms of the label, as plural_ru takes them
    url: str = ""

    @property
    def label(self):
        return plural_ru(self.value, self.forms)


def figures(total, facets):
    """The catalogue in numbers: its live solutions, every other collection that asks to be counted (organisations
    of the directory, laboratories), and the sectors and places that have at least one live solution. Each
    count is cached until the site next changes, so the figures cost no query on a hit."""
    return [
        Figure(total, "решение в каталоге,решения в каталоге,решений в каталоге"),
        *collection_figures(),
        Figure(len(facets["sector"]), "отрасль,отрасли,отраслей"),
        Figure(len(facets["region"]), "регион или город,региона или города,регионов и городов"),
    ]


def collection_figures():
    """A figure per registered collection that asks to be counted, once it has anything to count."""
    counted = [(collection, CatalogueQuery.of(collection.name, {}).count())
               for collection in COLLECTIONS.values() if collection.figure]
    return [Figure(count, collection.figure, reverse(collection.url_name) if collection.url_name else "")
            for collection, count in counted if count]


def stage_rows(facets):
    return [(value.name, value.count, f"stage-{value.slug}") for value in facets["stage"]]


def sector_rows(facets):
    busiest = sorted(facets["sector"], key=lambda value: -value.count)[:SECTORS_IN_CHART]
    return [(value.name, value.count, "sector") for value in busiest]


def shelf_ids():
    return {name: CatalogueQuery(Filters(sort=sort)).first_ids(SHOWCASE_SIZE) for name, sort in SHELVES.items()}


def shelves():
    """The solutions of each shelf, chosen once per catalogue generation and fetched in one go."""
    chosen = catalogue_cache.remember("home-shelves", {"size": SHOWCASE_SIZE}, shelf_ids)
    pages = {page.pk: page for page in cards([pk for ids in chosen.values() for pk in ids])}
    return {name: [pages[pk] for pk in ids if pk in pages] for name, ids in chosen.items()}


def showcase_context(catalogue):
    """Figures, charts, entry points and two short lists of solutions for the home page."""
    everything = CatalogueQuery()
    facets = everything.facets()
    where = map_data(everything)
    return {
        # «Где уже работает»: every deployment on the map, the busiest regions and the newest deployments.
        "where": where,
        "where_regions": where["regions"][:REGIONS_ON_HOME],
        "base_map": base_map(),
        **tile_layer(),
        "figures": figures(everything.count(), facets),
        "stage_rows": stage_rows(facets),
        "sector_rows": sector_rows(facets),
        "needs": facets["need"],
        "sectors": facets["sector"],
        **shelves(),
        "catalogue": catalogue,
    }

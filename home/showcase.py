"""What the home page shows about the catalogue: figures, charts and shelves from CatalogueQuery, cached until
the catalogue next changes (catalogue/cache.py)."""
from dataclasses import dataclass

from django.http import QueryDict

from catalogue import cache as catalogue_cache
from catalogue.query import CatalogueQuery, Filters, cards
from catalogue.templatetags.typography import plural_ru

SHOWCASE_SIZE = 3
# The two short lists of solutions: context name → the order they are the first of.
SHELVES = {"newest": "newest", "most_ready": "readiness"}
SECTORS_IN_CHART = 8


@dataclass(frozen=True)
class Figure:
    value: int
    forms: str  # "one,few,many" forms of the label, as plural_ru takes them

    @property
    def label(self):
        return plural_ru(self.value, self.forms)


def figures(total, facets, labs=0):
    """The catalogue in numbers: only categories that have at least one live solution are counted; live
    laboratories and centres (their count is cached like the facets) once there are any."""
    found = [
        Figure(total, "решение в каталоге,решения в каталоге,решений в каталоге"),
        Figure(len(facets["org"]), "организация-разработчик,организации-разработчика,организаций-разработчиков"),
        Figure(len(facets["sector"]), "отрасль,отрасли,отраслей"),
        Figure(len(facets["region"]), "регион или город,региона или города,регионов и городов"),
    ]
    if labs:
        found.append(Figure(labs, "лаборатория или центр,лаборатории или центра,лабораторий и центров"))
    return found


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
    return {
        "figures": figures(everything.count(), facets, CatalogueQuery.of("labs", QueryDict()).count()),
        "stage_rows": stage_rows(facets),
        "sector_rows": sector_rows(facets),
        "needs": facets["need"],
        "sectors": facets["sector"],
        **shelves(),
        "catalogue": catalogue,
    }

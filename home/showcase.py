"""What the home page shows about the catalogue, computed live from CatalogueQuery."""
from dataclasses import dataclass

from catalogue.query import CatalogueQuery, Filters
from catalogue.templatetags.typography import plural_ru

SHOWCASE_SIZE = 3
SECTORS_IN_CHART = 8


@dataclass(frozen=True)
class Figure:
    value: int
    forms: str  # "one,few,many" forms of the label, as plural_ru takes them

    @property
    def label(self):
        return plural_ru(self.value, self.forms)


def figures(total, facets):
    """The catalogue in four numbers: only categories that have at least one live solution are counted."""
    return [
        Figure(total, "решение в каталоге,решения в каталоге,решений в каталоге"),
        Figure(len(facets["org"]), "организация-разработчик,организации-разработчика,организаций-разработчиков"),
        Figure(len(facets["sector"]), "отрасль,отрасли,отраслей"),
        Figure(len(facets["region"]), "регион или город,региона или города,регионов и городов"),
    ]


def stage_rows(facets):
    return [(value.name, value.count, f"stage-{value.slug}") for value in facets["stage"]]


def sector_rows(facets):
    busiest = sorted(facets["sector"], key=lambda value: -value.count)[:SECTORS_IN_CHART]
    return [(value.name, value.count, "sector") for value in busiest]


def showcase_context(catalogue):
    """Figures, charts, entry points and two short lists of solutions for the home page."""
    everything = CatalogueQuery()
    facets = everything.facets()
    total = everything.filtered().count()
    return {
        "figures": figures(total, facets),
        "stage_rows": stage_rows(facets),
        "sector_rows": sector_rows(facets),
        "needs": facets["need"],
        "sectors": facets["sector"],
        "newest": CatalogueQuery(Filters(sort="newest")).results()[:SHOWCASE_SIZE],
        "most_ready": CatalogueQuery(Filters(sort="readiness")).results()[:SHOWCASE_SIZE],
        "catalogue": catalogue,
    }

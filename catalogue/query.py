"""CatalogueQuery: the one answer to «which live solutions match these filters and this text, in what order,
with what facet counts?» Every list of solutions (catalogue page, API, feeds, exports, embed) asks it here.
"""
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict
from taggit.models import Tag

from catalogue import cache as catalogue_cache
from catalogue import readiness
from catalogue.models import Deployment, Need, Organization, Region, Sector, SolutionPage, SolutionTag
from catalogue.models.deployments import deployments_prefetch
from catalogue.models.terms import TERMS
from search import service as search_service


class CatalogueQueryError(ValueError):
    """Bad filter input; `errors` maps each parameter to a message a person can read."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))


@dataclass(frozen=True)
class Dimension:
    param: str
    model: type
    relation: str
    label: str


DIMENSIONS = (
    Dimension("sector", Sector, "sectors", "Отрасль"),
    Dimension("need", Need, "needs", "Потребность"),
    Dimension("region", Region, "regions", "Регион"),
    Dimension("org", Organization, "organizations", "Разработчик"),
)
DIMENSIONS_BY_PARAM = {dimension.param: dimension for dimension in DIMENSIONS}

SORTS = {
    "relevance": "по релевантности",
    "readiness": "по готовности",
    "newest": "сначала новые",
    "title": "по названию",
    "updated": "недавно обновлённые",
    "deployments": "больше внедрений",
}
SORT_ORDERINGS = {
    "readiness": ("-trl", "-first_published_at", "pk"),
    "newest": ("-first_published_at", "pk"),
    "title": ("title", "pk"),
    # Pages created in bulk without a revision have no publication date: they go last, on every database.
    "updated": (F("last_published_at").desc(nulls_last=True), "pk"),
    # Built on first use (it needs the models loaded): see ordering().
    "deployments": None,
}


def ordering(sort):
    """The order_by() arguments of a sort."""
    if sort == "deployments":
        # A correlated count rather than a join and GROUP BY: the other filters stay plain WHERE clauses.
        count = Subquery(Deployment.objects.filter(page=OuterRef("pk")).order_by()
                         .values("page").annotate(n=Count("pk")).values("n"))
        return (Coalesce(count, 0).desc(), "-trl", "pk")
    return SORT_ORDERINGS[sort]
# Parameter spellings accepted as synonyms, so the API can say `organization` and `search`.
ALIASES = {"organization": "org", "search": "q"}
MULTI_PARAMS = {"sector", "need", "region", "org", "tag", "deployed_in", "terms"}
SINGLE_PARAMS = {"stage", "trl_min", "trl_max", "q", "sort", "has_deployments"}
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
PARAMS = MULTI_PARAMS | SINGLE_PARAMS
MAX_VALUES_PER_FILTER = 20
# ASCII digits only and few of them: str.isdigit() accepts «²» and 5,000-digit strings, which int() refuses.
_SMALL_INT = re.compile(r"[0-9]{1,9}")
# A NUL byte makes PostgreSQL raise instead of matching nothing; no slug needs control characters
# (free text is cleaned by the search service instead).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Keywords are many and free-form: the facet offers the most used ones, a long tail helps no one choose.
TAG_FACET_SIZE = 12
# The categories a result card names, and every category (API items, feeds and exports show them all): fetching
# only what is shown saves queries and the Python work of attaching them to each result.
CARD_CATEGORIES = ("sectors", "organizations")
ALL_CATEGORIES = SolutionPage.category_relations


def full_data():
    """Every category and the deployments: what an API item and an export row show."""
    return (*ALL_CATEGORIES, deployments_prefetch())


@dataclass
class Filters:
    sector: list = field(default_factory=list)
    need: list = field(default_factory=list)
    region: list = field(default_factory=list)
    org: list = field(default_factory=list)
    tag: list = field(default_factory=list)
    stage: str = ""
    trl_min: int = readiness.TRL_MIN
    trl_max: int = readiness.TRL_MAX
    q: str = ""
    sort: str = ""
    # Deployments (catalogue/models/deployments.py): any at all; in these places (a region includes its cities).
    has_deployments: bool = False
    deployed_in: list = field(default_factory=list)
    # Forms of cooperation offered (catalogue/models/terms.py TERMS keys).
    terms: list = field(default_factory=list)


@dataclass
class FacetValue:
    slug: str
    name: str
    count: int
    selected: bool
    parent: str = ""  # a city's region (its slug), listed right before the region's cities


def parse_filters(params, *, ignore=()):
    """Validate a QueryDict-like mapping into Filters, or raise CatalogueQueryError naming every bad param.

    `ignore` lists parameters that belong to the caller (pagination, format) rather than the query.
    """
    filters = Filters()
    errors, spelling = read_params(params, filters, known=PARAMS, multi=MULTI_PARAMS, single=_parse_single,
                                   ignore=ignore)
    if filters.trl_min > filters.trl_max:
        errors["trl_min"] = "минимальный УГТ больше максимального"
    check_slugs(filters, errors, DIMENSIONS)
    if errors:
        # Name each parameter as the caller spelt it (`organization`, not the internal `org`).
        raise CatalogueQueryError({spelling.get(key, key): message for key, message in errors.items()})
    return filters


def read_params(params, filters, *, known, multi, single, ignore=()):
    """The reading every collection's filters share (solutions here, labs in labs.query): aliases, unknown
    parameters, control characters, at most MAX_VALUES_PER_FILTER values of a list; `single(filters, errors,
    raw_key, key, value)` reads the last value of each other parameter. Returns (errors, spelling of each key)."""
    errors, spelling = {}, {}
    for raw_key in params:
        key = ALIASES.get(raw_key, raw_key)
        if raw_key in ignore:
            continue
        spelling[key] = raw_key
        if key not in known:
            errors[raw_key] = "неизвестный параметр"
            continue
        values = [value.strip() for value in params.getlist(raw_key) if value.strip()]
        if key in multi:
            if any(_CONTROL.search(value) for value in values):
                errors[raw_key] = "недопустимые символы в значении"
                continue
            if len(values) > MAX_VALUES_PER_FILTER:
                errors[raw_key] = f"не больше {MAX_VALUES_PER_FILTER} значений"
            getattr(filters, key).extend(values[:MAX_VALUES_PER_FILTER])
        elif values:
            single(filters, errors, raw_key, key, values[-1])
    return errors, spelling


def carried_params(params, *, drop=(), known=PARAMS):
    """The part of a query string that CatalogueQuery reads, so a link to another format (feed, export, embed)
    keeps the current filters and leaves out what belongs to the page (pagination, view switches). `known`: the
    parameters another collection reads (`Collection.query_params`)."""
    kept = QueryDict(mutable=True)
    for key in params:
        if ALIASES.get(key, key) in known and key not in drop:
            kept.setlist(key, params.getlist(key))
    return kept.urlencode()


def _parse_single(filters, errors, raw_key, key, value):
    if key in ("trl_min", "trl_max"):
        level = parse_int(value)
        if not readiness.is_valid_trl(level):
            errors[raw_key] = f"целое число от {readiness.TRL_MIN} до {readiness.TRL_MAX}"
            return
        setattr(filters, key, level)
    elif key == "stage":
        if value not in readiness.STAGES_BY_SLUG:
            errors[raw_key] = "допустимо: " + ", ".join(readiness.STAGES_BY_SLUG)
            return
        filters.stage = value
    elif key == "has_deployments":
        if value.lower() not in BOOLEANS:
            errors[raw_key] = "допустимо: true, false"
            return
        filters.has_deployments = BOOLEANS[value.lower()]
    elif key == "sort":
        if value not in SORTS:
            errors[raw_key] = "допустимо: " + ", ".join(SORTS)
            return
        filters.sort = value
    else:
        filters.q = value


def parse_int(text):
    """A non-negative integer written in ASCII digits (at most nine), or None."""
    return int(text) if _SMALL_INT.fullmatch(text) else None


def check_slugs(filters, errors, dimensions):
    for dimension in dimensions:
        wanted = set(getattr(filters, dimension.param))
        if wanted:
            known = set(dimension.model.objects.filter(slug__in=wanted).values_list("slug", flat=True))
            if wanted - known:
                errors[dimension.param] = "не найдено: " + ", ".join(sorted(wanted - known))
    places = set(filters.deployed_in)
    if places:
        known = set(Region.objects.filter(slug__in=places).values_list("slug", flat=True))
        if places - known:
            errors["deployed_in"] = "не найдено: " + ", ".join(sorted(places - known))
    unknown_terms = set(filters.terms) - set(TERMS)
    if unknown_terms:
        errors["terms"] = f"не найдено: {', '.join(sorted(unknown_terms))}; допустимо: {', '.join(TERMS)}"


class CatalogueQuery:
    """Live solutions filtered by taxonomy, readiness and text; ordered; with facet counts."""

    def __init__(self, filters=None):
        self.filters = filters or Filters()
        self._search = None
        self._filtered = None

    @classmethod
    def from_params(cls, params, *, ignore=()):
        return cls(parse_filters(params, ignore=ignore))

    @staticmethod
    def of(collection, params, *, ignore=()):
        """The query for another registered collection ("organizations", "labs"): see `Collection` below."""
        return CollectionQuery.from_params(COLLECTIONS[collection], params, ignore=ignore)

    def ordered_by(self, sort):
        """The same filters in another order: feeds, for one, always list the latest changes first."""
        return CatalogueQuery(replace(self.filters, sort=sort))

    @property
    def sort(self):
        if self.filters.sort == "relevance" and not self.filters.q:
            # Relevance needs a text to be relevant to (a shared link may keep `sort` and drop `q`).
            return "readiness"
        return self.filters.sort or ("relevance" if self.filters.q else "readiness")

    def filtered(self):
        """Live, public solutions matching every filter except the text."""
        if self._filtered is not None:
            # Built once per query: `.public()` reads the view restrictions from the database on every call.
            return self._filtered.all()
        queryset = SolutionPage.objects.live().public()
        for relation, model, slugs in self._chosen_categories():
            for slug in slugs:
                if model is Region:
                    # A region means the region itself or any of its cities; one subquery, no duplicate rows.
                    queryset = queryset.filter(pk__in=_in_region(slug))
                else:
                    queryset = queryset.filter(**{relation: _id_of(model, slug)})
        trl_min, trl_max = self.filters.trl_min, self.filters.trl_max
        if self.filters.stage:
            stage = readiness.STAGES_BY_SLUG[self.filters.stage]
            trl_min, trl_max = max(trl_min, stage.trl_min), min(trl_max, stage.trl_max)
        if (trl_min, trl_max) != (readiness.TRL_MIN, readiness.TRL_MAX):
            queryset = queryset.filter(trl__gte=trl_min, trl__lte=trl_max)
        if self.filters.has_deployments:
            queryset = queryset.filter(Exists(Deployment.objects.filter(page=OuterRef("pk"))))
        for slug in self.filters.deployed_in:
            queryset = queryset.filter(Exists(deployments_in(slug).filter(page=OuterRef("pk"))))
        for key in self.filters.terms:
            queryset = queryset.filter(**{TERMS[key][0]: True})
        self._filtered = queryset
        return queryset.all()

    def _chosen_categories(self):
        """(relation, model, chosen slugs) for every category filter, keywords included."""
        for dimension in DIMENSIONS:
            yield dimension.relation, dimension.model, getattr(self.filters, dimension.param)
        yield "tags", Tag, self.filters.tag

    @property
    def search_result(self):
        """The ranked matches of the text among the filtered solutions; cached until the catalogue next changes
        (catalogue/cache.py), so a repeated search neither plans, retrieves nor scores again."""
        if self._search is None and self.filters.q:
            self._search = catalogue_cache.remember("search", self._cache_key(), self._run_search)
        return self._search

    def _run_search(self):
        return search_service.search(self.filtered(), self.filters.q, tie_order=SORT_ORDERINGS["readiness"],
                                     collection=self.collection())

    def collection(self):
        """The pks of the solutions the filters select, whatever the text: what a text search looks among."""
        return filtered_ids(self, "collection")

    def matching(self):
        """The matching solutions, unordered and without card data: the base of counts."""
        if self.filters.q:
            return SolutionPage.objects.filter(pk__in=self.search_result.ids)
        return self.filtered()

    def results(self, relations=CARD_CATEGORIES):
        """The matching solutions in display order, as a sliceable, countable sequence, with these categories
        fetched in one query each."""
        if self.filters.q and self.sort == "relevance":
            return RankedResults(self.search_result.ids, relations)
        return with_card_data(self.matching().order_by(*ordering(self.sort)), relations)

    def first_ids(self, number):
        """The ids of the first `number` results in display order, for a short list worth caching."""
        if self.filters.q and self.sort == "relevance":
            return self.search_result.ids[:number]
        return list(self.matching().order_by(*ordering(self.sort)).values_list("pk", flat=True)[:number])

    def count(self):
        """How many solutions match, without a query of its own: every solution has one УГТ, so the readiness
        facet counts (cached, and shown next to the results anyway) add up to the number."""
        return sum(value.count for value in self.facets()["trl"])

    def iter_results(self, relations=CARD_CATEGORIES, chunk_size=200):
        """Every matching solution in display order, a chunk of pages at a time, so memory stays bounded
        however large the catalogue grows (exports walk all of it)."""
        results, start = self.results(relations), 0
        while True:
            chunk = list(results[start:start + chunk_size])
            yield from chunk
            if len(chunk) < chunk_size:
                return
            start += chunk_size

    def describe(self):
        """The active filters in words («Потребность: Рекультивация земель»), for feed titles and headings."""
        parts = []
        for dimension in DIMENSIONS:
            slugs = getattr(self.filters, dimension.param)
            if slugs:
                names = dimension.model.objects.filter(slug__in=slugs).values_list("name", flat=True)
                parts.append(f"{dimension.label}: {', '.join(names)}")
        if self.filters.tag:
            names = Tag.objects.filter(slug__in=self.filters.tag).values_list("name", flat=True)
            parts.append("Теги: " + ", ".join(names))
        if self.filters.stage:
            parts.append("Стадия: " + readiness.STAGES_BY_SLUG[self.filters.stage].name)
        if (self.filters.trl_min, self.filters.trl_max) != (readiness.TRL_MIN, readiness.TRL_MAX):
            parts.append(f"УГТ {self.filters.trl_min}–{self.filters.trl_max}")
        if self.filters.has_deployments:
            parts.append("Есть внедрения")
        if self.filters.deployed_in:
            names = Region.objects.filter(slug__in=self.filters.deployed_in).values_list("name", flat=True)
            parts.append("Внедрено: " + ", ".join(names))
        if self.filters.terms:
            parts.append("Условия: " + ", ".join(TERMS[key][1] for key in self.filters.terms))
        if self.filters.q:
            parts.append(f"Поиск: «{self.filters.q}»")
        return parts

    def facets(self):
        """Counts per sector, need, region, organisation, stage, УГТ and keyword among the matching solutions;
        cached until the catalogue next changes (catalogue/cache.py)."""
        return catalogue_cache.remember("facets", self._cache_key(), self._count_facets)

    def cache_key(self, name, **context):
        """A key for something drawn from these filters, such as the rendered filter form: it changes with
        the filters, with `context` and with the catalogue's generation."""
        return catalogue_cache.key(name, {**self._cache_key(), **context})

    def _cache_key(self):
        # Every filter the matches depend on, in one spelling: the order or repetition of values changes nothing,
        # nor do the order of the results or the case and spacing of the text (search_service.query_key).
        key = asdict(self.filters)
        del key["sort"]
        for param, value in key.items():
            if isinstance(value, list):
                key[param] = sorted(set(value))
        # A text of punctuation alone normalises to "" and matches nothing, unlike no text at all (None).
        key["q"] = search_service.query_key(key["q"]) if key["q"] else None
        return key

    def _count_facets(self):
        matching = self.matching().values("pk")
        facets = {dimension.param: self._taxonomy_facet(dimension, matching) for dimension in DIMENSIONS
                  if dimension.model is not Region}
        facets["region"] = self._region_facet(matching)
        trl_counts = dict(self.matching().values_list("trl").annotate(n=Count("pk")).order_by())
        facets["trl"] = [FacetValue(str(level), f"УГТ {level}", trl_counts.get(level, 0),
                                    self.filters.trl_min <= level <= self.filters.trl_max
                                    and (self.filters.trl_min, self.filters.trl_max) != (1, 9))
                         for level in readiness.TRL_LABELS]
        facets["stage"] = [FacetValue(stage.slug, stage.name, sum(trl_counts.get(lv, 0) for lv in stage.levels),
                                      stage.slug == self.filters.stage)
                           for stage in readiness.STAGES]
        facets["tag"] = self._tag_facet(matching)
        facets.update(self._offer_facets(matching))
        facets["deployed_in"] = self._place_facet(matching)
        return facets

    def _offer_facets(self, matching):
        """«Есть внедрения» and each form of cooperation, counted among the matches in one query."""
        counts = SolutionPage.objects.filter(pk__in=matching).aggregate(
            has_deployments=Count("pk", filter=Q(Exists(Deployment.objects.filter(page=OuterRef("pk"))))),
            **{key: Count("pk", filter=Q(**{field: True})) for key, (field, label) in TERMS.items()})
        return {
            "has_deployments": [FacetValue("true", "Есть внедрения", counts["has_deployments"],
                                           self.filters.has_deployments)]
            if counts["has_deployments"] or self.filters.has_deployments else [],
            "terms": [FacetValue(key, label, counts[key], key in self.filters.terms)
                      for key, (field, label) in TERMS.items() if counts[key] or key in self.filters.terms],
        }

    def _place_facet(self, matching):
        """Regions and cities with deployments of the matches, each counting the solutions deployed there (a
        region counts those in its cities too): one query for the places of the deployments, one for the names."""
        solutions = {}
        rows = (Deployment.objects.filter(page__in=matching).order_by()
                .values_list("page_id", "city_id", "city__parent_id", "region_id").distinct())
        for page_id, *places in rows:
            for place in set(places) - {None}:
                solutions.setdefault(place, set()).add(page_id)
        selected = set(self.filters.deployed_in)
        return [FacetValue(place.slug, place.name, len(solutions[place.pk]), place.slug in selected)
                for place in Region.objects.filter(pk__in=solutions)]

    def _tag_facet(self, matching):
        # Chosen keywords are on every match, so they sort first and always stay in the list.
        selected = set(self.filters.tag)
        rows = (
            SolutionTag.objects.filter(content_object__in=matching)
            .values_list("tag__slug", "tag__name").annotate(n=Count("pk")).order_by("-n", "tag__name")
        )[:TAG_FACET_SIZE + len(selected)]
        return [FacetValue(slug, name, count, slug in selected) for slug, name, count in rows]

    def _taxonomy_facet(self, dimension, matching):
        through = getattr(SolutionPage, dimension.relation).through
        target = dimension.model._meta.model_name + "_id"
        counts = dict(
            through.objects.filter(solutionpage__in=matching)
            .values_list(target).annotate(n=Count("pk")).order_by()
        )
        selected = set(getattr(self.filters, dimension.param))
        return [FacetValue(item.slug, item.name, counts[item.pk], item.slug in selected)
                for item in dimension.model.objects.filter(pk__in=counts)]

    def _region_facet(self, matching):
        """Regions with their cities right after them: a region counts the solutions in it or in any of its
        cities (each once), as the filter does; a region appears when only its cities have solutions."""
        pairs = set(SolutionPage.regions.through.objects.filter(solutionpage__in=matching)
                    .values_list("solutionpage_id", "region_id"))
        used = {region_id for _, region_id in pairs}
        regions = list(Region.objects.filter(Q(pk__in=used) | Q(cities__in=used)).distinct())
        parent_of = {region.pk: region.parent_id for region in regions}
        solutions = {}
        for solution_id, region_id in pairs:
            solutions.setdefault(region_id, set()).add(solution_id)
            if parent_of.get(region_id):
                solutions.setdefault(parent_of[region_id], set()).add(solution_id)
        selected = set(self.filters.region)
        tops = [region for region in regions if region.parent_id not in parent_of]
        values = []
        def value(region, parent=""):
            return FacetValue(region.slug, region.name, len(solutions.get(region.pk, ())), region.slug in selected,
                              parent)

        for top in tops:
            values.append(value(top))
            values.extend(value(city, top.slug) for city in regions if city.parent_id == top.pk)
        return values


def deployments_in(slug):
    """Deployments in the place of this slug: in it or, for a region, in any of its cities."""
    places = Region.objects.filter(slug=slug).with_cities().values("pk")
    return Deployment.objects.filter(Q(city__in=places) | Q(region__in=places))


def _id_of(model, slug):
    """The id of the category with this slug, as a scalar subquery rather than a join: each joined category
    table multiplies PostgreSQL's planning work (measured: 15 ms planning for two filters, 2 ms this way)."""
    return Subquery(model.objects.filter(slug=slug).order_by().values("pk"))


def _in_region(slug):
    """The solutions in the region with this slug or in one of its cities, as a subquery."""
    region_ids = Region.objects.filter(slug=slug).with_cities().values("pk")
    return (SolutionPage.regions.through.objects.filter(region_id__in=region_ids).order_by()
            .values("solutionpage_id"))


def with_card_data(queryset, relations=CARD_CATEGORIES):
    """A result's picture and these categories, fetched in a fixed number of queries (the picture's renditions
    too: one query for the page instead of one per card whose rendition is not in the cache)."""
    return queryset.select_related("hero_image").prefetch_related(*relations, "hero_image__renditions")


def cards(ids, relations=CARD_CATEGORIES):
    """The solutions with these ids, in this order, with their card data; ids no longer found are skipped."""
    pages = with_card_data(SolutionPage.objects.filter(pk__in=ids), relations).in_bulk()
    return [pages[pk] for pk in ids if pk in pages]


class RankedResults:
    """Search hits in rank order; slicing fetches only the pages of that slice (with `fetch`: cards of another
    collection, such as labs)."""

    def __init__(self, ids, relations=CARD_CATEGORIES, fetch=None):
        self.ids = list(ids)
        self.relations = relations
        self.fetch = fetch or cards

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.fetch(self.ids[index], self.relations)
        return self[index:index + 1][0]


# ---------------------------------------------------------------------------------------------------------------
# Other collections. CatalogueQuery above answers for solutions (readiness, keywords, the search service); the
# same filtering, validation, facet counting and caching serve every other kind of public item the site lists —
# organisations at /organizations/, laboratories at /labs/ — described by a `Collection` and asked through
# `CatalogueQuery.of(name, params)`. A collection is configuration, not a second query object.


@dataclass(frozen=True)
class ChoiceDimension:
    """A filter on a field with choices (an organisation's kind, a laboratory's service type), counted like a
    category: `?kind=university&kind=institute`."""

    param: str
    field: str  # the model field (or `relation__field`) holding the choice value
    choices: tuple  # ((value, label), …) in display order
    label: str


def filtered_ids(query, cache_name):
    """The pks of the items a query's filters select, whatever its text (CatalogueQuery's solutions, a
    CollectionQuery's items): what a text search looks among. Cached until the site next changes, so searches with
    the same filters (the search page's tabs, the next page of results) read it once."""
    key = {**query._cache_key(), "q": None}
    return catalogue_cache.remember(cache_name, key,
                                    lambda: set(query.filtered().order_by().values_list("pk", flat=True)))


@dataclass(frozen=True)
class Collection:
    """A kind of public item that CatalogueQuery lists: what is public, what it filters and counts by, its orders.

    `dimensions` are categories (Dimension: a taxonomy model reached through `relation`, a foreign key or a
    many-to-many) and choice fields (ChoiceDimension). `search(queryset, text)` returns the matching ids in rank
    order, or a search.service.SearchResult (ids, the corrected query and the stems to highlight); without it the
    collection takes no `q`. `sorts` maps a sort's name to (label, ordering); the first is the default.
    """

    name: str
    items: Callable  # () → the public items, unfiltered
    dimensions: tuple
    sorts: dict
    # (filtered items, text, collection=their pks) → ranked pks or a search.service.SearchResult
    search: Callable | None = None
    prefetch: tuple = ()  # relations each listed item shows
    select: tuple = ()  # foreign keys each listed item shows
    figure: str = ""  # "one,few,many" forms: the home page counts the collection under this label
    url_name: str = ""  # the URL name of its public index, if it has one

    @property
    def params(self):
        return {dimension.param for dimension in self.dimensions}

    @property
    def query_params(self):
        """Every parameter its query reads: the filters, the order and (if it is searched) the text."""
        return self.params | {"sort"} | ({"q"} if self.search else set())


COLLECTIONS: dict[str, Collection] = {}


def register_collection(collection):
    COLLECTIONS[collection.name] = collection
    return collection


@dataclass
class CollectionFilters:
    values: dict = field(default_factory=dict)  # param → chosen slugs or choice values
    q: str = ""
    sort: str = ""


class CollectionQuery:
    """The items of a Collection matching its filters: ordered, counted, with facet counts. Bad input raises
    CatalogueQueryError with a Russian message per parameter, as CatalogueQuery does."""

    def __init__(self, collection, filters=None):
        self.collection = collection
        self.filters = filters or CollectionFilters()
        self._filtered = None
        self._ranked = None

    @classmethod
    def from_params(cls, collection, params, *, ignore=()):
        return cls(collection, parse_collection_filters(collection, params, ignore=ignore))

    @property
    def sort(self):
        if self.filters.q and self.filters.sort in ("", "relevance"):
            return "relevance"
        return self.filters.sort if self.filters.sort in self.collection.sorts else next(iter(self.collection.sorts))

    def filtered(self, *, except_param=None):
        """The items matching every filter (but `except_param`'s); several values of one filter: any of them."""
        if except_param is None and self._filtered is not None:
            return self._filtered.all()
        queryset = self.collection.items()
        for dimension in self.collection.dimensions:
            chosen = self.filters.values.get(dimension.param)
            if not chosen or dimension.param == except_param:
                continue
            if isinstance(dimension, ChoiceDimension):
                queryset = queryset.filter(**{f"{dimension.field}__in": chosen})
            else:
                ids = dimension.model.objects.filter(slug__in=chosen).values("pk")
                queryset = queryset.filter(pk__in=self.collection.items().filter(**{f"{dimension.relation}__in": ids})
                                           .values("pk"))
        if except_param is None:
            self._filtered = queryset
        return queryset.all()

    @property
    def search_result(self):
        """The ranked matches of the text (a search.service.SearchResult), or None without a text."""
        if self._ranked is None and self.filters.q:
            self._ranked = catalogue_cache.remember(f"{self.collection.name}-search", self._cache_key(),
                                                    self._run_search)
        return self._ranked

    def _run_search(self):
        found = self.collection.search(self.filtered(), self.filters.q, collection=self.item_ids())
        if isinstance(found, search_service.SearchResult):
            return found
        return search_service.SearchResult(query=self.filters.q, ids=list(found))

    def item_ids(self):
        """The pks of the items the filters select, whatever the text: what a text search looks among."""
        return filtered_ids(self, f"{self.collection.name}-ids")

    def ranked_ids(self):
        return self.search_result.ids if self.filters.q else None

    def matching(self):
        if self.filters.q:
            return self.collection.items().filter(pk__in=self.ranked_ids())
        return self.filtered()

    def ordered(self, *ordering):
        """The matching items in another order than the collection's sorts, whatever the text's ranking: feeds
        list the latest changes first."""
        return self.matching().order_by(*ordering)

    def describe(self):
        """The active filters in words («Услуги: испытания»), for feed titles, as CatalogueQuery.describe."""
        parts = []
        for dimension in self.collection.dimensions:
            chosen = self.filters.values.get(dimension.param)
            if not chosen:
                continue
            if isinstance(dimension, ChoiceDimension):
                names = [str(label) for value, label in dimension.choices if value in chosen]
            else:
                names = list(dimension.model.objects.filter(slug__in=chosen).values_list("name", flat=True))
            parts.append(f"{dimension.label}: {', '.join(names)}")
        if self.filters.q:
            parts.append(f"Поиск: «{self.filters.q}»")
        return parts

    def results(self):
        """The matching items in display order (a queryset, or a list in rank order for a text search)."""
        if self.sort == "relevance":
            # Sliceable in rank order: a page of results fetches only its own items.
            return RankedResults(self.ranked_ids(), fetch=self._fetch)
        return self._with_card_data(self.matching()).order_by(*self.collection.sorts[self.sort][1])

    def _with_card_data(self, queryset):
        return queryset.select_related(*self.collection.select).prefetch_related(*self.collection.prefetch)

    def _fetch(self, ids, _relations):
        items = self._with_card_data(self.collection.items().model.objects.filter(pk__in=ids)).in_bulk()
        return [items[pk] for pk in ids if pk in items]

    def count(self):
        # A text search's matches are its ranked ids (searched among the filtered items): counted without a query.
        if self.filters.q:
            return len(self.ranked_ids())
        return catalogue_cache.remember(f"{self.collection.name}-count", self._cache_key(),
                                        lambda: self.matching().count())

    def facets(self):
        """param → [FacetValue] among the matching items; cached until the site next changes."""
        return catalogue_cache.remember(f"{self.collection.name}-facets", self._cache_key(), self._count_facets)

    def cache_key(self, name, **context):
        return catalogue_cache.key(f"{self.collection.name}-{name}", {**self._cache_key(), **context})

    def _cache_key(self):
        values = {param: sorted(set(chosen)) for param, chosen in self.filters.values.items() if chosen}
        return {"values": values, "q": search_service.query_key(self.filters.q) if self.filters.q else None}

    def _count_facets(self):
        """Each filter's values counted among the items that match the other filters (and the text): a visitor
        sees how many more one more kind or region would bring, since values of one filter add up."""
        facets = {}
        for dimension in self.collection.dimensions:
            matching = self.filtered(except_param=dimension.param)
            if self.filters.q:
                matching = matching.filter(pk__in=self.ranked_ids())
            matching = matching.values("pk")
            selected = set(self.filters.values.get(dimension.param, ()))
            key = dimension.field if isinstance(dimension, ChoiceDimension) else dimension.relation
            counts = dict(self.collection.items().model.objects.filter(pk__in=matching).exclude(**{key: None})
                          .values_list(key).annotate(n=Count("pk", distinct=True)).order_by())
            if isinstance(dimension, ChoiceDimension):
                facets[dimension.param] = [FacetValue(value, str(label), counts[value], value in selected)
                                           for value, label in dimension.choices if value in counts]
            else:
                facets[dimension.param] = [FacetValue(item.slug, item.name, counts[item.pk], item.slug in selected)
                                           for item in dimension.model.objects.filter(pk__in=counts)]
        return facets


def parse_collection_filters(collection, params, *, ignore=()):
    """Validate a QueryDict into CollectionFilters, or raise CatalogueQueryError naming every bad parameter."""
    filters, errors = CollectionFilters(), {}
    by_param = {dimension.param: dimension for dimension in collection.dimensions}
    for raw_key in params:
        if raw_key in ignore:
            continue
        # The catalogue's spellings too: `organization` for `org`.
        key = raw_key if raw_key in by_param else ALIASES.get(raw_key, raw_key)
        values = [value.strip() for value in params.getlist(raw_key) if value.strip()]
        if key in by_param:
            if any(_CONTROL.search(value) for value in values):
                errors[key] = "недопустимые символы в значении"
            elif len(values) > MAX_VALUES_PER_FILTER:
                errors[key] = f"не больше {MAX_VALUES_PER_FILTER} значений"
            else:
                filters.values.setdefault(key, []).extend(values)
        elif key == "sort" and values:
            if values[-1] not in collection.sorts and not (values[-1] == "relevance" and collection.search):
                errors[key] = "допустимо: " + ", ".join(collection.sorts)
            filters.sort = values[-1]
        elif key == "q" and collection.search:
            filters.q = values[-1] if values else ""
        elif key not in ("sort",):
            errors[raw_key] = "неизвестный параметр"
    for param, chosen in filters.values.items():
        dimension, wanted = by_param[param], set(chosen)
        if isinstance(dimension, ChoiceDimension):
            known = {value for value, _label in dimension.choices}
        else:
            known = set(dimension.model.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        if wanted - known:
            errors[param] = "не найдено: " + ", ".join(sorted(wanted - known))
    if errors:
        raise CatalogueQueryError(errors)
    return filters

"""The search page (/search/) and its autocomplete endpoint: thin views over CatalogueQuery and its other
collections. «Что искать» (`type`) picks the collection whose results and filters are shown; every type's count
for the text is shown on its tab."""
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from catalogue import cache as catalogue_cache
from catalogue import response_cache
from catalogue.models import Need, SolutionPage
from catalogue.query import CatalogueQuery, CatalogueQueryError, Filters
from catalogue.response_cache import uncached
from search import highlight, planning, query_log, text, vocabulary

RESULTS_PER_PAGE = 10
SUGGESTIONS = 6
POPULAR_NEEDS = 8
MIN_SUGGEST_LENGTH = 2
# Parameters the page owns: the query object must not see them.
PAGE_PARAMS = ("page", "type")


@dataclass(frozen=True)
class SearchType:
    """One tab of «Что искать»: solutions (CatalogueQuery) or another registered collection of it (`collection`),
    how its results are counted in words, and the templates of its cards and filters."""

    slug: str
    label: str
    collection: str | None
    forms: str
    card: str
    facets: str

    def query(self, params, *, ignore=()):
        if self.collection:
            return CatalogueQuery.of(self.collection, params, ignore=ignore)
        return CatalogueQuery.from_params(params, ignore=ignore)


SEARCH_TYPES = {search_type.slug: search_type for search_type in (
    SearchType("solutions", "Решения", None, "решение,решения,решений",
               "components/solution_card.html", "components/facets.html"),
    SearchType("labs", "Лаборатории", "labs", "лаборатория,лаборатории,лабораторий",
               "components/lab_card.html", "labs/includes/facets.html"),
    SearchType("organizations", "Организации", "organizations", "организация,организации,организаций",
               "components/organization_card.html", "catalogue/includes/organization_facets.html"),
)}
DEFAULT_TYPE = "solutions"


@require_GET
@uncached  # the response cache would skip the query log: this view stores its own pages
def search_page(request):
    search_type = SEARCH_TYPES.get(request.GET.get("type") or DEFAULT_TYPE)
    try:
        if search_type is None:
            raise CatalogueQueryError({"type": "допустимо: " + ", ".join(SEARCH_TYPES)})
        query = search_type.query(request.GET, ignore=PAGE_PARAMS)
    except CatalogueQueryError as error:
        return render(request, "search/search.html", {"errors": error.errors, "popular_needs": popular_needs()},
                      status=400)
    if not query.filters.q:
        return render(request, "search/search.html", {"popular_needs": popular_needs()})
    if not settings.RESPONSE_CACHE_SECONDS or not response_cache.is_cacheable_request(request):
        response = render_results_page(request, query, search_type)
        log_query(request, query.search_result.query, bool(query.search_result.ids))
        return response
    # An anonymous visitor's page is stored whole, with what the query log needs, until the catalogue next
    # changes (the key is read before the page is built, as the response cache does): a repeated search
    # costs a cache read and a count in the buffered query log (search/query_log.py).
    key = catalogue_cache.key("search-page", {"address": request.build_absolute_uri()})
    stored = cache.get(key)
    if stored is None:
        response = render_results_page(request, query, search_type)
        stored = (response, query.search_result.query, bool(query.search_result.ids))
        if response_cache.is_cacheable_response(response):
            cache.set(key, stored, settings.RESPONSE_CACHE_SECONDS)
    response, query_string, found = stored
    log_query(request, query_string, found)
    return response


def render_results_page(request, query, search_type):
    return render(request, "search/search.html", {"q": query.filters.q, "search_type": search_type.slug,
                                                  "results_html": results_html(request, query, search_type)})


def results_html(request, query, search_type):
    """The costly part of the page — filters with counts, a page of cards with snippets, or help when nothing was
    found — rendered once per address until the catalogue next changes (catalogue/cache.py). The page around
    it is built, and the query logged, on every request."""
    def render_results():
        with planning.shared_plans():  # the results and every tab's count search for one text: planned once
            return render_to_string("search/includes/results.html", results_context(request, query, search_type),
                                    request)

    return catalogue_cache.remember("search-results-html", {"address": request.build_absolute_uri()},
                                    render_results)


def results_context(request, query, search_type):
    results = Paginator(query.results(), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    search_result = query.search_result
    found = results.paginator.count
    return {
        "q": query.filters.q,
        "search_type": search_type,
        "type_tabs": type_tabs(query.filters.q, search_type),
        "search_result": search_result,
        "results": results,
        "items": [{"object": item, "snippet": highlight.snippet(item.snippet_texts(), search_result.terms)}
                  for item in results],
        "facets": query.facets(),
        "filters": query.filters,
        "base_query": without_page(request.GET),
        "popular_needs": popular_needs() if not found else [],
        "closest_words": closest_words(search_result) if not found else [],
    }


@dataclass(frozen=True)
class TypeTab:
    search_type: SearchType
    count: int
    selected: bool
    url: str


def type_tabs(q, current):
    """«Что искать»: each type with the number of its matches for the text alone (cached facet counts)."""
    tabs = []
    for search_type in SEARCH_TYPES.values():
        params = QueryDict(mutable=True)
        params["q"] = q
        count = search_type.query(params).count()
        if search_type.slug != DEFAULT_TYPE:
            params["type"] = search_type.slug
        tabs.append(TypeTab(search_type, count, search_type == current, "?" + params.urlencode()))
    return tabs


def without_page(params):
    """The current query string minus the page number, for pagination links."""
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


def log_query(request, query_string, found):
    """Count each typed query once (first page only) so editors see what people look for and what fails."""
    if request.GET.get("page", "1") == "1" and query_string:
        query_log.record(query_string, found)


def popular_needs():
    """Needs with the most live solutions: a way forward when the words found nothing."""
    return (Need.objects.annotate(live=Count("solutions", filter=Q(solutions__live=True)))
            .filter(live__gt=0).order_by("-live", "name")[:POPULAR_NEEDS])


def closest_words(search_result):
    """Published words close to what was typed, offered as new searches."""
    found = []
    for word in search_result.query.split():
        if word in text.STOP_WORDS:
            continue
        candidate = vocabulary.closest_word(word)
        if candidate and candidate != word and candidate not in found:
            found.append(candidate)
    return found


@require_GET
def suggest(request):
    """Titles of the best matches for what has been typed so far, as JSON for the search box."""
    raw = request.GET.get("q", "")
    typed = text.normalise(raw)
    if len(typed) < MIN_SUGGEST_LENGTH:
        return JsonResponse({"query": typed, "suggestions": []})
    # As typed, punctuation included: with the Latin layout on, «,» is «б» (search.keyboard).
    query = CatalogueQuery(Filters(q=text.normalise_case(raw)[:text.MAX_QUERY_LENGTH]))
    suggestions = [{"title": page.title, "url": page.url} for page in query.results()[:SUGGESTIONS]]
    return JsonResponse({"query": typed, "suggestions": suggestions})



@require_GET
@uncached  # a stored redirect would not be counted
def go(request, page_id):
    """A result link of the search page: counts that the solution was opened from the search results (the
    solution and the day, nothing about the visitor; search/query_log.py) and sends the visitor on to it.
    Only a live solution open to everyone is a destination, and only at its own address: never another site."""
    page = SolutionPage.objects.live().public().filter(pk=page_id).first()
    url = page and page.get_url(request)
    if not url:
        raise Http404("Решение не найдено")
    query_log.record_click(page.pk)
    return redirect(url)

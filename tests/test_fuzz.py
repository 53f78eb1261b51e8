"""Property-based fuzzing of every public query parameter: no input gives a 500 or comes back unescaped.

To cover a new endpoint, add it to PUBLIC_ENDPOINTS with the parameter names it reads; the strategies below mix
well-formed values (real slugs, levels, sort keys) with arbitrary Unicode and HTML-injection payloads.
"""
from xml.etree import ElementTree

import pytest
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalogue.query import CatalogueQuery, CatalogueQueryError
from tests.factories import NeedFactory, OrganizationFactory, RegionFactory, SectorFactory, SolutionPageFactory

CATALOGUE_PARAMS = ["sector", "need", "region", "org", "organization", "tag", "stage", "trl_min", "trl_max",
                    "q", "search", "sort", "page"]
SOLUTION_URL = "/catalogue/ochistka-shakhtnykh-vod/"
# URL → parameters it reads. Every endpoint also gets parameters it does not know.
PUBLIC_ENDPOINTS = {
    "/": ["q"],
    "/catalogue/": CATALOGUE_PARAMS,
    "/catalogue/feed/": CATALOGUE_PARAMS,
    "/catalogue/feed/atom/": CATALOGUE_PARAMS,
    "/healthz": [],
    SOLUTION_URL: [],
}
FUZZ_SETTINGS = settings(max_examples=40, deadline=None, database=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# A marker tag: if it ever appears in a page verbatim, some parameter was reflected without escaping.
MARKER = "<fuzz-marker>"
# Real slugs, levels and sort keys (so filters match), plus the classic troublemakers.
SEEDS = ["ekologiya", "ochistka-vody", "kemerovo", "kuzgtu", "research", "pilot", "serial", "1", "5", "9",
         "relevance", "readiness", "newest", "title", "очистка шахтных вод", "ёлка",
         "0", "10", "-1", "²", "\x00", "%00", "' OR 1=1 --", "а" * 5000]
values = st.one_of(
    st.sampled_from(SEEDS),
    st.text(max_size=40),
    st.builds(lambda before, after: f'{before}"\'>{MARKER}<script>alert(1)</script>{after}',
              st.text(max_size=10), st.text(max_size=10)),
)


def query_strings(param_names):
    names = st.sampled_from(param_names) if param_names else st.nothing()
    unknown = st.text(min_size=1, max_size=12)
    pairs = st.lists(st.tuples(st.one_of(names, unknown), values), max_size=6)
    return pairs.map(to_query_string)


def to_query_string(pairs):
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query.urlencode()


@pytest.fixture
def catalogue(db):
    sector, need = SectorFactory(name="Экология", slug="ekologiya"), NeedFactory(name="Очистка воды",
                                                                                   slug="ochistka-vody")
    region, org = RegionFactory(name="Кемерово", slug="kemerovo"), OrganizationFactory(name="КузГТУ", slug="kuzgtu")
    SolutionPageFactory(title="Очистка шахтных вод", slug="ochistka-shakhtnykh-vod", trl=8, sectors=[sector],
                        needs=[need], regions=[region], organizations=[org])
    SolutionPageFactory(title="Рекультивация отвалов", slug="rekultivatsiya-otvalov", trl=5, sectors=[sector])


def assert_safe_response(url, query_string):
    response = Client().get(f"{url}?{query_string}")
    assert response.status_code < 500, f"{url}?{query_string} → {response.status_code}"
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        assert MARKER not in response.content.decode(), f"{url}?{query_string} reflects a parameter unescaped"


@pytest.mark.parametrize("url", ["/catalogue/feed/", "/catalogue/feed/atom/"])
@pytest.mark.parametrize("q", ["a\x01b", "a\x00b", "\x0b\x1f\ufffe"])
def test_feeds_leave_out_characters_xml_cannot_carry(catalogue, url, q):
    response = Client().get(url, {"q": q, "need": "ochistka-vody"})

    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)  # well-formed XML that a reader can parse
    title = feed.find("channel/title") if feed.tag == "rss" else feed.find("{http://www.w3.org/2005/Atom}title")
    assert title.text.endswith("Поиск: «" + q.translate(dict.fromkeys(range(32))).replace("\ufffe", "") + "»")


@pytest.mark.parametrize("url", PUBLIC_ENDPOINTS)
def test_public_endpoint_survives_any_query_string(catalogue, url):
    @FUZZ_SETTINGS
    @given(query_strings(PUBLIC_ENDPOINTS[url]))
    def check(query_string):
        assert_safe_response(url, query_string)

    check()


@FUZZ_SETTINGS
@given(st.lists(st.tuples(st.sampled_from(CATALOGUE_PARAMS), values), max_size=6))
@example([("trl_min", "²")])  # str.isdigit() accepts superscripts that int() refuses
@example([("sector", "\x00")])  # PostgreSQL refuses NUL characters in a query
def test_catalogue_query_accepts_or_explains_every_input(catalogue, pairs):
    """CatalogueQuery answers every output format; it either answers or names each bad parameter in Russian."""
    params = QueryDict(to_query_string(pairs))
    try:
        query = CatalogueQuery.from_params(params, ignore=("page",))
    except CatalogueQueryError as error:
        assert error.errors and all(isinstance(message, str) and message for message in error.errors.values())
        return
    list(query.results()[:10])
    query.facets()

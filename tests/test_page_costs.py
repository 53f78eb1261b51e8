"""Every public page costs the same number of SQL queries with 3 solutions as with 30, whether or not the
catalogue's cached answers (facet counts, the filter form, the home page's shelves, related solutions) are
still valid. A larger catalogue means more rows counted inside those queries, never more queries."""
import pytest
import wagtail_factories

from catalogue import cache as catalogue_cache
from tests.factories import NeedFactory, OrganizationFactory, RegionFactory, SectorFactory, SolutionPageFactory

SIZES = [3, 30]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size} solutions")
def catalogue(request, db):
    """`size` live solutions in two sectors and two needs, each with a picture, developers, places and keywords."""
    sectors = [SectorFactory(name="Экология", slug="ecology"), SectorFactory(name="Горное дело", slug="mining")]
    needs = [NeedFactory(name="Очистка воды", slug="water"), NeedFactory(name="Рекультивация", slug="land")]
    organizations = [OrganizationFactory(name="КузГТУ", slug="kuzgtu"), OrganizationFactory(name="СибГИУ")]
    regions = [RegionFactory(name="Кузбасс")]
    pictures = [wagtail_factories.ImageFactory(file__width=160, file__height=90) for _ in range(3)]
    solutions = []
    for number in range(request.param):
        solution = SolutionPageFactory(
            trl=1 + number % 9, hero_image=pictures[number % 3], sectors=sectors[:1 + number % 2], needs=needs,
            organizations=organizations, regions=regions)
        solution.tags.add("шахта", f"метка {number % 4}")
        solution.save()
        solutions.append(solution)
    return solutions


def first_solution_url(catalogue):
    return catalogue[0].url


# Queries on a hit, and when the catalogue has changed since the last visit (a new generation: facet counts,
# the filter form, the home page's shelves and related solutions are worked out again).
# Every HTML page: Wagtail finds the site and walks the path to the page (2 + 2 per level below the home page),
# reads the view restrictions of the page and its ancestors (2), the НОЦ settings for the footer (1) and the
# catalogue index for links (1). A page of cards adds its solutions (1), their sectors and developers (2) and
# their pictures' renditions (1).
# Facet counts: the view restrictions (1), four categories × counts and names (8), keywords (1), readiness (1).
# On a change every HTML page also works out the footer's menu pages again: view restrictions and pages (2).
PAGES = [
    # The home page: the catalogue (1) and both shelves' cards in one go (4); on a change, the facets, each
    # shelf's ids (2 × 2) and the labs figure (the labs' view restrictions and a count: 2).
    pytest.param("/", 11, 30, id="home"),
    # Catalogue pages: each filter's slug checked (1 each), the view restrictions for the results (1), chips
    # name the filters (1 each), breadcrumbs (1); no COUNT, the readiness facet gives the total.
    pytest.param("/catalogue/?sector=ecology&need=water", 18, 30, id="catalogue with two filters"),
    # A landing page reads its category (1) instead of naming it in a chip.
    pytest.param("/catalogue/need/water/", 16, 28, id="need"),
    pytest.param("/catalogue/sector/ecology/", 16, 28, id="sector"),
    pytest.param("/catalogue/org/kuzgtu/", 16, 28, id="organisation"),
    # The API: view restrictions twice (ours, Wagtail's serializer), 20 items with all five categories and
    # renditions (7), the site for detail URLs (1).
    pytest.param("/api/v2/solutions/?limit=20", 10, 20, id="API list"),
    # A solution: its five categories, picture and renditions (7), three related cards (4), breadcrumbs (1); on a
    # change, related solutions are chosen again (view restrictions and one query for both shared categories).
    pytest.param(first_solution_url, 22, 26, id="solution"),
]


@pytest.fixture(autouse=True)
def _built_each_time(settings):
    """Counts of building a page; a stored whole response costs none (tests/catalogue/test_response_cache.py)."""
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.mark.parametrize("url, on_hit, after_change", PAGES)
def test_query_count_is_fixed(client, catalogue, django_assert_num_queries, url, on_hit, after_change):
    url = url(catalogue) if callable(url) else url
    client.get(url)  # fills per-process caches (site root paths), as on any server
    catalogue_cache.bump()
    with django_assert_num_queries(after_change):
        worked_out = client.get(url)
    with django_assert_num_queries(on_hit):
        remembered = client.get(url)
    assert remembered.status_code == 200
    assert remembered.content == worked_out.content


@pytest.fixture(params=SIZES, ids=lambda size: f"{size} labs")
def labs(request, db):
    """`size` live labs at two hosts in two cities, each with a photo, equipment, services, sectors and needs."""
    from labs.models import ServiceKind
    from tests.factories import LabPageFactory

    kuzbass = RegionFactory(name="Кузбасс", slug="kuzbass")
    cities = [RegionFactory(name="Кемерово", kind="city", parent=kuzbass), RegionFactory(name="Новокузнецк",
                                                                                          kind="city", parent=kuzbass)]
    hosts = [OrganizationFactory(name="КузГТУ", slug="kuzgtu"), OrganizationFactory(name="СибГИУ")]
    sectors = [SectorFactory(name="Экология", slug="ecology"), SectorFactory(name="Горное дело", slug="mining")]
    needs = [NeedFactory(name="Очистка воды", slug="water")]
    solution = SolutionPageFactory(title="Очистка шахтных вод")
    pictures = [wagtail_factories.ImageFactory(file__width=160, file__height=90) for _ in range(3)]
    return [LabPageFactory(organization=hosts[number % 2], city=cities[number % 2], photo=pictures[number % 3],
                           sectors=sectors[:1 + number % 2], needs=needs, solutions=[solution],
                           equipment=[("Рентгеновский дифрактометр", "ДРОН", "фазовый анализ"),
                                      ("Машина трения", "СМЦ", "износ")],
                           services=[(ServiceKind.TESTING, "испытания на износ"), (ServiceKind.ANALYSIS, "")])
            for number in range(request.param)]


# /labs/ (a collection of CatalogueQuery): the page as for the catalogue, plus each filter's slug checked (1 per
# category filter), the view restrictions for the labs (1), the cached count and facets' names; on a change, the
# count (1) and five facets (count and names: 9) are worked out again. A text search adds its ranking on a change
# (the collection's pks, the postings, the documents: see search.service) and reads the ranked cards by id.
# A lab: host, city, region, four kinds of details (sectors, needs, equipment, services), photo and renditions,
# live related solutions, the lab index for links, the catalogue index for the host's link (1 each).
LAB_PAGES = [
    pytest.param("/labs/?service=testing&org=kuzgtu", 14, 31, id="labs with two filters"),
    pytest.param("/labs/?q=дифрактометр", 12, 41, id="labs search"),
    pytest.param(lambda labs: labs[0].url, 22, 24, id="lab"),
    pytest.param("/api/v2/labs/?limit=20", 9, 24, id="labs API"),
]


@pytest.mark.parametrize("url, on_hit, after_change", LAB_PAGES)
def test_lab_page_query_count_is_fixed(client, labs, django_assert_num_queries, url, on_hit, after_change):
    test_query_count_is_fixed(client, labs, django_assert_num_queries, url, on_hit, after_change)

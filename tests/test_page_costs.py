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
    regions = [RegionFactory(name="Кузбасс", slug="kuzbass")]
    city = RegionFactory(name="Кемерово", kind="city", parent=regions[0])
    pictures = [wagtail_factories.ImageFactory(file__width=160, file__height=90) for _ in range(3)]
    # Developers with a city, a region and a logo, and as many organisations again without solutions (the
    # directory grows with the catalogue).
    organizations = [OrganizationFactory(name="КузГТУ", slug="kuzgtu", city=city, logo=pictures[0]),
                     OrganizationFactory(name="СибГИУ", city=city, logo=pictures[1])]
    for number in range(request.param):
        OrganizationFactory(name=f"Предприятие {number}", kind="company", city=city, logo=pictures[number % 3])
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
    # shelf's ids (2 × 2) and the organisations of the directory counted (1).
    pytest.param("/", 11, 29, id="home"),
    # Catalogue pages: each filter's slug checked (1 each), the view restrictions for the results (1), chips
    # name the filters (1 each), breadcrumbs (1); no COUNT, the readiness facet gives the total.
    pytest.param("/catalogue/?sector=ecology&need=water", 18, 30, id="catalogue with two filters"),
    # A landing page reads its category (1) instead of naming it in a chip.
    pytest.param("/catalogue/need/water/", 16, 28, id="need"),
    pytest.param("/catalogue/sector/ecology/", 16, 28, id="sector"),
    # An organisation's profile: a landing page whose category comes with its places, parent and logo (1), plus
    # the logo's renditions (1); its figures are the stage facet of the unfiltered list (the same cache entry),
    # whose own query object reads the view restrictions once more on a change (1).
    pytest.param("/catalogue/org/kuzgtu/", 17, 30, id="organisation"),
    # The directory (no Wagtail page: no site or path walk): the region filter checked (1), a page of
    # organisations with places and logos (1) and the logos' renditions (1), the filter chip named (1), the
    # catalogue index for profile links (2), НОЦ settings (1); counts come from cached facets — on a change the
    # count (1), kind and region counts and region names (3), the catalogue's facets for solution counts (12),
    # and the footer's menu pages (2).
    pytest.param("/organizations/?kind=university&region=kuzbass", 7, 24, id="organisations"),
    pytest.param("/organizations/", 5, 22, id="organisations unfiltered"),
    # Its API: organisations with places and logos (1), renditions (1), the catalogue index and site for
    # profile links (2); on a change as above, without the chip and the footer.
    pytest.param("/api/v2/organizations/?limit=20", 4, 19, id="organisations API"),
    # The API: view restrictions twice (ours, Wagtail's serializer), 20 items with all five categories and
    # renditions (7), the site for detail URLs (1).
    pytest.param("/api/v2/solutions/?limit=20", 10, 20, id="API list"),
    # A solution: its five categories, picture and renditions (7), its developers' cities (1), three related
    # cards (4), breadcrumbs (1); on a change, related solutions are chosen again (view restrictions and one query
    # for both shared categories).
    pytest.param(first_solution_url, 23, 27, id="solution"),
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

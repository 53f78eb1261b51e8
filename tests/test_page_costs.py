"""Every public page costs the same number of SQL queries with 3 solutions (6 deployments) as with 30 (60
deployments), whether or not the
catalogue's cached answers (facet counts, the filter form, the home page's shelves, related solutions) are
still valid. A larger catalogue means more rows counted inside those queries, never more queries."""
import pytest
import wagtail_factories

from catalogue import cache as catalogue_cache
from tests.factories import (
    CityFactory,
    DeploymentFactory,
    NeedFactory,
    OrganizationFactory,
    RegionFactory,
    SectorFactory,
    SolutionPageFactory,
)

SIZES = [3, 30]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size} solutions")
def catalogue(request, db):
    """`size` live solutions in two sectors and two needs, each with a picture, developers, places, keywords,
    terms and two deployments (one in a city with a photo and effects, one in a region)."""
    sectors = [SectorFactory(name="Экология", slug="ecology"), SectorFactory(name="Горное дело", slug="mining")]
    needs = [NeedFactory(name="Очистка воды", slug="water"), NeedFactory(name="Рекультивация", slug="land")]
    regions = [RegionFactory(name="Кузбасс", slug="kuzbass")]
    cities = [CityFactory(name="Кемерово", parent=regions[0]), CityFactory(name="Новокузнецк", parent=regions[0])]
    city = cities[0]
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
            organizations=organizations, regions=regions, terms_licence=number % 2 == 0, terms_supply=True,
            price_from=1_500_000, ip=[("item", {"kind": "invention", "number": f"RU {number}", "title": "Способ"})],
            certificates=[("item", {"kind": "сертификат соответствия", "number": f"С-{number}", "valid_until": None})])
        solution.tags.add("шахта", f"метка {number % 4}")
        solution.save()
        DeploymentFactory(page=solution, city=cities[number % 2], organization=organizations[0],
                          photo=pictures[number % 3], effects=[("effect", {"value": "−40 %", "label": "сброс"})])
        DeploymentFactory(page=solution, city=None, region=regions[0], status="pilot")
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
# Facet counts: the view restrictions (1), four categories × counts and names (8), keywords (1), readiness (1),
# «has deployments» with the forms of cooperation (1), the places of deployments and their names (2).
# On a change every HTML page also works out the footer's menu pages again: view restrictions and pages (2).
PAGES = [
    # The home page: the catalogue (1) and both shelves' cards in one go (4); on a change, the facets, each
    # shelf's ids (2 × 2), the deployments for «Где уже работает» (1), the organisations of the directory
    # counted (1) and the labs figure (the labs' view restrictions and a count: 2).
    pytest.param("/", 11, 35, id="home"),
    # Catalogue pages: each filter's slug checked (1 each), the view restrictions for the results (1), chips
    # name the filters (1 each), breadcrumbs (1); no COUNT, the readiness facet gives the total.
    pytest.param("/catalogue/?sector=ecology&need=water", 18, 33, id="catalogue with two filters"),
    # A landing page reads its category (1) instead of naming it in a chip.
    pytest.param("/catalogue/need/water/", 16, 31, id="need"),
    pytest.param("/catalogue/sector/ecology/", 16, 31, id="sector"),
    # An organisation's profile: a landing page whose category comes with its places, parent and logo (1), plus
    # the logo's renditions (1); its figures are the stage facet of the unfiltered list (the same cache entry),
    # whose own query object reads the view restrictions once more on a change (1). Its sections: «Лаборатории и
    # центры» asks the labs collection (the org filter's slug checked, the labs' view restrictions, the labs: 3)
    # and «Где внедрены решения» links to the map through the catalogue index (1); the deployments by region are
    # the map's cached answer — on a change its view restrictions and the deployment rows (2).
    pytest.param("/catalogue/org/kuzgtu/", 21, 39, id="organisation"),
    # The directory (no Wagtail page: no site or path walk): the region filter checked (1), a page of
    # organisations with places and logos (1) and the logos' renditions (1), the filter chip named (1), the
    # catalogue index for profile links (2), НОЦ settings (1); counts come from cached facets — on a change the
    # count (1), kind and region counts and region names (3), the catalogue's facets for solution counts (15),
    # and the footer's menu pages (2).
    pytest.param("/organizations/?kind=university&region=kuzbass", 7, 27, id="organisations"),
    pytest.param("/organizations/", 5, 25, id="organisations unfiltered"),
    # Searched (matching every «Предприятие N»): on a hit the page as unfiltered, the ranked organisations fetched by
    # id (1); on a change the search from scratch (synonyms, 3 dictionary look-ups, the organisations' ids,
    # postings, candidates in tie order, their stored documents: 8) instead of the unfiltered order; the count of a
    # text search is the number of its ranked matches (no query).
    pytest.param("/organizations/?q=предприятие", 5, 32, id="organisations search"),
    # The search page's «Организации» tab: its results are stored whole per address, so a hit is the page around
    # them (the site, its root page, НОЦ's settings: 3) and the query log (3). On a change: the organisations'
    # search (8), the tab counts of solutions (the collection's view restrictions and ids, the search: 4) and labs
    # (their view restrictions, the search: 5) — the text planned once for all three (search.planning.
    # shared_plans), a page of organisations and their logos' renditions (2), their count, kind and region facets
    # and region names (3: the count of a text search is the number of its ranked matches, as for the labs tab),
    # and the footer's menu pages (2).
    pytest.param("/search/?q=предприятие&type=organizations", 6, 29, id="search organisations"),
    # Its API: organisations with places and logos (1), renditions (1), the catalogue index and site for
    # profile links (2); on a change as above, without the chip and the footer.
    pytest.param("/api/v2/organizations/?limit=20", 4, 22, id="organisations API"),
    # The deployment map: a page with no cards: each filter's slug checked (1 each), chips name the filters
    # (1 each), breadcrumbs (1); markers and the list by region come from the cache. On a change: the facets
    # and the footer as on every list page, and every deployment of the matching solutions in one query (1).
    pytest.param("/catalogue/map/", 9, 26, id="map"),
    pytest.param("/catalogue/map/?sector=ecology&need=water", 13, 30, id="map with two filters"),
    # The API: view restrictions twice (ours, Wagtail's serializer), 20 items with all five categories and
    # renditions (7), their deployments with places and organisations (1), the site for detail URLs (1).
    pytest.param("/api/v2/solutions/?limit=20", 11, 24, id="API list"),
    # A solution: its five categories, picture and renditions (7), its developers' cities (1), its deployments with
    # places, organisations, photos and documents (1) and the photos' renditions (1), three related cards (4),
    # breadcrumbs (1); on a
    # change, related solutions are chosen again (view restrictions and one query for both shared categories).
    pytest.param(first_solution_url, 25, 29, id="solution"),
]


@pytest.fixture(autouse=True)
def _built_each_time(settings):
    """Counts of building a page; a stored whole response costs none (tests/catalogue/test_response_cache.py)."""
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.mark.parametrize("url, on_hit, after_change", PAGES)
def test_query_count_is_fixed(client, catalogue, django_assert_num_queries, url, on_hit, after_change):
    assert_fixed_cost(client, django_assert_num_queries, url(catalogue) if callable(url) else url, on_hit,
                      after_change)


def assert_fixed_cost(client, django_assert_num_queries, url, on_hit, after_change):
    client.get(url)  # fills per-process caches (site root paths), as on any server
    catalogue_cache.bump()
    with django_assert_num_queries(after_change):
        worked_out = client.get(url)
    with django_assert_num_queries(on_hit):
        remembered = client.get(url)
    assert remembered.status_code == 200
    assert remembered.content == worked_out.content


# --- the needs board and the alerts (issue 16) -------------------------------------------------------------------

@pytest.fixture
def board(catalogue):
    """As many published needs as solutions, each in both need categories and a region."""
    from tests.catalogue.submissions.helpers import published_need

    categories = list(catalogue[0].needs.all())
    region = catalogue[0].regions.first()
    return [published_need(needs=categories, region=region, city=f"Город {number}",
                           public_text="Очистка шахтных вод и рекультивация")
            for number in range(len(catalogue))]


# The board: the categories and regions for the filter form (2), the number of needs for the pages (1), the page
# of needs with their regions (1), their categories (1), the site and the НОЦ settings for the footer (3); on a change
# the footer's menu (2). A need page: the need (1), its categories (1), its matches as on the «Заявить потребность»
# answer (the cards, their categories, pictures' renditions: 4, the search itself cached per catalogue generation;
# on a change the search runs again: 13), the catalogue's address (1), the site and footer (3).
NEED_PAGES = [
    pytest.param(lambda board: "/needs/", 8, 10, id="needs board"),
    pytest.param(lambda board: f"/needs/?need=water&region={board[0].region.slug}&status=open", 8, 10,
                 id="needs board filtered"),
    pytest.param(lambda board: f"/needs/{board[0].pk}/", 10, 23, id="need"),
]


@pytest.mark.parametrize("url, on_hit, after_change", NEED_PAGES)
def test_needs_board_query_count_is_fixed(client, board, django_assert_num_queries, url, on_hit, after_change):
    assert_fixed_cost(client, django_assert_num_queries, url(board), on_hit, after_change)


def test_send_alerts_query_count_does_not_grow_with_subscribers(catalogue, board, django_assert_num_queries):
    """Subscribers of the same views (a catalogue view and a need) share each view's query: as many queries for 3
    subscribers per view as for 30. Purging the expired (1), the subscriptions and their needs' categories (2), the
    catalogue's address (1); the need's view: its text search from scratch after the change (view restrictions,
    collection, synonyms, dictionary, postings, promotions: 11) and its changed solutions (1); the catalogue view:
    its slug checked, view restrictions, changed solutions (3); marking what was reported (1)."""
    from datetime import timedelta

    from django.utils import timezone

    from alerts.digest import send_alerts
    from alerts.models import Subscription
    from catalogue.models import SolutionPage

    long_ago = timezone.now() - timedelta(days=30)
    for number in range(len(catalogue)):
        Subscription.objects.create(email=f"a{number}@example.org", query="need=water", label="Каталог",
                                    confirmed_at=long_ago, last_sent_at=long_ago)
        Subscription.objects.create(email=f"b{number}@example.org", need=board[0], label="Потребность",
                                    confirmed_at=long_ago, last_sent_at=long_ago)
    SolutionPage.objects.update(first_published_at=timezone.now(), last_published_at=timezone.now())
    send_alerts(now=long_ago)  # fills per-process caches (site root paths), as on any server
    catalogue_cache.bump()
    with django_assert_num_queries(20):
        outcome = send_alerts()
    assert outcome.sent == 2 * len(catalogue)


@pytest.fixture(params=SIZES, ids=lambda size: f"{size} labs")
def labs(request, db):
    """`size` live labs at two hosts in two cities, each with a photo, equipment, services, sectors and needs,
    published (the feeds' dates) a day apart."""
    import datetime

    from django.utils import timezone

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
    first = timezone.now() - datetime.timedelta(days=request.param)
    return [LabPageFactory(organization=hosts[number % 2], city=cities[number % 2], photo=pictures[number % 3],
                           first_published_at=first + datetime.timedelta(days=number),
                           last_published_at=first + datetime.timedelta(days=number),
                           sectors=sectors[:1 + number % 2], needs=needs, solutions=[solution],
                           equipment=[("Рентгеновский дифрактометр", "ДРОН", "фазовый анализ"),
                                      ("Машина трения", "СМЦ", "износ")],
                           services=[(ServiceKind.TESTING, "испытания на износ"), (ServiceKind.ANALYSIS, "")])
            for number in range(request.param)]


# /labs/ (a collection of CatalogueQuery): the page as for the catalogue, plus each filter's slug checked (1 per
# category filter), the view restrictions for the labs (1), the cached count and facets' names; on a change, the
# count (1) and five facets (count and names: 9) are worked out again. A text search adds its ranking on a change
# (the collection's pks, the postings, the documents: see search.service) and reads the ranked cards by id; its
# count is the number of ranked matches (no count query).
# A lab: host, city, region, four kinds of details (sectors, needs, equipment, services), photo and renditions,
# live related solutions, the lab index for links, the catalogue index for the host's link (1 each).
LAB_PAGES = [
    pytest.param("/labs/?service=testing&org=kuzgtu", 15, 41, id="labs with two filters"),
    pytest.param("/labs/?q=дифрактометр", 12, 43, id="labs search"),
    pytest.param(lambda labs: labs[0].url, 22, 24, id="lab"),
    pytest.param("/api/v2/labs/?limit=20", 9, 29, id="labs API"),
    # The labs' feeds (no Wagtail page, no cached counts): each category filter's slug checked and named in the
    # title (2 per filter), the lab index for the channel's link and the site for absolute links (2), the view
    # restrictions (twice with a category filter, as for the list), the latest labs with hosts (1), their sectors,
    # needs and services (3). A text search reads its ranking from the cache (worked out again on a change, as on
    # /labs/) and the view restrictions once.
    pytest.param("/labs/feed/?service=testing&org=kuzgtu", 10, 10, id="labs feed"),
    pytest.param("/labs/feed/atom/?q=дифрактометр", 7, 17, id="labs Atom feed with search"),
    # A host's profile with 2 or 15 labs: the cards' photo renditions (1) and the lab index for the «all its labs»
    # link (1) on top of the profile's own (no solutions here, so no deployments).
    pytest.param("/catalogue/org/kuzgtu/", 18, 31, id="organisation with labs"),
]


@pytest.mark.parametrize("url, on_hit, after_change", LAB_PAGES)
def test_lab_page_query_count_is_fixed(client, labs, django_assert_num_queries, url, on_hit, after_change):
    test_query_count_is_fixed(client, labs, django_assert_num_queries, url, on_hit, after_change)

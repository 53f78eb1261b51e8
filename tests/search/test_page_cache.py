"""A repeated search is answered from the cache, yet every request is logged and every change shows at once."""
import pytest
import wagtail_factories
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from catalogue.models import Sector
from home.models import NocSettings
from search.models import SynonymGroup, ZeroResultQuery
from tests.factories import (
    NeedFactory,
    OrganizationFactory,
    RegionFactory,
    SectorFactory,
    SolutionPageFactory,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist(db):
    """НОЦ's settings row is otherwise made by the first page shown — a change that would empty the cache."""
    NocSettings.for_site(Site.objects.get(is_default_site=True))


def titles(client, q):
    html = client.get("/search/", {"q": q}).content.decode()
    return [title for title in TITLES if title in html]


TITLES = ("Маркшейдерская съёмка карьеров с беспилотников", "Самоходная буровая установка для анкерного крепления",
          "Тренажёр для подготовки шахтёров", "Интеллектуальное уличное освещение", "Мембранная очистка шахтных вод",
          "Биоплато для карьерных вод", "Сорбент для шахтных вод")


def test_a_repeated_search_is_logged_each_time(client, catalogue):
    for _ in range(3):
        assert "Мембранная очистка шахтных вод" in client.get("/search/", {"q": "шахтные воды"}).content.decode()
    assert Query.objects.get(query_string="шахтные воды").hits == 3


def test_a_repeated_search_that_finds_nothing_is_logged_each_time(client, catalogue):
    for _ in range(3):
        assert "ничего не&nbsp;нашлось" in client.get("/search/", {"q": "квантовый телепорт"}).content.decode()
    assert ZeroResultQuery.objects.get().misses == 3


def test_a_published_solution_is_found_by_the_next_search(client, catalogue):
    assert titles(client, "сорбент") == []
    publish(SolutionPageFactory(title="Сорбент для шахтных вод", summary="Поглощает железо и марганец."))
    assert titles(client, "сорбент") == ["Сорбент для шахтных вод"]


def test_an_unpublished_solution_leaves_the_next_search(client, catalogue):
    assert titles(client, "мембранная очистка")[0] == "Мембранная очистка шахтных вод"
    catalogue["membrane"].unpublish()
    assert "Мембранная очистка шахтных вод" not in titles(client, "мембранная очистка")


def test_a_new_synonym_changes_the_next_search(client, catalogue):
    assert titles(client, "опреснение") == []
    SynonymGroup.objects.create(terms="опреснение, обратный осмос")
    assert titles(client, "опреснение") == ["Мембранная очистка шахтных вод"]


def test_a_pinned_page_leads_the_next_search(client, catalogue):
    assert titles(client, "вода")[0] != "Интеллектуальное уличное освещение"
    SearchPromotion.objects.create(query=Query.get("вода"), page=catalogue["lighting"], sort_order=0,
                                   description="Закреплено редактором")
    html = client.get("/search/", {"q": "вода"}).content.decode()
    assert html.index("Интеллектуальное уличное освещение") < html.index("Мембранная очистка шахтных вод")


def test_a_renamed_sector_is_found_once_the_search_data_is_rebuilt(client, catalogue):
    # Pages keep a sector's old name in their stored documents until they are saved again or rebuilt.
    ecology = Sector.objects.get(slug="ecology")
    ecology.name = "Экология и природопользование"
    ecology.save()
    assert titles(client, "природопользование") == []
    call_command("rebuild_search_vocabulary", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(titles(client, "природопользование")) == {"Мембранная очистка шахтных вод",
                                                         "Биоплато для карьерных вод"}


# --- Cost ----------------------------------------------------------------------------------------------------
# A search costs the same number of queries whatever the size of the catalogue, and a repeated one far fewer.

def searchable_catalogue(number):
    """`number` solutions that all match «очистка шахтных вод», each with every kind of relation and a picture."""
    sectors, needs = [SectorFactory(), SectorFactory()], [NeedFactory()]
    regions, organizations = [RegionFactory()], [OrganizationFactory(), OrganizationFactory()]
    picture = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    for index in range(number):
        page = SolutionPageFactory(title=f"Очистка шахтных вод, установка {index}", summary="Сорбция железа.",
                                   sectors=sectors, needs=needs, regions=regions, organizations=organizations,
                                   hero_image=picture)
        page.tags.add("модуль", "вода")
    for text in ("очистка шахтных вод", "установка очистки"):
        Query.get(text).add_hit()  # asked before today: their log rows exist


@pytest.mark.parametrize("number", [3, 30])
def test_search_page_query_count_does_not_grow_with_the_catalogue(client, db, django_assert_num_queries, number):
    searchable_catalogue(number)
    client.get("/catalogue/")  # cards' picture renditions made, site root paths cached, as on any running site
    # The text search (10): view restrictions, the filtered solutions' ids, synonyms, 3 dictionary look-ups,
    # postings, candidates in tie order, their stored documents, pinned pages; the query log (3): the query,
    # today's hits, their update; a page of cards with their sectors, developers and renditions (4); 4×2 taxonomy
    # facets, keywords, readiness, «has deployments» with the forms of cooperation, the places of deployments (none
    # here, so no names); the page around the results (3): the site, its root page, НОЦ's settings; the
    # «Лаборатории» tab's count: the same text searched among the labs (5: the plan of the text made for the
    # solutions is used again, so no synonyms or dictionary look-ups); the «Организации» tab's count: the same text
    # among the organisations (2: their ids, postings — no view restrictions or pinned pages for a model that is
    # not a page, and no documents when nothing matches) — each tab's count is the number of its ranked matches.
    with django_assert_num_queries(38):
        first = client.get("/search/", {"q": "очистка шахтных вод"})
    # Only the query log (written at once in tests): an anonymous visitor's page is stored whole.
    with django_assert_num_queries(3):
        again = client.get("/search/", {"q": "очистка шахтных вод"})
    assert again.content == first.content
    assert first.content.decode().count('class="card"') == min(number, 10)
    # Another text with the same filters: the ids of the filtered solutions, labs and organisations are not read
    # again.
    with django_assert_num_queries(35):
        client.get("/search/", {"q": "установка очистки"})
    assert Query.objects.get(query_string="очистка шахтных вод").hits == 3


@pytest.mark.parametrize("number", [3, 30])
def test_api_search_query_count_does_not_grow_with_the_catalogue(client, db, settings, django_assert_num_queries,
                                                                 number):
    settings.RESPONSE_CACHE_SECONDS = 0  # every answer built, as for each new address
    searchable_catalogue(number)
    client.get("/api/v2/solutions/")  # pictures' renditions made, site root paths cached, as on any running site
    # The text search as on the search page (10); a page of solutions and its 5 relations, their pictures'
    # renditions and their deployments, view restrictions again (Wagtail's serializer set-up); 4×2 taxonomy facets,
    # keywords, readiness, «has deployments» with the forms of cooperation, the places of deployments; a site.
    with django_assert_num_queries(32):
        first = client.get("/api/v2/solutions/", {"search": "очистка шахтных вод", "limit": 50})
    # The search and the facet counts are cached: the page of solutions, its relations, deployments and pictures,
    # Wagtail's view-restriction read, the site.
    with django_assert_num_queries(10):
        again = client.get("/api/v2/solutions/", {"search": "очистка шахтных вод", "limit": 50})
    assert again.json() == first.json()
    assert first.json()["meta"]["total_count"] == len(first.json()["items"]) == number


def test_buffered_query_log_stays_exact(client, db, settings, django_assert_num_queries):
    """With the log written in batches a repeated search costs no query at all, and the batch adds every search:
    the editors' «Search terms» and «Запросы без результатов» count as many as were made."""
    from search import query_log
    from search.models import ZeroResultQuery

    searchable_catalogue(3)
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    query_log.flush()
    client.get("/search/", {"q": "очистка шахтных вод"})
    client.get("/search/", {"q": "квантовый телепорт"})
    with django_assert_num_queries(0):
        for _ in range(5):
            client.get("/search/", {"q": "очистка шахтных вод"})
            client.get("/search/", {"q": "квантовый телепорт"})
    hits_before = Query.objects.get(query_string="очистка шахтных вод").hits
    query_log.flush()
    assert Query.objects.get(query_string="очистка шахтных вод").hits == hits_before + 6
    assert Query.objects.get(query_string="квантовый телепорт").hits == 6
    assert ZeroResultQuery.objects.get(query_string="квантовый телепорт").misses == 6


def test_a_batch_falling_due_is_written_after_the_visitors_answer(rf, db, settings):
    """The search whose request a batch falls due in is answered without waiting for the batch: the log is written
    when the server closes that response (Django's request_finished), and then exactly."""
    from search import query_log
    from search.views import search_page

    searchable_catalogue(3)
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    settings.RESPONSE_CACHE_SECONDS = 0
    query_log.flush()
    query_log.record("квантовый телепорт", found=False)
    query_log._last_flush -= 7200  # the batch is due
    request = rf.get("/search/", {"q": "квантовый телепорт"})
    request.user, request.session = AnonymousUser(), SessionStore()
    response = search_page(request)
    assert response.status_code == 200
    assert not Query.objects.filter(query_string="квантовый телепорт").exists()  # not written while answering
    # What the server does once the answer is sent (without closing the test's database connection, as Django's
    # test client does too).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert Query.objects.get(query_string="квантовый телепорт").hits == 2

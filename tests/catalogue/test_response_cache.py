"""Anonymous visitors get stored answers until something public changes; then the very next request is fresh."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from catalogue.models import Sector
from home.models import NocSettings
from tests.factories import SolutionPageFactory, publish

API = "/api/v2/solutions/"
STORED_URLS = ["/", "/catalogue/", "/catalogue/?sector=ecology&need=water", "/catalogue/mine-water/",
               API + "?stage=pilot", "/catalogue/feed/", "/embed/?limit=5", "/sitemap.xml"]


def queries_for(client, url, method="get"):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url)
    return response, len(captured.captured_queries)


@pytest.mark.parametrize("url", STORED_URLS)
def test_a_repeated_anonymous_request_is_answered_without_the_database(client, open_catalogue, url):
    NocSettings.for_site(Site.objects.get(is_default_site=True))  # created on a site's first visit
    first, _ = queries_for(client, url)
    again, queries = queries_for(client, url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert queries == 0


def test_the_cache_can_be_switched_off(client, open_catalogue, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    client.get("/catalogue/")
    assert queries_for(client, "/catalogue/")[1] > 0


def edit(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    return publish(page)


def test_a_published_edit_shows_on_the_next_request(client, open_catalogue):
    for url in ("/", "/catalogue/", "/catalogue/mine-water/", API):
        client.get(url)
    edit(open_catalogue["water"], title="Очистка шахтных вод: вторая редакция")
    for url in ("/catalogue/", "/catalogue/mine-water/", API):
        assert "вторая редакция" in client.get(url).content.decode(), url


def test_a_draft_changes_nothing_public(client, open_catalogue):
    before = client.get("/catalogue/mine-water/").content
    page = open_catalogue["water"]
    page.title = "Черновая правка"
    page.save_revision()
    assert client.get("/catalogue/mine-water/").content == before


def test_an_unpublished_solution_disappears_at_once(client, open_catalogue):
    assert client.get("/catalogue/mine-water/").status_code == 200
    assert "Модульная очистка" in client.get("/catalogue/").content.decode()
    open_catalogue["water"].unpublish()
    assert client.get("/catalogue/mine-water/").status_code == 404
    assert "Модульная очистка" not in client.get("/catalogue/").content.decode()
    assert client.get(API).json()["meta"]["total_count"] == 2


def test_a_deleted_solution_disappears_at_once(client, open_catalogue):
    assert "Редуктор" in client.get("/catalogue/feed/").content.decode()
    open_catalogue["reducer"].delete()
    assert "Редуктор" not in client.get("/catalogue/feed/").content.decode()


def test_a_new_solution_appears_at_once(client, open_catalogue):
    assert client.get(API).json()["meta"]["total_count"] == 3
    publish(SolutionPageFactory(title="Новое решение для шахт"))
    assert "Новое решение для шахт" in client.get("/catalogue/").content.decode()
    assert client.get(API).json()["meta"]["total_count"] == 4


def test_a_renamed_sector_shows_at_once(client, open_catalogue):
    client.get("/catalogue/")
    Sector.objects.filter(slug="ecology").update(name="unused")  # a bulk update sends no signal…
    sector = Sector.objects.get(slug="ecology")
    sector.name = "Экология и рекультивация"
    sector.save()  # …an editor's save through the snippet admin does
    assert "Экология и рекультивация" in client.get("/catalogue/").content.decode()


def test_new_contacts_in_the_site_settings_show_at_once(client, open_catalogue):
    client.get("/catalogue/mine-water/")
    noc = NocSettings.for_site(Site.objects.get(is_default_site=True))
    noc.phone = "+7 (3842) 00-00-00"
    noc.save()
    assert "+7 (3842) 00-00-00" in client.get("/catalogue/mine-water/").content.decode()


def test_signed_in_editors_never_get_or_leave_a_stored_page(client, open_catalogue, admin_user):
    anonymous = client.get("/catalogue/mine-water/").content.decode()
    client.force_login(admin_user)
    editor_view, queries = queries_for(client, "/catalogue/mine-water/")
    assert queries > 0
    assert "wagtail-userbar" in editor_view.content.decode()
    assert "wagtail-userbar" not in anonymous
    client.logout()
    assert "wagtail-userbar" not in client.get("/catalogue/mine-water/").content.decode()


def test_form_pages_with_a_csrf_token_are_never_stored(client, open_catalogue):
    client.get("/catalogue/mine-water/request/")
    client.cookies.clear()
    response, queries = queries_for(client, "/catalogue/mine-water/request/")
    assert queries > 0
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_every_search_reaches_the_query_log(client, open_catalogue):
    for _ in range(3):
        assert "Модульная очистка" in client.get("/search/", {"q": "шахтные воды"}).content.decode()
    assert Query.objects.get(query_string="шахтные воды").hits == 3


def test_the_admin_is_never_stored(client, open_catalogue, admin_user):
    client.force_login(admin_user)
    client.get("/admin/")
    client.cookies.pop("sessionid")  # a stale page must not be there for a signed-out visitor to pick up
    assert client.get("/admin/").status_code == 302


def test_head_requests_are_answered_from_the_store(client, open_catalogue):
    NocSettings.for_site(Site.objects.get(is_default_site=True))
    client.get("/catalogue/")
    response, queries = queries_for(client, "/catalogue/", method="head")
    assert response.status_code == 200
    assert queries == 0

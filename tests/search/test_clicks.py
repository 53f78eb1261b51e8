"""Solutions opened from the search results: counted per solution and day, nothing about the visitor, and the
redirect leads only to a live public solution of this site."""
import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search import query_log
from search.models import SearchClick
from tests.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db


def go(client, page_id, **params):
    return client.get(f"/search/go/{page_id}/", params)


def test_the_search_results_link_through_the_counting_redirect(client, catalogue):
    html = client.get("/search/", {"q": "шахтные воды"}).content.decode()
    membrane = catalogue["membrane"]
    assert f'<a href="/search/go/{membrane.pk}/" rel="nofollow">' in html
    assert f'href="{membrane.url}"' not in html


def test_a_live_solution_redirects_to_its_page_and_is_counted(client, catalogue):
    membrane = catalogue["membrane"]
    for _ in range(2):
        response = go(client, membrane.pk)
        assert response.status_code == 302 and response.url == membrane.url
    click = SearchClick.objects.get()
    assert (click.page_id, click.date, click.clicks) == (membrane.pk, timezone.localdate(), 2)
    # Only the solution, the day and the count are kept.
    assert {field.name for field in SearchClick._meta.get_fields()} == {"id", "page", "date", "clicks"}


def test_the_landing_page_is_the_solution(client, catalogue):
    response = client.get(f"/search/go/{catalogue['membrane'].pk}/", follow=True)
    assert response.status_code == 200
    assert "Мембранная очистка шахтных вод" in response.content.decode()


@pytest.mark.parametrize("case", ["draft", "private", "unknown", "not_a_solution"])
def test_anything_but_a_live_public_solution_is_not_found(client, catalogue, case):
    if case == "draft":
        page_id = SolutionPageFactory(title="Черновик", live=False).pk
    elif case == "private":
        page_id = catalogue["lighting"].pk
        PageViewRestriction.objects.create(page=catalogue["lighting"], restriction_type="password",
                                           password="secret")
    elif case == "unknown":
        page_id = 999999
    else:
        page_id = catalogue["lighting"].get_parent().pk  # the catalogue index: a page, not a solution
    assert go(client, page_id).status_code == 404
    assert not SearchClick.objects.exists()


def test_never_an_open_redirect(client, catalogue):
    membrane = catalogue["membrane"]
    for params in ({"next": "https://evil.example/"}, {"url": "//evil.example/"}, {"q": "https://evil.example/"}):
        response = go(client, membrane.pk, **params)
        assert response.status_code == 302 and response.url == membrane.url
    assert client.get("/search/go/https://evil.example/").status_code == 404


def test_clicks_are_written_in_batches(settings, client, catalogue):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    query_log.flush()
    membrane, lighting = catalogue["membrane"], catalogue["lighting"]
    for page in (membrane, membrane, membrane, lighting):
        assert go(client, page.pk).status_code == 302
    assert not SearchClick.objects.exists()  # counted in memory until the batch is due
    query_log.flush()
    assert dict(SearchClick.objects.values_list("page_id", "clicks")) == {membrane.pk: 3, lighting.pk: 1}


def test_a_failed_batch_of_clicks_is_kept_for_the_next(settings, monkeypatch, client, catalogue):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    query_log.flush()
    membrane = catalogue["membrane"]
    go(client, membrane.pk)
    real_write = query_log.write

    def database_down(*batches):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(query_log, "write", database_down)
    query_log.flush()
    monkeypatch.setattr(query_log, "write", real_write)
    go(client, membrane.pk)
    query_log.flush()
    assert SearchClick.objects.get(page=membrane).clicks == 2


def test_clicks_of_a_solution_deleted_before_the_batch_are_dropped(settings, client, catalogue):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    query_log.flush()
    drone, membrane = catalogue["drone"], catalogue["membrane"]
    go(client, drone.pk)
    go(client, membrane.pk)
    drone.delete()
    query_log.flush()
    assert list(SearchClick.objects.values_list("page_id", "clicks")) == [(membrane.pk, 1)]


def test_robots_txt_keeps_crawlers_off_the_redirect(client):
    assert "Disallow: /search/go/" in client.get("/robots.txt").content.decode().splitlines()


def test_old_clicks_are_purged_with_the_retention_command(catalogue):
    today = timezone.localdate()
    membrane = catalogue["membrane"]
    SearchClick.objects.create(page=membrane, date=today - datetime.timedelta(days=401), clicks=5)
    SearchClick.objects.create(page=membrane, date=today - datetime.timedelta(days=300), clicks=2)
    output = StringIO()
    call_command("purge_submissions", "--dry-run", stdout=output)
    assert "переходы из поиска: можно удалить 1" in output.getvalue()
    assert SearchClick.objects.count() == 2
    call_command("purge_submissions", stdout=output)
    assert list(SearchClick.objects.values_list("clicks", flat=True)) == [2]

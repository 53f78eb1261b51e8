"""Feeds, exports and the widget fetch each solution's categories in a fixed number of queries: a longer
catalogue means longer responses, not more database round trips."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganizationFactory, RegionFactory, SectorFactory, SolutionPageFactory, publish


@pytest.fixture(autouse=True)
def _rendered_each_time(settings):
    """These tests count the queries of building a response, not of reading a stored one."""
    settings.RESPONSE_CACHE_SECONDS = 0


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_solutions(count):
    sector, region = SectorFactory(name="Экология"), RegionFactory(name="Кузбасс")
    for _ in range(count):
        solution = SolutionPageFactory(sectors=[sector], regions=[region], organizations=[OrganizationFactory()])
        solution.tags.add("шахта")
        publish(solution)


@pytest.mark.parametrize("url", ["/catalogue/feed/", "/catalogue/feed/atom/", "/catalogue/export.csv",
                                 "/catalogue/export.xlsx", "/embed/?limit=20"])
def test_query_count_does_not_grow_with_the_results(client, db, url):
    add_solutions(2)
    queries_for(client, url)  # warms Wagtail's cache of site root paths
    few = queries_for(client, url)
    add_solutions(10)
    assert queries_for(client, url) == few

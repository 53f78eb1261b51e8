"""A visitor in a real browser: the filter «Где внедрено» shows cities under their region; ticking the region finds
the solutions of its cities too, ticking a city narrows to that city."""
import re

import pytest

from catalogue.models import Region
from tests.e2e.conftest import LIVE_DB
from tests.factories import RegionFactory, SolutionPageFactory, publish

pytestmark = [pytest.mark.e2e, LIVE_DB]


@pytest.fixture
def places(db):
    kuzbass = RegionFactory(name="Кузбасс", slug="kuzbass", sort_order=1)
    dnr = RegionFactory(name="ДНР", slug="dnr", sort_order=2)
    novokuznetsk = RegionFactory(name="Новокузнецк", slug="novokuznetsk", kind=Region.Kind.CITY, parent=kuzbass)
    publish(SolutionPageFactory(title="Очистка шахтных вод", slug="mine-water", regions=[novokuznetsk]))
    publish(SolutionPageFactory(title="Питомник саженцев", slug="nursery", regions=[kuzbass]))
    publish(SolutionPageFactory(title="Редуктор конвейера", slug="reducer", regions=[dnr]))


def box(page, name):
    return page.get_by_role("checkbox", name=re.compile(f"^{name} "))


def titles(page):
    return sorted(page.locator(".cards .card .card__title").all_inner_texts())


def test_region_includes_its_cities_and_the_city_narrows(live_server, page, places):
    page.goto(live_server.url + "/catalogue/")
    region = page.locator(".facet li", has=box(page, "Кузбасс")).first
    # The city is listed inside its region's item, indented under it.
    assert region.locator(".facet__children").get_by_role("checkbox", name=re.compile("^Новокузнецк")).is_visible()
    city_box = box(page, "Новокузнецк").bounding_box()
    region_box = box(page, "Кузбасс").bounding_box()
    assert city_box["x"] > region_box["x"] and city_box["y"] > region_box["y"]
    assert "2" in region.locator(".facet__count").first.inner_text()

    box(page, "Кузбасс").check()
    page.wait_for_url("**region=kuzbass**")
    assert titles(page) == ["Очистка шахтных вод", "Питомник саженцев"]

    box(page, "Кузбасс").uncheck()
    page.wait_for_url(lambda url: "region=" not in url)
    box(page, "Новокузнецк").check()
    page.wait_for_url("**region=novokuznetsk**")
    assert titles(page) == ["Очистка шахтных вод"]

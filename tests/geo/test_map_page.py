"""/catalogue/map/: every deployment of the matching solutions on the map and in a list by region; the home
page's «Где уже работает»; the region outlines; the Content-Security-Policy with and without a tile layer."""
import re

import pytest
from django.test import override_settings

from catalogue.geo.gazetteer import point_of
from catalogue.geo.svgmap import base_map
from catalogue.models import Deployment, Region
from tests.factories import SectorFactory, SolutionPageFactory

MAP = "/catalogue/map/"


@pytest.fixture
def places(db):
    kuzbass = Region.objects.create(name="Кемеровская область")
    dnr = Region.objects.create(name="Донецкая Народная Республика")
    return {
        "kuzbass": kuzbass,
        "dnr": dnr,
        "kemerovo": Region.objects.create(name="Кемерово", kind=Region.Kind.CITY, parent=kuzbass),
        "novokuznetsk": Region.objects.create(name="Новокузнецк", kind=Region.Kind.CITY, parent=kuzbass),
        "donetsk": Region.objects.create(name="Донецк", kind=Region.Kind.CITY, parent=dnr),
        "nowhere": Region.objects.create(name="Посёлок Нигде", kind=Region.Kind.CITY),
    }


def deploy(solution, site, **place):
    return Deployment.objects.create(page=solution, site=site, **place)


@pytest.fixture
def deployed(places):
    ecology, mining = SectorFactory(name="Экология", slug="ecology"), SectorFactory(name="Горное дело", slug="mining")
    water = SolutionPageFactory(title="Очистка шахтных вод", slug="water", sectors=[ecology])
    dust = SolutionPageFactory(title="Пылеподавление", slug="dust", sectors=[mining])
    deploy(water, "Очистные сооружения шахты", city=places["kemerovo"], year=2021)
    deploy(water, "Разрез (иллюстративный пример)", city=places["novokuznetsk"], year=2023)
    deploy(water, "Водоканал (иллюстративный пример)", city=places["donetsk"], year=2024)
    deploy(dust, "Обогатительная фабрика", region=places["kuzbass"], year=2022)
    deploy(dust, "Объект без координат", city=places["nowhere"], year=2020)
    return {"water": water, "dust": dust}


def page(client, url):
    return client.get(url).content.decode().replace("&nbsp;", " ")


def markers(html):
    return re.findall(r'<a class="map-marker[^"]*"[^>]*href="([^"]+)">\s*<title>([^<]+)</title>', html)


def test_every_deployment_is_on_the_map_and_in_the_list_by_region(client, deployed):
    html = page(client, MAP)
    assert "5 внедрений в 3 регионах" in html
    found = markers(html)
    # Kemerovo, Novokuznetsk and the Kuzbass point are close: the map gathers them; Donetsk stands apart.
    assert sum(int(re.search(r": (\d+)", label).group(1)) for _, label in found) == 4
    assert any("Донецк: 1 внедрение" in label for _, label in found)
    assert "На карте 4 из 5" in html
    listing = html[html.index('id="deployments-list"'):]
    kuzbass = listing.index("Кемеровская область")
    assert "3 внедрения, 2 решения" in listing[kuzbass:kuzbass + 300]
    assert 'href="/catalogue/water/"' in listing and 'href="/catalogue/dust/"' in listing
    assert listing.index("Кемеровская область") < listing.index("Донецкая Народная Республика")
    assert "Регион не указан" in listing  # the place without a region still counts, last


def test_markers_link_to_their_region_in_the_list(client, deployed):
    html = page(client, MAP)
    for href, _ in markers(html):
        assert href.startswith("#deployments-list-")
        assert f'id="{href[1:]}"' in html


def test_the_map_takes_the_catalogues_filters(client, deployed):
    html = page(client, MAP + "?sector=mining")
    assert "2 внедрения в 2 регионах" in html
    assert "Пылеподавление" in html and "Очистка шахтных вод" not in html.split('id="deployments-list"')[1]
    assert "Горное дело" in html  # the chip that removes the filter


@pytest.mark.parametrize("query", ["?sector=no-such-sector", "?stage=nonsense", "?trl_min=99", "?sort=%00"])
def test_a_bad_filter_gives_the_whole_map_with_a_russian_notice_never_an_error(client, deployed, query):
    response = client.get(MAP + query)
    assert response.status_code == 200
    html = response.content.decode().replace("&nbsp;", " ")
    assert "не распознана, поэтому мы их не учли" in html
    assert "5 внедрений в 3 регионах" in html


def test_a_text_search_nothing_matches_says_so(client, deployed):
    response = client.get(MAP + "?q=" + "ж" * 500)
    assert response.status_code == 200
    assert "Внедрений под эти условия пока нет" in response.content.decode().replace("&nbsp;", " ")


def test_no_deployments_says_so(client, db, places):
    SolutionPageFactory(title="Без внедрений")
    html = page(client, MAP).replace("&nbsp;", " ")
    assert "Внедрений под эти условия пока нет" in html
    assert markers(html) == []


def test_a_deployment_point_is_its_own_then_its_citys_then_its_regions():
    assert point_of((54.1, 86.2), (55.0, 86.0), (54.6, 87.2)) == (54.1, 86.2)
    assert point_of((None, None), (55.0, 86.0), (54.6, 87.2)) == (55.0, 86.0)
    assert point_of((None, None), (None, None), (54.6, 87.2)) == (54.6, 87.2)
    assert point_of((54.1, None), (None, None), (None, None)) is None


def test_own_coordinates_win_over_the_citys(client, places):
    solution = SolutionPageFactory(title="Мониторинг")
    deploy(solution, "Отвал", city=places["kemerovo"], lat=56.5, lon=84.9)  # entered by hand: near Tomsk
    html = page(client, MAP)
    x, y = base_map().xy(56.5, 84.9)
    assert f'cx="{x}" cy="{y}"' in html


def test_the_outlines_are_an_svg_of_every_region(client, db):
    response = client.get("/catalogue/map/regions.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age=86400" in response["Cache-Control"]
    svg = response.content.decode()
    assert svg.count("<path ") == 89
    assert "<title>Кемеровская область</title>" in svg


def test_home_page_shows_where_it_already_works(client, deployed):
    html = page(client, "/")
    section = html[html.index("Где уже работает"):]
    assert "5 внедрений решений каталога в 3 регионах" in section
    assert "Водоканал (иллюстративный пример), Донецк, с 2024 г." in section  # the newest first
    assert section.index("Водоканал") < section.index("Разрез")
    assert 'href="/catalogue/map/"' in section


def csp(response):
    return response["Content-Security-Policy"]


def test_without_a_tile_layer_images_come_from_the_site_alone(client, deployed):
    response = client.get(MAP)
    assert "img-src 'self';" in csp(response) + ";"
    assert "data-tiles" not in response.content.decode()
    assert "deployment-map.js" not in response.content.decode()


@override_settings(MAP_TILES_URL="https://{s}.tiles.example.ru/{z}/{x}/{y}.png", MAP_TILES_ATTRIBUTION="© Пример")
def test_a_tile_layer_opens_img_src_to_its_server_only(client, deployed):
    response = client.get(MAP)
    img_src = re.search(r"img-src ([^;]+)", csp(response)).group(1).split()
    assert img_src == ["'self'", "https://*.tiles.example.ru"]
    assert "script-src 'self'" in csp(response)
    html = response.content.decode()
    assert 'data-tiles="https://{s}.tiles.example.ru/{z}/{x}/{y}.png"' in html
    assert "deployment-map.js" in html


def test_a_solution_page_maps_its_own_deployments_framed_around_them(client, deployed):
    html = page(client, "/catalogue/water/")
    solution_map = html[html.index('class="deployment-map"'):html.index("</figure>")]
    labels = re.findall(r"<title[^>]*>([^<]+)</title>", solution_map)
    assert labels[0].startswith("Где внедрено")
    assert {"Кемерово: 1 внедрение", "Новокузнецк: 1 внедрение", "Донецк: 1 внедрение"} <= set(labels)
    view_box = [float(number) for number in re.search(r'viewBox="([^"]+)"', solution_map).group(1).split()]
    assert view_box[2] < base_map().width  # zoomed in on Kuzbass and Donbass, not the whole country


def test_a_solution_without_placed_deployments_has_no_map(client, places):
    SolutionPageFactory(title="Только в планах", slug="plans")
    assert 'class="deployment-map"' not in page(client, "/catalogue/plans/")

"""The catalogue page and its need, sector and organisation views, as a visitor's browser sees them."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import cache as catalogue_cache
from tests.factories import SolutionPageFactory
from tests.showcase import build_showcase

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase():
    return build_showcase()


def titles(response):
    return [solution.title for solution in response.context["solutions"]]


def test_catalogue_lists_live_solutions_most_ready_first(client, showcase):
    response = client.get("/catalogue/")
    assert response.status_code == 200
    assert titles(response)[0] == "Модульная станция очистки шахтных вод"
    assert len(titles(response)) == 6
    assert "Найдено 6 решений" in response.content.decode()


def test_filters_combine_and_show_counts(client, showcase):
    response = client.get("/catalogue/", {"need": "ochistka-shakhtnykh-vod", "stage": "pilot"})
    assert titles(response) == ["Отечественный насос для водоотлива"]
    html = response.content.decode()
    assert "Найдено 1 решение" in html
    stage_counts = {value.slug: value.count for value in response.context["facets"]["stage"]}
    assert stage_counts["pilot"] == 1


def test_active_filters_are_chips_that_remove_themselves(client, showcase):
    response = client.get("/catalogue/", {"need": "ochistka-shakhtnykh-vod", "stage": "serial"})
    chips = {chip.value: chip.remove_url for chip in response.context["chips"]}
    assert chips["Серийное производство"] == "?need=ochistka-shakhtnykh-vod"
    assert chips["Очистка шахтных вод"] == "?stage=serial"
    widened = client.get("/catalogue/" + chips["Серийное производство"])
    assert len(titles(widened)) == 3


def test_trl_min_and_sort_newest(client, showcase):
    response = client.get("/catalogue/", {"trl_min": "7", "sort": "title"})
    assert response.context["query"].sort == "title"
    response = client.get("/catalogue/", {"trl_min": "7"})
    assert set(titles(response)) == {"Модульная станция очистки шахтных вод", "Питомник саженцев для рекультивации",
                                     "Отечественный насос для водоотлива"}
    assert any(chip.value == "не ниже 7" for chip in response.context["chips"])


def test_relevance_sort_is_offered_only_for_a_text_query(client, showcase):
    plain = client.get("/catalogue/")
    assert [option.value for option in plain.context["sort_options"]] == ["newest", "readiness", "deployments"]
    searched = client.get("/catalogue/", {"q": "насос"})
    assert searched.context["sort_options"][0].value == "relevance"
    assert searched.context["sort_options"][0].selected
    assert "Отечественный насос для водоотлива" in titles(searched)


def test_bad_parameters_give_a_normal_page_that_names_them(client, showcase):
    response = client.get("/catalogue/", {"stage": "someday", "trl_min": "99", "colour": "red",
                                          "need": "ochistka-shakhtnykh-vod"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "не&nbsp;распознана" in html
    assert "стадия — такой стадии нет, выберите её в фильтрах" in html
    assert "УГТ не ниже — целое число от 1 до 9" in html
    assert "colour — неизвестный параметр" in html
    # The good filter still applies.
    assert len(titles(response)) == 3


def test_unknown_slug_is_ignored_not_fatal(client, showcase):
    response = client.get("/catalogue/", {"sector": "no-such-sector"})
    assert response.status_code == 200
    assert "не найдено: no-such-sector" in response.content.decode()
    assert len(titles(response)) == 6


def test_empty_result_explains_and_offers_to_widen(client, showcase):
    response = client.get("/catalogue/", {"need": "importozameshchenie-oborudovaniia", "stage": "research"})
    html = response.content.decode()
    assert response.context["result_count"] == 0
    assert "Под эти условия решений пока нет" in html
    assert "Уберите одно из&nbsp;условий" in html
    assert 'href="?need=importozameshchenie-oborudovaniia"' in html


def test_pagination_keeps_filters_and_survives_nonsense(client):
    sector = build_showcase()["sectors"]["mining"]
    for number in range(14):
        SolutionPageFactory(title=f"Проходческий комбайн {number}", trl=5, sectors=[sector])
    first = client.get("/catalogue/", {"sector": sector.slug})
    assert first.context["page_obj"].paginator.num_pages == 2
    assert f'href="?sector={sector.slug}&amp;page=2"' in first.content.decode()
    assert len(titles(client.get("/catalogue/", {"sector": sector.slug, "page": "2"}))) == 17 - 12
    assert client.get("/catalogue/", {"page": "abc"}).status_code == 200


def test_need_page_has_its_own_heading_and_keeps_the_need_fixed(client, showcase):
    response = client.get("/catalogue/need/ochistka-shakhtnykh-vod/", {"stage": "development"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Очистка шахтных вод</h1>" in html
    assert "Сброс шахтных и\u00a0подотвальных вод без вреда для рек." in html
    assert titles(response) == ["Биосорбент для подотвальных вод"]
    # The need comes from the address, so it is not a removable chip.
    assert [chip.value for chip in response.context["chips"]] == ["Разработка"]
    assert "<title>Очистка шахтных вод: решения — НОЦ" in html


def test_sector_and_organisation_pages(client, showcase):
    sector = client.get("/catalogue/sector/selskoe-khoziaistvo/")
    assert set(titles(sector)) == {"Питомник саженцев для рекультивации", "Гидропосев на отвалах"}
    org = client.get(f"/catalogue/org/{showcase['orgs']['institute'].slug}/")
    html = org.content.decode()
    assert "Институт углехимии (пример)" in html and "Кемерово" in html
    assert set(titles(org)) == {"Модульная станция очистки шахтных вод", "Гидропосев на отвалах",
                                "Отечественный насос для водоотлива"}


def test_unknown_category_is_a_404_in_the_site_style(client, showcase):
    response = client.get("/catalogue/need/no-such-need/")
    assert response.status_code == 404
    assert "Такой страницы нет" in response.content.decode()


def test_card_shows_stage_badge_sector_and_developer(client, showcase):
    html = client.get("/catalogue/", {"need": "rekultivatsiia-otvalov"}).content.decode()
    assert "УГТ&nbsp;8 · Пилотное внедрение" in html
    assert "Горный университет (пример)" in html
    assert 'href="/catalogue/nursery/"' in html


def count_queries(client, url):
    # Solutions made by the factory go live without being published, so nothing renews the cached facets:
    # a new catalogue generation makes every measured request count them, which is the cost that must not grow.
    catalogue_cache.bump()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/catalogue/", "/catalogue/need/ochistka-shakhtnykh-vod/", "/"])
def test_query_count_does_not_grow_with_results(client, showcase, url):
    count_queries(client, url)  # the first request also fills per-process caches (site root paths)
    before = count_queries(client, url)
    need, sector = showcase["needs"]["water"], showcase["sectors"]["mining"]
    for number in range(6):
        SolutionPageFactory(title=f"Ещё решение {number}", trl=3 + number, needs=[need], sectors=[sector])
    assert count_queries(client, url) == before


def test_keyword_facet_counts_and_filters(client, showcase):
    pump, station = showcase["solutions"]["pump"], showcase["solutions"]["mine-water"]
    for solution in (pump, station):
        solution.tags.add("водоотлив")
        solution.save()
    station.tags.add("мембраны")
    station.save()
    facet = {value.name: value.count for value in client.get("/catalogue/").context["facets"]["tag"]}
    assert facet == {"водоотлив": 2, "мембраны": 1}
    slug = pump.tags.get().slug
    response = client.get("/catalogue/", {"tag": slug, "stage": "serial"})
    assert titles(response) == ["Модульная станция очистки шахтных вод"]
    assert [chip.value for chip in response.context["chips"] if chip.label == "Ключевое слово"] == ["водоотлив"]
    assert f'name="tag" value="{slug}" checked' in response.content.decode()


def test_corrected_query_is_announced(client, showcase):
    response = client.get("/catalogue/", {"q": "нассос"})
    assert titles(response)[0] == "Отечественный насос для водоотлива"
    assert "Показаны результаты по&nbsp;запросу «насос»." in response.content.decode()


def test_results_section_has_a_heading_for_screen_readers_and_the_html_checker(client, db):
    html = client.get("/catalogue/").content.decode()
    section = html.split('<section class="catalogue__results"', 1)[1]
    assert 'aria-labelledby="results-heading"' in section.split(">", 1)[0]
    assert section.split(">", 1)[1].lstrip().startswith('<h2 class="visually-hidden" id="results-heading">Решения</h2>')

"""The search page and its suggestions, as a person (or a script) uses them."""
from urllib.parse import quote

import pytest
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from home.models import NocSettings
from search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db


def test_results_have_highlighted_word_forms(client, catalogue):
    response = client.get("/search/", {"q": "угольная шахта"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Мембранная очистка шахтных вод" in html
    assert "дренажных вод <mark>угольных</mark> <mark>шахт</mark>." in html


def test_results_show_facet_counts_for_the_query(client, catalogue):
    response = client.get("/search/", {"q": "вода"})
    facets = {facet: {value.slug: value.count for value in values}
              for facet, values in response.context["facets"].items()}
    assert facets["sector"] == {"ecology": 2}
    assert facets["need"] == {"water": 2}


def test_facet_filter_combines_with_the_query(client, catalogue):
    response = client.get("/search/", {"q": "карьер", "sector": "ecology"})
    assert [item["object"].slug for item in response.context["items"]] == ["wetland"]


def test_typo_says_which_query_was_shown(client, catalogue):
    html = client.get("/search/", {"q": "мембраная очистка"}).content.decode()
    assert "Показаны результаты по&nbsp;запросу «<a" in html
    assert "мембранная очистка" in html


def test_zero_results_offer_help_and_are_logged(client, catalogue):
    NocSettings.objects.update_or_create(site=Site.objects.get(is_default_site=True),
                                         defaults={"email": "noc@example.org"})
    response = client.get("/search/", {"q": "квантовый телепорт"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ничего не&nbsp;нашлось" in html
    assert "Очистка воды" in html  # a popular need with live solutions
    assert "mailto:noc@example.org" in html
    assert ZeroResultQuery.objects.get().query_string == "квантовый телепорт"


def test_zero_results_suggest_close_published_words(client, catalogue):
    html = client.get("/search/", {"q": "шахтнх"}).content.decode()
    assert "Возможно, вы искали" in html or "Показаны результаты" in html


def test_queries_are_counted_for_editors(client, catalogue):
    client.get("/search/", {"q": "Очистка воды"})
    client.get("/search/", {"q": "очистка  воды"})
    client.get("/search/", {"q": "очистка воды", "page": "2"})
    assert Query.objects.get(query_string="очистка воды").hits == 2


@pytest.mark.parametrize("q", ['"', "((шахта", "вода NEAR/3 шахта", "<script>alert(1)</script>", "ж" * 10_000,
                               "\x00\x07", "шахт* ^2 -вода"])
def test_hostile_queries_give_a_normal_page(client, catalogue, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_bad_parameters_are_a_clear_400(client, catalogue):
    response = client.get("/search/", {"q": "вода", "sector": "нет-такой", "trl_min": "десять"})
    assert response.status_code == 400
    assert "не найдено" in response.content.decode()


def test_empty_search_page_invites_a_query(client, catalogue):
    html = client.get("/search/").content.decode()
    assert 'name="q"' in html and "Частые потребности городов" in html
    external = ('<script src="/static/js/search-suggest.js" defer></script>',
                '<script src="/static/js/shortlist.js" defer></script>')
    for script in external:
        html = html.replace(script, "")
    assert "<script" not in html


def test_pages_of_results_keep_the_query(client, db):
    from tests.search.conftest import make_solution

    for number in range(12):
        make_solution(f"sensor-{number}", f"Датчик метана {number}", "Контроль газа в лаве.")
    first = client.get("/search/", {"q": "датчик"})
    assert "q=%D0%B4%D0%B0%D1%82%D1%87%D0%B8%D0%BA&amp;page=2" in first.content.decode()
    second = client.get("/search/", {"q": "датчик", "page": "2"})
    assert len(second.context["items"]) == 2


def test_suggestions_are_titles_of_best_matches(client, catalogue):
    data = client.get("/search/suggest/", {"q": "светильн"}).json()
    assert data["suggestions"][0] == {"title": "Интеллектуальное уличное освещение",
                                      "url": "/catalogue/street-lighting/"}
    assert client.get("/search/suggest/", {"q": "с"}).json()["suggestions"] == []
    assert client.get("/search/suggest/", {"q": '"(*'}).json()["suggestions"] == []


@pytest.mark.parametrize(("typed", "meant"), [("jxbcnrf if[nys[ djl", "очистка шахтных вод"),  # Latin layout on
                                               ("membrannaya ochistka", "мембранная очистка")])  # transliterated
def test_query_typed_otherwise_is_shown_as_understood(client, catalogue, typed, meant):
    html = client.get("/search/", {"q": typed}).content.decode()
    assert f"Показаны результаты по&nbsp;запросу «<a href=\"?q={quote(meant)}\">{meant}</a>»" in html
    assert "Мембранная очистка шахтных вод" in html


def test_suggestions_understand_the_wrong_layout(client, catalogue):
    # «,tcgbkjn» is «беспилот» typed with the Latin layout on; the comma is the «б» key.
    data = client.get("/search/suggest/", {"q": ",tcgbkjn"}).json()
    assert data["suggestions"][0]["title"] == "Маркшейдерская съёмка карьеров с беспилотников"
    assert client.get("/search/suggest/", {"q": "cdtnbkm"}).json()["suggestions"][0]["title"] == (
        "Интеллектуальное уличное освещение")

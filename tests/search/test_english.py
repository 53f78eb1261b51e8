"""English queries: the editors' bilingual glossary, English word forms, and the English fields of a solution."""
import pytest

from catalogue.models import SolutionPage
from search import service, text
from search.models import SynonymGroup
from tests.search.conftest import make_solution


def ranked(q):
    result = service.search(SolutionPage.objects.live(), q, tie_order=("-trl", "pk"))
    return [SolutionPage.objects.get(pk=pk).slug for pk in result.ids]


def test_english_words_are_snowball_stemmed_and_function_words_dropped():
    assert text.stem("pumps") == text.stem("pump")
    assert text.stem("mining") == text.stem("mines")
    assert text.stems("treatment of the mine water") == ["treatment", "mine", "water"]


@pytest.mark.parametrize(("q", "slug"), [
    ("mine water treatment", "mine-water"),
    ("drone survey of open pits", "drone-survey"),
    ("street lighting", "street-lighting"),
    ("roof bolting", "roof-bolting"),
    ("reverse osmosis", "mine-water"),
])
def test_starter_glossary_finds_russian_pages_for_english_terms(catalogue, q, slug):
    assert ranked(q)[0] == slug


def test_english_typo_is_corrected_against_the_glossary(catalogue):
    result = service.search(SolutionPage.objects.live(), "stret lightning")
    assert result.corrected_query == "street lighting"
    assert SolutionPage.objects.get(pk=result.ids[0]).slug == "street-lighting"


def test_editors_add_english_terms_through_the_synonyms_snippet(catalogue):
    assert ranked("phytoremediation") == []
    SynonymGroup.objects.create(terms="phytoremediation, биоплато")
    assert ranked("phytoremediation") == ["wetland"]


def test_english_title_and_summary_are_searched_shown_and_served(client, catalogue):
    page = make_solution("sorbent", "Сорбент из отходов углеобогащения", "Поглощает нефтепродукты.")
    page.title_en = "Oil spill sorbent from coal waste"
    page.summary_en = "Absorbs petroleum products from water surfaces."
    page.save_revision().publish()
    assert ranked("petroleum absorbing")[0] == "sorbent"
    html = client.get(page.url).content.decode()
    assert 'lang="en"' in html and "In English" in html and "Oil spill sorbent from coal waste" in html
    item = client.get("/api/v2/solutions/", {"search": "oil spill"}).json()["items"][0]
    assert item["title_en"] == "Oil spill sorbent from coal waste"
    assert item["summary_en"] == "Absorbs petroleum products from water surfaces."


def test_page_without_english_shows_no_english_block(client, catalogue):
    assert "In English" not in client.get(SolutionPage.objects.get(slug="wetland").url).content.decode()

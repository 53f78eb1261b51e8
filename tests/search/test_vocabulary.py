"""The dictionary of published words behind typo correction and prefix matching."""
import pytest
from django.core.management import call_command

from search import vocabulary
from search.models import SearchWord, SynonymGroup


@pytest.mark.parametrize("first, second, distance", [
    ("светильник", "светильник", 0), ("светильнки", "светильник", 1), ("светльник", "светильник", 1),
    ("свеетильник", "светильник", 1), ("сведильнек", "светильник", 2), ("шахта", "карьер", 3),
])
def test_edit_distance_counts_swaps_once(first, second, distance):
    assert vocabulary.edit_distance(first, second, limit=2) == min(distance, 3)


def test_published_words_are_learnt_and_drafts_are_not(catalogue):
    assert SearchWord.objects.filter(word="беспилотников").exists()
    from tests.search.conftest import make_solution

    draft = make_solution("secret", "Секретнейшая разработка", "Черновик.")
    draft.unpublish()
    call_command("rebuild_search_vocabulary", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not SearchWord.objects.filter(word="секретнейшая").exists()
    assert SearchWord.objects.filter(word="беспилотников").exists()


def test_closest_word_needs_a_near_published_word(catalogue):
    assert vocabulary.closest_word("беспилотнеков") == "беспилотников"
    assert vocabulary.closest_word("мембраная") == "мембранная"
    assert vocabulary.closest_word("вад") == ""  # too short to guess
    assert vocabulary.closest_word("вада") == "вод"
    assert vocabulary.closest_word("телепортация") == ""


def test_synonym_group_needs_two_terms(db):
    group = SynonymGroup(terms="только одно")
    with pytest.raises(Exception, match="хотя бы два"):
        group.full_clean()
    assert SynonymGroup(terms="ИИ,\nискусственный интеллект").phrases() == [("ии",), ("искусствен", "интеллект")]


def test_editors_see_synonyms_and_missed_queries(admin_client, catalogue):
    client = admin_client
    client.get("/search/", {"q": "квантовый телепорт"})
    synonyms = client.get("/admin/snippets/search/synonymgroup/")
    misses = client.get("/admin/snippets/search/zeroresultquery/")
    assert synonyms.status_code == misses.status_code == 200
    # The starter lists are longer than a page: the first group in the editors' order is on it.
    assert str(SynonymGroup.objects.order_by("terms").first()) in synonyms.content.decode()
    assert "квантовый телепорт" in misses.content.decode()


def test_migrating_a_site_with_content_builds_search_data(catalogue):
    from django.apps import apps

    from search.models import SearchDocument
    from search.signals import fill_if_empty

    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    fill_if_empty(apps.get_app_config("search"), verbosity=0)
    assert SearchDocument.objects.count() == len(catalogue)
    assert SearchWord.objects.filter(word="беспилотников").exists()

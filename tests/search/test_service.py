"""The search service ranks Russian queries the same way for every caller."""
import pytest
from django.http import QueryDict
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from catalogue.models import SolutionPage
from catalogue.query import CatalogueQuery
from search import service
from search.models import SynonymGroup
from tests.search.conftest import make_solution


def ranked(q, queryset=None):
    result = service.search(queryset or SolutionPage.objects.live(), q, tie_order=("-trl", "pk"))
    return [SolutionPage.objects.get(pk=pk).slug for pk in result.ids]


def test_word_forms_match(catalogue):
    assert ranked("крепление анкерами")[0] == "roof-bolting"
    assert ranked("карьер")[0] in {"drone-survey", "wetland"}


def test_yo_and_ye_are_the_same_letter(catalogue):
    assert "mine-water" in ranked("емкость")
    assert ranked("съемка") == ranked("съёмка") != []


def test_starter_synonyms_and_abbreviations(catalogue):
    assert ranked("съёмка карьера дроном")[0] == "drone-survey"
    assert ranked("горняки")[0] == "rescue-training"
    assert ranked("беспилотный летательный аппарат")[0] == "drone-survey"


def test_editor_synonyms_apply_at_query_time(catalogue):
    assert ranked("осмос мембрана")[0] == "mine-water"
    assert ranked("опреснение") == []
    SynonymGroup.objects.create(terms="опреснение, обратный осмос")
    assert ranked("опреснение") == ["mine-water"]


def test_typo_is_corrected_with_the_corrected_query_reported(catalogue):
    result = service.search(SolutionPage.objects.live(), "мембраная очистка")
    assert result.corrected_query == "мембранная очистка"
    assert SolutionPage.objects.get(pk=result.ids[0]).slug == "mine-water"
    assert service.search(SolutionPage.objects.live(), "светильникы").corrected_query == ""
    assert ranked("светильникы") == ["street-lighting"]


def test_more_matched_words_rank_first_without_strict_and(catalogue):
    # Both water pages say «очистка шахтных вод»; only the membrane page also says «мембранная».
    assert ranked("мембранная очистка шахтных вод")[:2] == ["mine-water", "wetland"]
    assert ranked("очистка шахтных вод космос") != []


def test_title_and_summary_outweigh_body(catalogue):
    # «шахтных вод» is in the membrane page's title and only in the wetland page's body.
    assert ranked("шахтные воды")[0] == "mine-water"


def test_readiness_breaks_ties(db):
    for slug, trl in (("low", 4), ("high", 9), ("middle", 6)):
        make_solution(slug, "Датчик метана", "Контроль газа в лаве.", trl=trl)
    assert ranked("датчик метана") == ["high", "middle", "low"]


def test_filters_limit_the_search(catalogue):
    query = CatalogueQuery.from_params(QueryDict("q=вода&sector=ecology"))
    assert {page.slug for page in query.results()[:10]} == {"mine-water", "wetland"}


def test_catalogue_query_ranks_exactly_like_the_service(catalogue):
    query = CatalogueQuery.from_params(QueryDict("q=очистка+шахтных+вод+карьера"))
    assert [page.slug for page in query.results()[:10]] == ranked("очистка шахтных вод карьера")


def test_promoted_page_is_pinned_first(catalogue):
    SearchPromotion.objects.create(query=Query.get("вода"), page=catalogue["lighting"], sort_order=0,
                                   description="Закреплено редактором")
    assert ranked("Вода")[0] == "street-lighting"


def test_drafts_are_not_found(catalogue):
    catalogue["membrane"].unpublish()
    assert "mine-water" not in ranked("мембранная очистка")


@pytest.mark.parametrize("hostile", [
    '"', '"очистка', "((вода", "вода NEAR шахта", "шахт*", "^вода", "-вода", "вода OR", "AND", "'; DROP TABLE",
    "\x00\x01", "<b>вода</b>", "вода " * 2000, "ж" * 10_000, "", "   ", "🙂", "*", "-",
])
def test_hostile_input_never_breaks_search(catalogue, hostile):
    result = service.search(SolutionPage.objects.live(), hostile)
    assert isinstance(result.ids, list)


def test_long_query_is_answered(catalogue):
    assert ranked("очистка шахтных вод " * 500)[0] in {"mine-water", "wetland"}


def test_edited_page_is_found_by_its_new_words(catalogue):
    page = catalogue["lighting"]
    assert ranked("фонари на опорах") == ["street-lighting"]  # «фонарь» is a starter synonym of «светильник»
    page.summary = "Светодиодные прожекторы для стадионов."
    page.save_revision().publish()
    assert ranked("прожекторы") == ["street-lighting"]


def test_rebuild_restores_what_search_needs(catalogue):
    from django.core.management import call_command

    from search.models import SearchDocument, SearchPosting, SearchWord

    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    call_command("rebuild_search_vocabulary", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchDocument.objects.count() == len(catalogue)
    assert SearchPosting.objects.filter(stem="беспилотник").count() == 1
    assert ranked("беспилотники")[0] == "drone-survey"


def test_a_page_saying_the_need_beats_one_sharing_a_single_rarer_word(db):
    make_solution("hearing", "Профилактика тугоухости", "Вкладыши и аудиометрия.", "Снижают потери слуха.")
    make_solution("jobs", "Бизнес-инкубатор", "Микрозаймы для малого бизнеса.", "Открыто 260 рабочих мест.")
    make_solution("pipes", "Предизолированные трубы", "Снижают потери тепла.")
    make_solution("leaks", "Поиск утечек", "Потери воды в сетях.")
    for number in range(16):
        make_solution(f"lighting-{number}", f"Уличное освещение {number}", "Светильники для дворов.")
    # «рабочих» is on one page, «потеря слуха» on one and half of it on two: shares 0.45 and 0.55, alike.
    assert ranked("потеря слуха у рабочих")[0] == "hearing"


def test_half_a_phrase_counts_as_half_of_it(db):
    # «Потери» in a title is half of «потеря слуха»: the page on hearing loss, saying it in its body, comes first.
    make_solution("pipes", "Потери тепла в трубах", "Предизолированные трубы для сетей.")
    make_solution("hearing", "Защита для работников фабрик", "Вкладыши по слепку уха.", "Меньше потери слуха.")
    assert ranked("потеря слуха") == ["hearing", "pipes"]


def test_everyday_words_of_the_domain_find_the_terms(db):
    make_solution("landfill", "Сбор свалочного газа на полигонах ТКО", "Газопоршневая установка.",
                  "Исчезает запах над кварталами.")
    make_solution("hearing", "Противошумные вкладыши", "Индивидуальные вкладыши по слепку уха.")
    make_solution("lighting", "Уличное освещение", "Светильники для дворов.")
    assert ranked("вонь от свалки")[0] == "landfill"
    assert ranked("беруши") == ["hearing"]

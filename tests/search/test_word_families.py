"""A need put in other words of the same family or as a compound still finds the page that says it differently."""
from catalogue.models import SolutionPage
from search import service, text
from tests.search.conftest import make_solution


def ranked(q):
    result = service.search(SolutionPage.objects.live(), q, tie_order=("-trl", "pk"))
    return [SolutionPage.objects.get(pk=pk).slug for pk in result.ids]


def test_verb_finds_the_noun_and_the_adjective_finds_the_verb(db):
    make_solution("reclamation", "Рекультивация нарушенных земель", "Посадка леса на отвалах.")
    make_solution("treatment", "Станция для очистки стоков", "Очистка дренажных вод.")
    make_solution("lighting", "Уличное освещение", "Светильники для дворов.")
    assert ranked("рекультивировать землю") == ["reclamation"]
    assert ranked("очистное оборудование")[0] == "treatment"


def test_imperfective_verb_finds_the_noun_with_the_other_root_vowel(db):
    make_solution("heating", "Отопление школ тепловыми насосами", "Замена угольных котлов.")
    make_solution("lighting", "Уличное освещение", "Светильники для дворов.")
    assert ranked("как отапливать школу") == ["heating"]


def test_adjective_finds_the_noun(db):
    make_solution("pipes", "Трубы для теплосетей", "Изоляция снижает потери тепла.")
    make_solution("pumps", "Насосы водоотлива", "Откачка воды из шахты.")
    assert ranked("тепловые потери")[0] == "pipes"
    assert ranked("водный насос")[0] == "pumps"


def test_compound_meets_its_parts_both_ways(db):
    make_solution("pumps", "Предиктивное обслуживание насосов водоотлива", "Датчики вибрации на насосах.")
    make_solution("pipes", "Предизолированные трубы", "Для теплосетей городов.")
    make_solution("dust", "Туманные пушки", "Осаждают угольную пыль на складах.")
    make_solution("lighting", "Уличное освещение", "Светильники для дворов.")
    assert ranked("водо-отлив")[0] == "pumps"
    assert ranked("тепловые сети")[0] == "pipes"
    assert ranked("пылеподавление") == ["dust"]


def test_a_compound_said_whole_outranks_a_page_with_one_of_its_parts(db):
    make_solution("cyber", "Защита промышленных сетей", "Для шахт и водоканалов.")
    make_solution("leaks", "Поиск утечек воды", "Течеискатели для водопровода.")
    assert ranked("водоканал")[0] == "cyber"


def test_inflectional_endings_are_not_compound_parts():
    assert text.compound_parts("водоотлива") == ("водо", "отлива")
    assert text.compound_parts("теплосети") == ("тепло", "сети")
    assert text.compound_parts("теплового") == ()
    assert text.compound_parts("газовыми") == ()


def test_the_wrapping_of_a_question_is_not_searched(db):
    make_solution("sewage", "Очистка городских стоков", "Ультрафиолетовое обеззараживание.")
    make_solution("tech", "Технология и решение для выбора", "Подскажем, какой способ нужен.")
    assert ranked("подскажите технологию, которая нужна для очистки стоков") == ["sewage"]
    assert ranked("технология") == ["tech"]


def test_a_form_stemmed_shorter_than_the_others_still_finds_them(db):
    # Snowball cuts «порыв» to «пор» but «порывов» to «порыв».
    make_solution("leaks", "Акустический поиск утечек", "Находит места порывов водопроводных сетей.")
    make_solution("dam", "Датчики порового давления", "Контроль дамб хвостохранилищ.")
    assert ranked("порыв")[0] == "leaks"


def test_the_backend_gets_every_typed_word_before_any_variant(catalogue):
    from search import planning

    query_plan = planning.plan(service.normalise("очистные шахтные воды карьеры анкерное крепление"))
    terms = query_plan.backend_terms()
    typed = {text.stem(word) for word in ("очистные", "карьеры", "анкерное", "крепление")} | {"шахтн", "вод"}
    assert set(terms[:len(typed)]) == typed
    assert len(terms) > len(typed)  # word forms and synonyms follow


def test_a_search_server_indexes_the_parts_of_compounds_as_the_database_does(db):
    # Elasticsearch/OpenSearch get `search_headline`/`search_details`; they must hold the stems the database
    # postings hold, or a search server would never offer «пылеподавление» as a candidate for «пыль».
    page = make_solution("dust", "Пылеподавление на складах угля", "Туманные пушки.", "Водоотлив из шахты.")
    assert set(page.search_headline().split()) >= {text.stem("пыле"), text.stem("подавление")}
    assert set(page.search_details().split()) >= {text.stem("водо"), text.stem("отлив")}


def test_a_root_that_drops_its_vowel_finds_its_other_forms(db):
    make_solution("coal", "Брикеты из угля", "Переработка угля в топливо для котлов.")
    make_solution("lighting", "Уличное освещение", "Светильники для дворов.")
    assert ranked("угольного") == ["coal"]  # угольн → угол → угл (угля)
    assert ranked("котёл") == ["coal"]  # котел → котл (котлов)

"""Queries typed with the wrong keyboard layout or in Latin letters are read as the person meant them."""
import pytest

from catalogue.models import SolutionPage
from search import keyboard, service, translit
from search.models import SearchWord, SynonymGroup


def ranked(q):
    result = service.search(SolutionPage.objects.live(), q, tie_order=("-trl", "pk"))
    return [SolutionPage.objects.get(pk=pk).slug for pk in result.ids]


def corrected(q):
    return service.search(SolutionPage.objects.live(), q).corrected_query


@pytest.mark.parametrize(("typed", "meant"), [
    ("jxbcnrf if[nys[ djl", "очистка шахтных вод"),
    (",bjeujkm", "биоуголь"),
    ("'ktrnhjcyf,;tybt", "электроснабжение"),
    ("{DJCNJ", "ХВОСТО"),
])
def test_latin_layout_keys_give_the_russian_letters_on_them(typed, meant):
    assert " ".join(keyboard.to_russian(token) for token in keyboard.tokens(typed)) == meant


def test_russian_layout_keys_give_the_latin_letters_on_them():
    assert keyboard.to_latin("ыьфке дшпре") == "smart light"
    assert keyboard.tokens("ыьфке, дшпре!") == ["ыьфке,", "дшпре"]


@pytest.mark.parametrize(("russian", "latin"), [
    ("шахтных", "shakhtnykh"),  # passport / ICAO
    ("шахтных", "shaxtny'x"),  # ГОСТ 7.79-2000 B
    ("шахтных", "shahtnih"),  # informal
    ("рекультивация", "rekultivatsiya"),
    ("рекультивация", "rekul'tivaciya"),
    ("хвостохранилище", "khvostokhranilishche"),
    ("хвостохранилище", "xvostoxranilishhe"),
    ("хвостохранилище", "hvostohranilische"),
    ("щебень", "shheben`"),
    ("объём", "ob\"yom"),
    ("ячейка", "jachejka"),
    ("ячейка", "yacheyka"),
    ("тепловые", "teplovyje"),
    ("цех", "czex"),
])
def test_transliteration_systems_meet_in_one_skeleton(russian, latin):
    assert translit.skeleton(russian) == translit.skeleton(latin)


def test_different_words_keep_different_skeletons():
    assert translit.skeleton("вода") != translit.skeleton("вата")
    assert translit.skeleton("шахта") != translit.skeleton("жатка")


def test_dictionary_words_carry_their_skeleton(catalogue):
    assert SearchWord.objects.get(word="шахтных").translit == translit.skeleton("shakhtnykh")


def test_wrong_layout_query_is_searched_converted_and_says_so(catalogue):
    assert ranked("vtv,hfyyfz jxbcnrf")[0] == "mine-water"
    assert corrected("vtv,hfyyfz jxbcnrf") == "мембранная очистка"
    # Short words of a converted query are converted too («d» is «в»), and shown.
    assert corrected("jxbcnrf d if[nf[") == "очистка в шахтах"


def test_wrong_layout_prefix_and_typo_are_understood(catalogue):
    assert ranked("cdtnbkmy")[0] == "street-lighting"  # «светильн», a prefix
    assert ranked("vtv,hfyyfzz")[0] == "mine-water"  # «мембранняя», a typo on top


def test_latin_word_typed_with_russian_layout_on(catalogue):
    SynonymGroup.objects.create(terms="drone, беспилотник")
    assert corrected("вкщту") == "drone"
    assert ranked("вкщту")[0] == "drone-survey"


def test_known_words_are_never_converted(catalogue):
    assert corrected("очистка шахтных вод") == ""
    SynonymGroup.objects.create(terms="water, вода")
    assert corrected("water") == ""


@pytest.mark.parametrize("q", ["ochistka shakhtnykh vod", "ochistka shahtnyh vod", "ochistka shaxtny'x vod",
                               "ochistka shakhtnih vod", "membrannaya ochistka", "membranaja"])
def test_transliterated_query_finds_the_russian_pages(catalogue, q):
    assert ranked(q)[0] in {"mine-water", "wetland"}
    assert corrected(q)


def test_transliteration_tolerates_typos_and_other_word_forms(catalogue):
    assert ranked("bespilotnikami")[0] == "drone-survey"  # a form no page has
    assert ranked("besplotnikov")[0] == "drone-survey"  # a letter missing
    assert corrected("svetilniki") == "светильники"


def test_latin_gibberish_finds_nothing_and_is_not_rewritten(catalogue):
    assert ranked("qzxv") == []
    assert ranked("xyzzyplugh") == []

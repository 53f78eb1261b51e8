"""Normalising and stemming: the same Russian word forms at index time and query time."""
import pytest

from search import text


@pytest.mark.parametrize("raw, expected", [
    ("Ёмкость", "емкость"),
    ('"очистка" AND (воды', "очистка and воды"),
    ("шахт* NEAR(вод) ^2 -карьер", "шахт near вод 2 карьер"),
    ("<script>alert(1)</script>", "script alert 1 script"),
    ("вода\x00\x1b[31m", "вода 31m"),
])
def test_normalise_strips_operators_and_control_characters(raw, expected):
    assert text.normalise(raw) == expected


def test_normalise_bounds_length():
    assert len(text.normalise("шахта " * 2000)) <= text.MAX_QUERY_LENGTH


def test_word_forms_share_a_stem():
    assert text.stem("светильники") == text.stem("светильникы") == text.stem("светильников")
    assert text.stems("Ёмкости шахтёров") == text.stems("емкость шахтеры")


def test_stop_words_are_not_searched():
    assert text.stems("очистка воды в шахте для города") == text.stems("очистка воды шахте города")

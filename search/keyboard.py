"""Text typed with the other keyboard layout on: «jxbcnrf» is «очистка» typed on ЙЦУКЕН keys with the Latin
layout active, «ыьфке» is «smart» typed the other way round.

The tables are the standard Russian (ЙЦУКЕН) and US (QWERTY) layouts, key for key, shifted keys included:
Russian letters sit on some punctuation keys too («х» on «[», «ж» on «;», «б» on «,», «ю» on «.»), so
conversion works on the text as typed, before punctuation is removed.
"""
import re

_LATIN_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./" + '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?'
_RUSSIAN_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбю." + "ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,"

TO_RUSSIAN = str.maketrans(_LATIN_KEYS, _RUSSIAN_KEYS)
TO_LATIN = str.maketrans(_RUSSIAN_KEYS, _LATIN_KEYS)
# A token as typed: letters plus the punctuation keys that carry Russian letters; other characters separate.
_CHUNK = re.compile(r"(?:[^\W_]|[\[\]{};:'\",.<>`~])+")
_LETTER = re.compile(r"[^\W_]")
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def tokens(raw_text):
    """The words of a text as typed, with the punctuation keys inside or around them kept («,bjeujkm»)."""
    return [chunk for chunk in _CHUNK.findall(raw_text or "") if _LETTER.search(chunk)]


def is_latin(token):
    return bool(_LATIN.search(token)) and not _CYRILLIC.search(token)


def is_cyrillic(token):
    return bool(_CYRILLIC.search(token)) and not _LATIN.search(token)


def to_russian(token):
    """What a token typed with the Latin layout on was meant to be: «if[nys[» → «шахтных»."""
    return token.translate(TO_RUSSIAN)


def to_latin(token):
    """What a token typed with the Russian layout on was meant to be: «ыьфке» → «smart»."""
    return token.translate(TO_LATIN)

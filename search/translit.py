"""Russian words written in Latin letters: «ochistka shakhtnykh vod», «rekultivatsiya», «teplovie nasosi».

People use several systems at once — ГОСТ 7.79-2000 B (х = x, ц = cz, щ = shh, ы = y', ь = `), the passport/ICAO
one (х = kh, ц = ts, щ = shch, ы = y, й = i, ю = iu, я = ia) and informal spellings (h for х, c for ц, sch for
щ, j or y for й, ya/ja for я, ' for ь). Rather than guess which, both sides are reduced to one lossy skeleton
in which the systems' differences vanish: a Russian word is transliterated (passport system) and then
reduced like any Latin word. Published words are stored with their skeleton (search.SearchWord.translit), so a
Latin word finds its Russian word by an indexed lookup, and with the dictionary's typo tolerance otherwise.
"""
import re

_PASSPORT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "iu", "я": "ia",
}
_TO_LATIN = str.maketrans(_PASSPORT)
# Applied in order to lower-case Latin text; the capitals are the skeleton's own letters (ш/щ, ж, ч).
_REDUCTIONS = (
    (re.compile(r"['`’ʹʺ\"]"), ""),  # soft/hard signs (ГОСТ B ` and ``, informal '), y' of ГОСТ B
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters are often typed once
    (re.compile(r"shch|shh|sch|sh"), "S"),  # щ and ш: people write one for the other
    (re.compile(r"zh"), "Z"),
    (re.compile(r"tch|ch"), "C"),
    (re.compile(r"kh|x"), "h"),  # х: kh (passport), x (ГОСТ B), h (informal)
    (re.compile(r"cz|ts|tz|c"), "c"),  # ц
    (re.compile(r"q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"[yj]"), "i"),  # ы, й and the glide of я/ю/ё/е: y, j or i
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"i[eo]"), "e"),  # е and ё after a glide: ye, je, yo, io
)
_LATIN_WORD = re.compile(r"^[a-z'`’\"]+$")


def is_latin_word(word):
    return bool(_LATIN_WORD.match(word))


def skeleton(word):
    """The transliteration skeleton of a Russian or Latin word: «шахтных», «shakhtnykh», «shahtnyh» and
    «šachtnych»-less ГОСТ «shaxtny'x» all give the same string."""
    word = word.lower().replace("ё", "е").translate(_TO_LATIN)
    for pattern, replacement in _REDUCTIONS:
        word = pattern.sub(replacement, word)
    return word

"""What a person meant to type: each word as typed, with the other keyboard layout, or as a Russian word written
in Latin letters.

A word is kept as typed when search knows it — a published word (search.SearchWord), an editor's synonym or
glossary term (search.SynonymGroup), a stop word, a number. Otherwise, in this order: its other-layout form
when that is known («jxbcnrf» → «очистка», «ыьфке» → «smart»); for a Latin word, the published Russian word
it spells exactly (search.translit: «shakhtnykh», «shahtnih» → «шахтных»); the nearest English word of the
glossary («tretment» → «treatment»); the published Russian word it spells with a typo; the other-layout form
of a long Latin word with a typo in it. A word none of these explain is left to typo correction
(search.planning). Once one word of a query is read in the other layout, its short words are too (a lone
«d» is «в»). One dictionary query answers the known-word checks of all the readings together.
"""
from dataclasses import dataclass, field

from search import keyboard, text, translit, vocabulary

MAX_TOKENS = text.MAX_QUERY_WORDS * 2
# Russian function words in Latin letters («v», «dlya», «na»): read as the stop words they are.
_STOP_SKELETONS = {translit.skeleton(word): word for word in sorted(text.STOP_WORDS, key=len, reverse=True)
                   if not word.isascii()}
MIN_LAYOUT_TYPO = 5  # shorter gibberish lies within one edit of too many real words


@dataclass
class Reading:
    words: list  # the query's words as understood, stop words included, in order
    changed: bool = False  # read otherwise than typed: worth telling the person
    known: set = field(default_factory=set)  # words search knows, which typo correction leaves alone


@dataclass
class Token:
    typed: list
    other: list  # the words of the other layout's reading
    latin: str = ""  # the token as one Latin word (apostrophes of ГОСТ B and informal spellings dropped)
    choice: list = None


def read(query_text, synonym_stems=frozenset(), glossary_words=frozenset()):
    raw = text.normalise_case(query_text)
    tokens = [token_for(raw_token) for raw_token in keyboard.tokens(raw)[:MAX_TOKENS]]
    knows = Knowledge(synonym_stems, [word for token in tokens for word in (*token.typed, *token.other)])
    changed = False
    for token in tokens:
        if knows.all(token.typed):
            token.choice = token.typed
        elif token.other and knows.all(token.other):
            token.choice, changed = token.other, True
    pending = [token for token in tokens if token.choice is None]
    spelt = vocabulary.transliterated([token.latin for token in pending if token.latin
                                       and translit.skeleton(token.latin) not in _STOP_SKELETONS])
    layout_mode = any(token.choice is token.other for token in tokens if token.other)
    for token in pending:
        if layout_mode and token.other and all(word in text.STOP_WORDS for word in token.other):
            token.choice = token.other
        elif token.latin and translit.skeleton(token.latin) in _STOP_SKELETONS:
            token.choice = [_STOP_SKELETONS[translit.skeleton(token.latin)]]
        elif token.latin in spelt and not spelt[token.latin][1]:
            token.choice, changed = [spelt[token.latin][0]], True
        elif token.latin and (english := vocabulary.closest(token.latin, glossary_words)):
            token.choice, changed = [english], True
        elif token.latin in spelt:
            token.choice, changed = [spelt[token.latin][0]], True
        elif token.latin and len(token.other) == 1 and len(token.other[0]) >= MIN_LAYOUT_TYPO and (
                corrected := vocabulary.closest_word(token.other[0])):
            token.choice, changed = [corrected], True
        else:
            token.choice = token.typed
    words = [word for token in tokens for word in token.choice]
    known = {word for word in words if knows.word(word)} | {word for word, _distance in spelt.values()}
    return Reading(words=words, changed=changed, known=known)


def token_for(raw_token):
    typed = text.words(raw_token)
    if keyboard.is_latin(raw_token):
        latin = "".join(char for char in raw_token if char.isalpha() or char in "'`\"’")
        return Token(typed=typed, other=text.words(keyboard.to_russian(raw_token)),
                     latin=latin if translit.is_latin_word(latin) else "")
    if keyboard.is_cyrillic(raw_token):
        return Token(typed=typed, other=text.words(keyboard.to_latin(raw_token)))
    return Token(typed=typed, other=[])


class Knowledge:
    """Which words search knows: published (by stem, word family or a longer stem), glossed, or function words.
    Two dictionary queries for all the words of every reading."""

    def __init__(self, synonym_stems, words):
        self.synonym_stems = synonym_stems
        meaningful = {word for word in words if word not in text.STOP_WORDS and not word.isdigit()}
        self.stems = {word: text.stem(word) for word in meaningful}
        self.families = {stem: text.family(stem) for stem in self.stems.values()}
        self.known = vocabulary.known_stems([*self.stems.values(),
                                             *(related for members in self.families.values() for related in members)])
        self._extended = None

    def word(self, word):
        if word in text.STOP_WORDS or word.isdigit():
            return True
        stem = self.stems.get(word) or text.stem(word)
        return bool(stem in self.known or stem in self.synonym_stems or self.families.get(stem, set()) & self.known
                    or text.compound_parts(word) or self.extended().get(stem))

    def extended(self):
        """Longer published stems of the words not otherwise known («jxbcn» → «очист» → «очистк»), looked up
        once and only if some word needs it."""
        if self._extended is None:
            unknown = set(self.stems.values()) - self.known - set(self.synonym_stems)
            self._extended = vocabulary.extensions(unknown)
        return self._extended

    def all(self, words):
        """A reading is known when every word is and at least one says something."""
        return (all(self.word(word) for word in words)
                and any(word not in text.STOP_WORDS for word in words))

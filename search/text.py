"""Russian text as search sees it: normalised words, stop words, Snowball stems.

The same functions run when a document is indexed and when a query arrives, so word forms meet on every
backend (SQLite has no Russian stemmer of its own; PostgreSQL and Elasticsearch re-stem our stems consistently).
"""
import re
from functools import lru_cache

import snowballstemmer

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
MAX_UNSTEMMED = 3
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-я]")

# Function words that carry no meaning in a need («очистка воды в шахтах для города»).
_STOP_WORDS_TEXT = """
а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее ей
если есть еще же за здесь и из или им их к как ко когда кто ли либо между меня мне мной мы на над надо наш не
него нее нет ни них но ну о об однако он она они оно от очень по под после при про с со так также такой там
те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы эта эти это этот я
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def normalise(text):
    """Lower-case, ё→е, no control characters or query operators, bounded length."""
    text = _CONTROL.sub(" ", text or "")[:MAX_QUERY_LENGTH * 5]
    text = text.lower().replace("ё", "е")
    return " ".join(_WORD.findall(text))[:MAX_QUERY_LENGTH]


def words(text):
    """The words of a text in order, normalised (hyphenated compounds split into parts)."""
    return _WORD.findall((text or "").lower().replace("ё", "е"))


_russian = snowballstemmer.stemmer("russian")
_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word):
    """The Snowball stem of one normalised word; Latin words get the English stemmer.

    Words of up to three letters are mostly abbreviations (ИИ, ТЭЦ, ЖКХ) and stay whole: stemming «ии» to «и»
    would turn it into a stop word.
    """
    if len(word) <= MAX_UNSTEMMED:
        return word
    if _CYRILLIC.search(word):
        return _russian.stemWord(word)
    return _english.stemWord(word)


def stems(text):
    """Stems of the meaningful words of a text, in order."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def stemmed_text(text):
    """What the backend indexes: the stems of a text joined by spaces."""
    return " ".join(stems(text))

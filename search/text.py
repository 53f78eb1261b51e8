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
# English ones, for partners who type English («treatment of mine water»).
_ENGLISH_STOP_WORDS_TEXT = """
a an the of for and or in on at to by with from into about as is are be been being was were this that these
those how what which where who whom why can could should would do does did we our you your i my me
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split()) | frozenset(_ENGLISH_STOP_WORDS_TEXT.split())


def normalise(text):
    """Lower-case, ё→е, no control characters or query operators, bounded length."""
    return " ".join(_WORD.findall(normalise_case(text)))[:MAX_QUERY_LENGTH]


def normalise_case(text):
    """Lower-case, ё→е, no control characters, bounded length; punctuation kept (a wrong keyboard layout types
    Russian letters on «[», «;», «,»…: search.keyboard)."""
    return _CONTROL.sub(" ", text or "")[:MAX_QUERY_LENGTH * 5].lower().replace("ё", "е")


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


# First halves of Russian compounds, with their linking vowel: водо-отлив, тепло-снабжение, пыле-подавление. A compound
# is also indexed and asked by its parts, so «водоотлив» meets «откачка воды» and «пылеподавление» meets «пыль».
# Roots only: prefixoids such as авто-, теле-, био- would split words whose parts mean nothing alone.
_COMBINING_FORMS_TEXT = """
водо тепло энерго электро газо пыле угле лесо нефте земле мусоро золо шлако свето шумо снего паро песко рудо
металло шахто дымо огне взрыво пожаро торфо грязе хвосто
"""
COMBINING_FORMS = tuple(sorted(_COMBINING_FORMS_TEXT.split(), key=len, reverse=True))
MIN_COMPOUND_REST = 3  # letters the word's stem has beyond the first half: «тепло-сети», not «тепло-вого»


def compound_parts(word):
    """The two words a compound is made of («водоотлив» → «водо», «отлив»), or () when it is not one."""
    for form in COMBINING_FORMS:
        if word.startswith(form) and len(stem(word)) - len(form) >= MIN_COMPOUND_REST:
            return form, word[len(form):]
    return ()


def index_stems(text):
    """What a stored document holds: the stems of a text, each compound followed by the stems of its parts."""
    found = []
    for word in words(text):
        if word not in STOP_WORDS:
            found.append(stem(word))
            found.extend(stem(part) for part in compound_parts(word))
    return found


def stemmed_text(text):
    """What the backend indexes: the same stems as the stored documents (compound parts included), joined by
    spaces, so a search server finds the candidates the database postings would."""
    return " ".join(index_stems(text))


# Derivational suffixes as they end Snowball stems: verbs (рекультивирова-ть), nouns (рекультивац-ия, отоплен-ие,
# очистк-а, диагностик-а) and adjectives (очистн-ой, шахтн-ый, угольн-ый, теплов-ой, городск-ой). Words of one
# family reduce to the same base, so «рекультивировать» finds «рекультивация» and «очистной» finds «очистка».
# Longest first; the base keeps at least MIN_BASE letters.
DERIVATIONAL_SUFFIXES = (
    "ирова", "ическ", "ован", "еван", "иван", "ыван", "ова", "ева", "ива", "ыва", "альн", "енн", "онн",
    "ац", "яц", "ик", "ен", "ан", "ов", "ев", "ск", "ьн", "к", "н",
)
MIN_BASE = 3
# Imperfective verbs alternate о → а in the root: отоплен-ие ~ отаплива-ть, заморож-енный ~ заморажива-ть.
_ALTERNATING_SUFFIXES = ("ива", "иван", "ыва", "ыван")


def derivation_bases(stem):
    """The bases a stem's word family shares: the stem without its derivational suffix (and, after an
    imperfective suffix, with the root's а back to о). Empty when the stem has no such suffix."""
    for suffix in DERIVATIONAL_SUFFIXES:
        base = stem[:-len(suffix)]
        if stem.endswith(suffix) and len(base) >= MIN_BASE:
            bases = [base]
            if suffix in _ALTERNATING_SUFFIXES and "а" in base:
                position = base.rindex("а")
                bases.append(base[:position] + "о" + base[position + 1:])
            return bases
    return []


def family(stem):
    """Stems that may belong to the same word family as this one: its bases and each base with every suffix.

    Only candidates: the caller keeps those the dictionary knows. Bounded (a few dozen per stem) so the lookup
    is one indexed `IN`, never a scan of the dictionary.
    """
    if not _CYRILLIC.search(stem):
        return set()
    bases = derivation_bases(stem) or ([stem] if len(stem) > MIN_BASE else [])  # «пор» (порыв) ≁ «поров»
    related = set()
    for base in bases:
        related.add(base)
        related.update(base + suffix for suffix in DERIVATIONAL_SUFFIXES)
        related.update(_without_fleeting_vowel(base))
    related.discard(stem)
    return related


# A root's last о/е drops in its other forms: уголь (угол) ~ угля (угл), котёл ~ котла, узел ~ узла, песок ~ песка.
_FLEETING_VOWEL = re.compile(r"^(.*[^аеёиоуыэюя])[оеё]([^аеёиоуыэюяйь])$")


def _without_fleeting_vowel(base):
    """The base as its forms with the vowel dropped begin («угол» → «угл»), alone: not with every suffix, which
    would reach other words («угл-ов»: угловой)."""
    match = _FLEETING_VOWEL.match(base)
    if match and len(base) > MIN_BASE:
        return {match.group(1) + match.group(2)}
    return set()


# How people wrap a need in a question («нужно решение для…», «подскажите технологию, чтобы…»): words that say
# nothing about the need. Dropped from a query that has other words; a query of these alone is searched as typed.
_QUERY_FILLER_TEXT = """
нужно нужен нужна нужны необходимо требуется ищем ищу подскажите посоветуйте предложите помогите хотим хотелось
можно способ способы решение решения технология технологию технологии вариант варианты найти сделать который
которая которое которые какой какая какое какие каким пожалуйста интересует
взять купить заказать приобрести достать боимся боюсь опасаемся беспокоит волнует проблема проблемы постоянно
часто опять снова вообще хотим хотелось хочу можем могли делать
need needs looking search find help want way ways solution solutions technology technologies please
"""

QUERY_FILLER_STEMS = frozenset(stem(word) for word in _QUERY_FILLER_TEXT.split())


def without_fillers(tokens):
    """The query's words without the wrapping of a question, unless nothing else is left."""
    meaningful = [token for token in tokens if stem(token) not in QUERY_FILLER_STEMS]
    return meaningful or tokens


"""From a typed query to concepts: one per meaningful word or synonym phrase, each with the stems that satisfy it.

Every backend receives the same expanded stems, and every candidate is scored against the same concepts, so
word forms, synonyms, prefixes and typo corrections behave identically on SQLite, PostgreSQL and Elasticsearch.
"""
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from search import reading, text, vocabulary
from search.models import SynonymGroup
from search.ranking import TYPED

SYNONYM_QUALITY = 0.9
EXTENSION_QUALITY = 0.85
SHORTENING_QUALITY = 0.8
FAMILY_QUALITY = 0.8
PART_QUALITY = 0.3  # one half of a compound: «пыль» answers «пылеподавление», below pages that say it whole
MIN_SHORTENED_STEM = 5
MAX_SHORTENING = 3
# Inside `shared_plans()`: query text → its plan, for the block's duration only.
_shared = ContextVar("search_shared_plans", default=None)


@dataclass
class Concept:
    """One thing the person asked for, satisfied by any of its stems or phrases (quality 0–1 each)."""

    label: str
    stems: dict = field(default_factory=dict)
    phrases: dict = field(default_factory=dict)

    def add_stem(self, stem, quality):
        if quality > self.stems.get(stem, 0):
            self.stems[stem] = quality


@dataclass
class QueryPlan:
    query: str
    concepts: list
    corrected_query: str = ""

    def backend_terms(self):
        """Every stem any concept accepts, for an OR query to the backend: the best first, so that when the
        list is cut (service.MAX_BACKEND_TERMS) a long query's last words go before other words' variants."""
        terms = {}
        for concept in self.concepts:
            for stem, quality in concept.stems.items():
                terms[stem] = max(terms.get(stem, 0), quality)
            for phrase, quality in concept.phrases.items():
                for stem in phrase:
                    terms[stem] = max(terms.get(stem, 0), quality)
        return sorted(terms, key=lambda stem: -terms[stem])

    def highlight_stems(self):
        return set(self.backend_terms())


@contextmanager
def shared_plans():
    """Inside the block a text is planned once, however many collections are searched for it (the search page
    counts solutions, laboratories and organisations for one text). Nothing outlives the block, so a plan never
    misses a dictionary or synonym change made after it."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def plan(query_text):
    """The concepts of a query as typed: each word read in the layout and alphabet it was meant in (search.reading),
    typos corrected against the dictionary of published words, synonyms and word forms attached."""
    shared = _shared.get()
    if shared is None:
        return _plan(query_text)
    if query_text not in shared:
        shared[query_text] = _plan(query_text)
    return shared[query_text]


def _plan(query_text):
    groups, glossary_words = synonym_phrases()
    synonym_stems = {stem for phrases in groups for phrase in phrases for stem in phrase}
    read = reading.read(query_text, synonym_stems, glossary_words)
    tokens = [word for word in read.words if word not in text.STOP_WORDS]
    tokens = text.without_fillers(tokens)[:text.MAX_QUERY_WORDS]
    replacements = correct_typos(tokens, synonym_stems, read.known)
    tokens = [replacements.get(token, token) for token in tokens]
    concepts = group_concepts(tokens, groups)
    expand_word_forms(concepts)
    corrected = read.changed or bool(replacements)
    shown = " ".join(replacements.get(word, word) for word in read.words)
    return QueryPlan(query=text.normalise(query_text), concepts=concepts, corrected_query=shown if corrected else "")


def synonym_phrases():
    """Each editors' group as stem phrases, and the Latin words of all groups (the English glossary's words,
    for typo correction of English queries). One small query per search; the stemming of a few hundred groups is
    done once per process for each state of the snippet (keyed by its terms, so an edit is seen at once)."""
    return _parsed_groups(tuple(SynonymGroup.objects.values_list("terms", flat=True)))


@lru_cache(maxsize=4)
def _parsed_groups(all_terms):
    groups, latin = [], set()
    for terms in all_terms:
        group = SynonymGroup(terms=terms)
        groups.append(group.phrases())
        latin.update(word for term in group.term_list() for word in text.words(term)
                     if word.isascii() and word.isalpha())
    return groups, frozenset(latin)


def correct_typos(tokens, synonym_stems, known):
    """{word: the closest published word} for the words nothing published or glossed contains."""
    replacements = {}
    for token in tokens:
        if token in known or token in replacements:
            continue
        replacement = vocabulary.closest_word(token)
        if replacement:
            replacements[token] = replacement
    return replacements


def group_concepts(tokens, groups):
    """One concept per word, or per synonym phrase found in the query (longest first)."""
    stems = [text.stem(token) for token in tokens]
    concepts, position = [], 0
    while position < len(tokens):
        group, size = longest_synonym_at(stems, position, groups)
        label = " ".join(tokens[position:position + size])
        concept = Concept(label=label)
        if size == 1:
            concept.add_stem(stems[position], TYPED)
            add_compound_parts(concept, tokens[position])
        else:
            concept.phrases[tuple(stems[position:position + size])] = TYPED
        for phrase in group:
            if len(phrase) == 1:
                concept.add_stem(phrase[0], SYNONYM_QUALITY)
            elif phrase not in concept.phrases:
                concept.phrases[phrase] = SYNONYM_QUALITY
        concepts.append(concept)
        position += size
    return concepts


def add_compound_parts(concept, token):
    """A compound is also satisfied by its parts together (as a synonym phrase) or, less well, by either."""
    parts = tuple(text.stem(part) for part in text.compound_parts(token))
    if parts:
        concept.phrases[parts] = SYNONYM_QUALITY
        for part in parts:
            concept.add_stem(part, PART_QUALITY)


def longest_synonym_at(stems, position, groups):
    best_group, best_size = [], 1
    for group in groups:
        for phrase in group:
            size = len(phrase)
            if size >= best_size and tuple(stems[position:position + size]) == phrase:
                if size > best_size or not best_group:
                    best_group, best_size = group, size
                elif size == best_size:
                    best_group = best_group + group
    return best_group, best_size


def expand_word_forms(concepts):
    """Let a stem match longer and slightly shorter dictionary stems, «анкер» ~ «анкерн» (анкерного), and the
    other members of its word family: «очистной» ~ «очистка», «рекультивировать» ~ «рекультивация»."""
    singles = {stem for concept in concepts for stem in concept.stems}
    extended = vocabulary.extensions(singles)
    shortenings = {stem: [stem[:size] for size in range(max(MIN_SHORTENED_STEM, len(stem) - MAX_SHORTENING),
                                                         len(stem))]
                   for stem in singles}
    families = {stem: text.family(stem) for stem in singles}
    known = vocabulary.known_stems([*(short for options in shortenings.values() for short in options),
                                    *(related for members in families.values() for related in members),
                                    *(concept.label for concept in concepts)])
    for concept in concepts:
        for stem, quality in list(concept.stems.items()):
            for longer in extended.get(stem, ()):
                concept.add_stem(longer, quality * EXTENSION_QUALITY)
            for shorter in shortenings[stem]:
                if shorter in known:
                    concept.add_stem(shorter, quality * SHORTENING_QUALITY)
            for related in families[stem] & known:
                concept.add_stem(related, quality * FAMILY_QUALITY)
        # Snowball stems some forms shorter than others («порыв» → «пор», «порывов» → «порыв»): the word as
        # typed is also the stem of its other forms when the dictionary knows it as one.
        if concept.label in known:
            concept.add_stem(concept.label, TYPED)

"""Scoring candidates against query concepts, identically whichever backend found them.

A document is a list of (weight, stem set) fields. A concept scores the best weight × quality over the fields it
matches; rarer concepts count more (inverse document frequency among the candidates); documents saying more
of the query (the idf-weighted share of its concepts, to a tenth) rank first, then the higher score, then the
caller's tie order (readiness).
"""
import math
from dataclasses import dataclass

PARTIAL_PHRASE = 0.6
TYPED = 1.0  # the quality of the words as typed; synonyms and word-form variants rank lower
FURTHER_EVIDENCE = 0.25
WEAK_MATCH = 0.5  # qualities below this are stand-ins (a part of a compound), not the thing asked for
WEAK_COVERAGE = 0.5
# Shares of the query said that round alike count as equal, and the score decides: a page on «потеря слуха» beats
# one saying only «рабочих» in its body, though «рабочих» is a slightly rarer word (shares 0.48 and 0.52).
SHARE_DIGITS = 1


@dataclass
class Scored:
    key: object
    matched: float
    score: float


def document_fields(stems_by_weight):
    """A stored document ({weight: "stem stem …"}) as one stem set per weight, heaviest first."""
    return sorted(((float(weight), set(stems.split())) for weight, stems in stems_by_weight.items()),
                  key=lambda item: -item[0])


def concept_score(concept, fields):
    """How well the fields satisfy the concept: (coverage, score), both 0 when they do not.

    The best field counts fully (weight × quality) and every other matching field adds a share, so a page
    saying it in its title, summary and body beats one that mentions it once. A phrase («загрязнение
    воздуха») counts fully in a field holding all its words; spread over fields it earns a discounted share
    (typed words one by one; a synonym phrase only when all its words occur).

    Coverage is how much of the concept the page says: 1 for the word, a word form, a synonym or a whole
    phrase; the share of a typed phrase's words present; WEAK_COVERAGE for a weak stand-in only (one half of
    a compound). Pages saying more of the query rank first, so «потеря слуха у рабочих» prefers the page on
    hearing loss to one that merely mentions «потери» and «рабочих».
    """
    qualities = [field_quality(concept, stems) for _weight, stems in fields]
    per_field = [weight * quality for (weight, _stems), quality in zip(fields, qualities, strict=True)]
    best = max(per_field, default=0.0)
    coverage = match_coverage(max(qualities, default=0.0))
    for phrase, phrase_quality in concept.phrases.items():
        parts = [max((weight for weight, stems in fields if stem in stems), default=0) for stem in phrase]
        if phrase_quality == TYPED or all(parts):
            best = max(best, PARTIAL_PHRASE * phrase_quality * sum(parts) / len(phrase))
            coverage = max(coverage, sum(1 for part in parts if part) / len(phrase))
    if not best:
        return 0.0, 0.0
    return coverage, best + FURTHER_EVIDENCE * (sum(per_field) - max(per_field, default=0.0))


def match_coverage(quality):
    if not quality:
        return 0.0
    return 1.0 if quality >= WEAK_MATCH else WEAK_COVERAGE


def field_quality(concept, stems):
    quality = max((concept.stems[stem] for stem in stems & concept.stems.keys()), default=0.0)
    for phrase, phrase_quality in concept.phrases.items():
        if phrase_quality > quality and stems.issuperset(phrase):
            quality = phrase_quality
    return quality


def rank(concepts, documents, total):
    """Keys of the documents matching at least one concept, best first.

    `documents` is a list of (key, fields) in the caller's tie order; `total` is the size of the collection
    searched, for the inverse document frequency.
    """
    table = [(key, [concept_score(concept, fields) for concept in concepts]) for key, fields in documents]
    # A page saying part of a concept counts as part of a page: a phrase whose one word is everywhere stays rare.
    frequencies = [sum(matches[index][0] for _key, matches in table) for index in range(len(concepts))]
    rarity = [math.log(1 + (total + 1) / (frequency + 0.5)) for frequency in frequencies]
    scored = []
    for key, matches in table:
        if any(score for _coverage, score in matches):
            matched = sum(weight * coverage for weight, (coverage, _score) in zip(rarity, matches, strict=True))
            score = sum(weight * score for weight, (_coverage, score) in zip(rarity, matches, strict=True))
            scored.append(Scored(key, round(matched / sum(rarity), SHARE_DIGITS), score))
    scored.sort(key=lambda item: (-item.matched, -item.score))
    return [item.key for item in scored]

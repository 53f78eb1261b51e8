"""Scoring candidates against query concepts, identically whichever backend found them.

A document is a list of (weight, stem set) fields. A concept scores the best weight × quality over the fields it
matches; rarer concepts count more (inverse document frequency among the candidates); documents matching more
of the query's concepts rank first, then the higher score, then the caller's tie order (readiness).
"""
import math
from dataclasses import dataclass

PARTIAL_PHRASE = 0.6
TYPED = 1.0  # the quality of the words as typed; synonyms and word-form variants rank lower
FURTHER_EVIDENCE = 0.25


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
    """How well the fields satisfy the concept (0 when they do not).

    The best field counts fully (weight × quality) and every other matching field adds a share, so a page
    saying it in its title, summary and body beats one that mentions it once. A phrase («загрязнение
    воздуха») counts fully in a field holding all its words; spread over fields it earns a discounted share
    (typed words one by one; a synonym phrase only when all its words occur).
    """
    per_field = [weight * field_quality(concept, stems) for weight, stems in fields]
    best = max(per_field, default=0.0)
    for phrase, phrase_quality in concept.phrases.items():
        parts = [max((weight for weight, stems in fields if stem in stems), default=0) for stem in phrase]
        if phrase_quality == TYPED or all(parts):
            best = max(best, PARTIAL_PHRASE * phrase_quality * sum(parts) / len(phrase))
    if not best:
        return 0.0
    return best + FURTHER_EVIDENCE * (sum(per_field) - max(per_field, default=0.0))


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
    frequencies = [sum(1 for _key, scores in table if scores[index]) for index in range(len(concepts))]
    rarity = [math.log(1 + (total + 1) / (frequency + 0.5)) for frequency in frequencies]
    scored = []
    for key, scores in table:
        if any(scores):
            matched = sum(rarity[index] for index, value in enumerate(scores) if value)
            score = sum(rarity[index] * value for index, value in enumerate(scores))
            scored.append(Scored(key, round(matched / sum(rarity), 6), score))
    scored.sort(key=lambda item: (-item.matched, -item.score))
    return [item.key for item in scored]

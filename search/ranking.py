"""Scoring candidates against query concepts, identically whichever backend found them.

A document is a list of (weight, text) fields. A concept scores the best weight × quality over the fields it
matches; rarer concepts count more (inverse document frequency among the candidates); documents matching more
of the query's concepts rank first, then the higher score, then the caller's tie order (readiness).
"""
import math
from dataclasses import dataclass

from search import text

PARTIAL_PHRASE = 0.6
FURTHER_EVIDENCE = 0.25


@dataclass
class Scored:
    key: object
    matched: float
    score: float


def document_fields(search_document):
    """Merge a document's fields into one stem set per weight, heaviest first."""
    by_weight = {}
    for weight, chunk in search_document:
        by_weight.setdefault(weight, set()).update(text.stems(chunk))
    return sorted(by_weight.items(), key=lambda item: -item[0])


def concept_score(concept, fields):
    """How well the fields satisfy the concept (0 when they do not).

    The best field counts fully (weight × quality) and every other matching field adds a share, so a page
    saying it in its title, summary and body beats one that mentions it once. A phrase («загрязнение
    воздуха») counts fully when one field holds all its words; otherwise each word found earns a share.
    """
    contributions = []
    for weight, stems in fields:
        quality = max((concept.stems[stem] for stem in stems & concept.stems.keys()), default=0.0)
        for phrase, phrase_quality in concept.phrases.items():
            if phrase_quality > quality and stems.issuperset(phrase):
                quality = phrase_quality
        contributions.append(weight * quality)
    for phrase, phrase_quality in concept.phrases.items():
        parts = [max((weight for weight, stems in fields if stem in stems), default=0) for stem in phrase]
        contributions.append(PARTIAL_PHRASE * phrase_quality * sum(parts) / len(phrase))
    contributions.sort(reverse=True)
    return contributions[0] + FURTHER_EVIDENCE * sum(contributions[1:]) if contributions else 0.0


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

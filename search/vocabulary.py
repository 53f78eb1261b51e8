"""The dictionary of words that occur in published content: prefixes of stems and typo correction.

Kept in the database so every backend (SQLite, PostgreSQL, Elasticsearch) corrects typos the same way.
"""
from django.db.models import Q

from search import text, translit
from search.models import SearchWord

MAX_WORD_LENGTH = 64
MIN_PREFIX_STEM = 4  # shorter stems would expand to half the dictionary («вод» → «водител»)
MAX_PREFIX_EXPANSIONS = 30


def document_words(texts):
    """The distinct dictionary-worthy words of some texts (no stop words, numbers or one-letter noise)."""
    found = set()
    for chunk in texts:
        for word in text.words(chunk):
            if 2 <= len(word) <= MAX_WORD_LENGTH and not word.isdigit() and word not in text.STOP_WORDS:
                found.add(word)
                found.update(text.compound_parts(word)[1:])  # «отлив» of «водоотлив» is a published word too
    return found


def add_words(found):
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, stem=text.stem(word), length=len(word), translit=translit.skeleton(word)[:128])
         for word in found],
        ignore_conflicts=True, batch_size=500)


def replace_all(found):
    """Make these words the whole dictionary."""
    SearchWord.objects.all().delete()
    add_words(found)


def extensions(stems):
    """Known stems that continue each given stem («анкер» → «анкерн»), by the stem they extend."""
    long_enough = [stem for stem in stems if len(stem) >= MIN_PREFIX_STEM]
    if not long_enough:
        return {}
    condition = Q()
    for stem in long_enough:
        condition |= Q(stem__startswith=stem)
    found = {stem: set() for stem in long_enough}
    rows = SearchWord.objects.filter(condition).values_list("stem", flat=True).distinct()
    for known in rows[:MAX_PREFIX_EXPANSIONS * len(long_enough)]:
        for stem in long_enough:
            if known.startswith(stem) and known != stem and len(found[stem]) < MAX_PREFIX_EXPANSIONS:
                found[stem].add(known)
    return found


def known_stems(stems):
    return set(SearchWord.objects.filter(stem__in=set(stems)).values_list("stem", flat=True).distinct())


def allowed_distance(word):
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


def closest_word(word):
    """The dictionary word nearest to a misspelt one, or "" when nothing is near enough.

    Words are compared whole and by stem (so «питььевая» finds «питьевой» through «питьев»). Candidates share
    the first letter (typos there are rare, and the filter keeps this fast on a large dictionary); ties go to
    the word sharing the longest beginning with the typed one.
    """
    limit = allowed_distance(word)
    if not limit:
        return ""
    word_stem = text.stem(word)
    candidates = SearchWord.objects.filter(
        word__startswith=word[0], length__gte=len(word) - limit - 3, length__lte=len(word) + limit + 3,
    ).values_list("word", "stem")
    best, best_key = "", None
    for candidate, candidate_stem in candidates:
        distance = min(edit_distance(word, candidate, limit), edit_distance(word_stem, candidate_stem, limit))
        if distance <= limit:
            key = (distance, -common_prefix(word, candidate), len(candidate), candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
    return best


def closest(word, words):
    """The word of a small in-memory list nearest to a misspelt one (same first letter, closest_word's
    tolerance), or ""."""
    limit = allowed_distance(word)
    if not limit:
        return ""
    scored = [(distance, candidate) for candidate in words if candidate[:1] == word[:1]
              and (distance := edit_distance(word, candidate, limit)) <= limit]
    return min(scored)[1] if scored else ""


def common_prefix(first, second):
    size = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        size += 1
    return size


def edit_distance(first, second, limit):
    """Damerau–Levenshtein distance (adjacent swaps count once), giving up early beyond `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous_previous, previous = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


MAX_ENDING_SKELETON = 4  # letters a Latin word may have beyond a published stem («teplovymi» over «теплов»)


def transliterated(latin_words):
    """{Latin word: (the published word it transliterates, distance)}, for the words that spell one
    (search.translit).

    Whole words and stems are compared by skeleton with the typo tolerance of closest_word, so «rekultivatsiya»,
    «rekul'tivaciya» and «teplovymi» (a form nothing published has, over the stem «теплов») are found. Candidates
    share the skeleton's first two letters (one indexed range per word, as closest_word's first letter).
    """
    found = {}
    for word in dict.fromkeys(latin_words):
        skeleton = translit.skeleton(word)
        if len(skeleton) < 2:
            continue
        limit = allowed_distance(skeleton)
        candidates = SearchWord.objects.filter(
            translit__startswith=skeleton[:2], length__gte=len(skeleton) - limit - MAX_ENDING_SKELETON,
            length__lte=len(skeleton) + limit + 2 * MAX_ENDING_SKELETON,
        ).values_list("word", "stem", "translit")
        best, best_key = None, None
        for candidate, candidate_stem, candidate_skeleton in candidates:
            whole = edit_distance(skeleton, candidate_skeleton, limit)
            by_stem = stem_distance(skeleton, translit.skeleton(candidate_stem), limit)
            distance = min(whole, by_stem)
            if distance <= limit:
                key = (distance, whole, -len(candidate_stem), len(candidate), candidate)
                if best_key is None or key < best_key:
                    best, best_key = (candidate, distance), key
        if best:
            found[word] = best
    return found


def stem_distance(skeleton, stem_skeleton, limit):
    """How far a word's skeleton is from a published stem followed by some ending."""
    ending = len(skeleton) - len(stem_skeleton)
    if len(stem_skeleton) < 3 or not 0 <= ending <= MAX_ENDING_SKELETON:
        return limit + 1
    return edit_distance(skeleton[:len(stem_skeleton)], stem_skeleton, limit)

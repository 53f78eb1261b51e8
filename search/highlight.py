"""Result snippets with the matched words marked, word forms included (no modelsearch backend highlights)."""
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import text

SNIPPET_WORDS = 32
_PIECES = re.compile(r"([^\W_]+)")


def is_match(word, terms):
    return text.stem(word.lower().replace("ё", "е")) in terms


def snippet(texts, terms, size=SNIPPET_WORDS):
    """HTML of the first text that contains a matched word, cut to about `size` words around the first match,
    every matched word in <mark>. Without any match: the start of the first non-empty text, unmarked."""
    texts = [chunk for chunk in texts if chunk and chunk.strip()]
    if not texts:
        return ""
    for chunk in texts:
        pieces = _PIECES.split(chunk)
        matches = [i for i in range(1, len(pieces), 2) if is_match(pieces[i], terms)]
        if matches:
            return render(window(pieces, matches[0], size), terms)
    return render(window(_PIECES.split(texts[0]), 1, size), terms)


def window(pieces, first_match, size):
    """The pieces around a match: a few words before it, the rest after, with ellipses where cut."""
    start = max(0, first_match - size // 3 * 2)
    start -= start % 2  # begin on a separator so a word is never cut in half
    end = min(len(pieces), start + size * 2)
    selected = pieces[start:end]
    if start > 0:
        selected = ["…", *selected[1:]]
    if end < len(pieces):
        selected = [*selected, "…"]
    return selected


def render(pieces, terms):
    html = []
    for piece in pieces:
        if _PIECES.fullmatch(piece) and is_match(piece, terms):
            html.append(f"<mark>{escape(piece)}</mark>")
        else:
            html.append(escape(piece))
    return mark_safe("".join(html).strip())

"""Russian typography for plain text in templates: «ёлочки» and non-breaking spaces where a line must not break."""
import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

NBSP = "\u00a0"
# A one- or two-letter word (в, к, на, до, от, НИИ is longer) must not end a line.
_SHORT_WORD = re.compile(r"(?<![\w-])(\w{1,2})\s+(?=\w)")
# A dash opens no line: «решение — это» keeps the dash with the word before it.
_SPACED_DASH = re.compile(r"\s+([—–])\s")
# Straight double quotes around a phrase become «ёлочки».
_STRAIGHT_QUOTES = re.compile(r'"([^"\s][^"]*?)"')
# A number and its unit stay together: «12 млн», «40 %», «2019 г.».
_NUMBER_UNIT = re.compile(r"(\d)\s+(?=[%₽]|[а-яё]{1,4}\.?(?!\w))")


def typeset(text):
    text = _STRAIGHT_QUOTES.sub(r"«\1»", text)
    text = _SPACED_DASH.sub(NBSP + r"\1 ", text)
    text = _NUMBER_UNIT.sub(r"\1" + NBSP, text)
    return _SHORT_WORD.sub(r"\1" + NBSP, text)


_TAG = re.compile(r"(<[^>]*>)")


def typeset_html(html):
    """Typeset the text between tags only: a space inside a tag (`<a href`) must stay a space."""
    return "".join(part if _TAG.fullmatch(part) else typeset(part) for part in _TAG.split(html))


@register.filter(needs_autoescape=True)
def typograf(value, autoescape=True):
    """Russian typography for plain text (escaped on the way) or for markup that is already safe, such as
    `{{ page.intro|richtext|typograf }}` (only the text between tags changes)."""
    if isinstance(value, SafeData):
        return mark_safe(typeset_html(str(value)))
    text = typeset(str(value))
    return conditional_escape(text) if autoescape else mark_safe(text)


@register.filter
def plural_ru(count, forms):
    """`{{ n|plural_ru:"решение,решения,решений" }}` → the form that agrees with n (1 решение, 3 решения, 5 решений)."""
    one, few, many = forms.split(",")
    count = abs(int(count))
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


@register.filter
def grouped(number):
    """12500000 → «12 500 000» (thin no-break spaces between thousands, as Russian text writes them)."""
    if number in (None, ""):
        return ""
    return f"{int(number):,}".replace(",", "\u202f")

"""Russian typography and the chart geometry used by templates."""
from django.template import Context, Template

from catalogue.templatetags.charts import bars
from catalogue.templatetags.typography import plural_ru, typeset

NBSP = "\u00a0"


def test_short_words_hold_on_to_the_next_word():
    assert typeset("Очистка вод в городе и на отвалах") == f"Очистка вод в{NBSP}городе и{NBSP}на{NBSP}отвалах"


def test_quotes_dashes_and_units():
    assert typeset('Проект "Чистая вода" — это 12 млн ₽ и 40 %') == (
        f"Проект «Чистая вода»{NBSP}— это 12{NBSP}млн ₽ и{NBSP}40{NBSP}%")


def test_filter_escapes_plain_text_and_typesets_only_text_in_markup():
    rendered = Template("{% load typography %}{{ text|typograf }}|{{ html|typograf }}").render(
        Context({"text": "<b>в цехе</b>", "html": Template("<a href='#'>в цехе</a>").render(Context())}))
    assert rendered == f"&lt;b&gt;в{NBSP}цехе&lt;/b&gt;|<a href='#'>в{NBSP}цехе</a>"


def test_plural_forms():
    forms = "решение,решения,решений"
    assert [plural_ru(n, forms) for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "решение", "решения", "решений", "решений", "решение", "решения", "решений"]


def test_bars_scale_to_the_largest_count():
    rows = bars([("A", 4, "x"), ("B", 1, "x"), ("C", 0, "x")])
    assert [row.percent for row in rows] == [88.0, 22.0, 0.0]
    assert [row.y for row in rows] == [0, 46, 92]
    assert bars([("A", 0, "x")])[0].percent == 0.0

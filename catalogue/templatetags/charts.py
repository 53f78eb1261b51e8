"""Server-rendered SVG bar charts: no JavaScript, no library, readable by screen readers as one sentence."""
from dataclasses import dataclass

from django import template

register = template.Library()

ROW_HEIGHT = 46
# Bars use at most this share of the width, leaving room for the count printed after the longest one.
MAX_BAR_PERCENT = 88


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float
    y: int
    css_class: str


def bars(items):
    """Geometry for (label, count, css_class) rows: bar widths relative to the largest count."""
    items = list(items)
    largest = max((count for _, count, _ in items), default=0) or 1
    return [Bar(label, count, round(count / largest * MAX_BAR_PERCENT, 2), index * ROW_HEIGHT, css_class)
            for index, (label, count, css_class) in enumerate(items)]


@register.inclusion_tag("components/bar_chart.html")
def bar_chart(items, title, chart_id):
    """`{% bar_chart rows "Решения по стадиям" "chart-stages" %}`, rows of (label, count, css_class)."""
    rows = bars(items)
    return {
        "rows": rows,
        "title": title,
        "chart_id": chart_id,
        "height": len(rows) * ROW_HEIGHT,
        "summary": "; ".join(f"{row.label} — {row.count}" for row in rows),
    }

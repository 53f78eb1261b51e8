"""Demo texts are written as sections of plain Russian text; these helpers turn them into StoryBlock stream data."""
from django.utils.html import format_html, format_html_join


def paragraph(*texts):
    return {"type": "paragraph", "value": format_html_join("", "<p>{}</p>", ((text,) for text in texts))}


def bullets(*items):
    return {"type": "paragraph", "value": format_html("<ul>{}</ul>", format_html_join(
        "", "<li>{}</li>", ((item,) for item in items)))}


def key_figures(heading, *figures):
    """figures: (value, label) pairs, e.g. ("257", "участников")."""
    return {"type": "key_figures", "value": {
        "heading": heading,
        "figures": [{"value": value, "label": label} for value, label in figures],
    }}


def story(*sections):
    """Each section is (heading, part, part, …); a part is plain text (one paragraph) or a ready block."""
    blocks = []
    for heading, *parts in sections:
        blocks.append({"type": "heading", "value": heading})
        blocks.extend(part if isinstance(part, dict) else paragraph(part) for part in parts)
    return blocks

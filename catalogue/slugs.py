"""Readable ASCII slugs for Russian names («Очистка воды» → ochistka-vody)."""
from django.utils.text import slugify
from unidecode import unidecode


def slug_for(name, max_length=100):
    return slugify(unidecode(name).replace("'", ""))[:max_length].strip("-")

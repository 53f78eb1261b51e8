"""`python manage.py load_demo`: the demo catalogue and text pages. Run by `make run`; safe to run again.

It lives in `home` because it fills both apps and `home` may depend on `catalogue`, never the other way round.
"""
from django.core.management.base import BaseCommand
from django.db import transaction

from catalogue.demo.loader import load_categories, load_solutions
from home.demo import link_footer_pages, load_text_pages
from labs.demo import load_labs


class Command(BaseCommand):
    help = "Загружает демонстрационные данные: справочники, решения и лаборатории из доклада НОЦ, " \
           "страницы «О центре», «Контакты» и политику обработки персональных данных. Существующие данные не изменяет."

    @transaction.atomic
    def handle(self, *args, **options):
        categories = load_categories()
        solutions = load_solutions()
        labs = load_labs()
        pages = load_text_pages()
        footer = link_footer_pages()
        if not (categories or solutions or labs or pages or footer):
            self.stdout.write("Демо-данные уже загружены, ничего не изменено.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Демо-данные загружены: справочников — {categories}, решений — {solutions}, "
            f"лабораторий — {labs}, текстовых страниц — {pages}."))

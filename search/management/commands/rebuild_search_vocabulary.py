from django.core.management.base import BaseCommand
from modelsearch.index import get_indexed_models

from search import vocabulary


def live_searchable_objects():
    for model in get_indexed_models():
        if hasattr(model, "search_document") and not model._meta.abstract:
            objects = model._default_manager.all()
            if hasattr(objects, "live"):
                objects = objects.live().public()
            yield from objects.prefetch_related(*getattr(model, "search_prefetch", ())).iterator(chunk_size=500)


class Command(BaseCommand):
    help = "Rebuild the search dictionary (typo correction, prefixes) from live content; run after update_index."

    def handle(self, *args, **options):
        count = vocabulary.rebuild(live_searchable_objects())
        self.stdout.write(f"Search dictionary: {count} words")

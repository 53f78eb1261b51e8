from django.core.management.base import BaseCommand
from modelsearch.index import get_indexed_models

from search import documents, vocabulary
from search.signals import search_data_rebuilt


def live_searchable_objects():
    for model in get_indexed_models():
        if hasattr(model, "search_document") and not model._meta.abstract:
            objects = model._default_manager.all()
            if hasattr(objects, "live"):
                objects = objects.live().public()
            yield from objects.prefetch_related(*getattr(model, "search_prefetch", ())).iterator(chunk_size=500)


class Command(BaseCommand):
    help = ("Rebuild the search dictionary (typos, prefixes) and the stored ranking documents from live "
            "content; run after update_index and after bulk imports.")

    def handle(self, *args, **options):
        words, rows = set(), []
        for obj in live_searchable_objects():
            search_document = obj.search_document()
            words |= vocabulary.document_words(chunk for _weight, chunk in search_document)
            rows.append(documents.row_for(obj, search_document))
        vocabulary.replace_all(words)
        documents.replace_all(rows)
        search_data_rebuilt.send(sender=self.__class__)
        self.stdout.write(f"Search dictionary: {len(words)} words; ranking documents: {len(rows)}")

"""Keep the search dictionary and the stored ranking documents in step with published content."""
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connections
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from modelsearch.index import get_indexed_models

from search import documents, vocabulary
from search.models import SearchDocument

# Sent when the dictionary and the stored documents have been rebuilt from scratch: answers computed from the old
# ones (cached search results) are out of date.
search_data_rebuilt = Signal()


def on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # Drafts and private pages must not leak words into suggestions shown to the public.
    if not getattr(instance, "live", True):
        documents.forget(instance)
        return
    search_document = instance.search_document()
    vocabulary.add_words(vocabulary.document_words(chunk for _weight, chunk in search_document))
    documents.store(instance, search_document)


def on_delete(sender, instance, **kwargs):
    documents.forget(instance)


def update_many(model, objects):
    """What `on_save` does, for many objects of one model at once: a few queries in all, not a few per object.

    The objects should come with their `search_prefetch` relations prefetched.
    """
    if not hasattr(model, "search_document"):
        return
    live = [obj for obj in objects if getattr(obj, "live", True)]
    documents.forget_many(model, [obj.pk for obj in objects if not getattr(obj, "live", True)])
    words, rows = set(), []
    for obj in live:
        search_document = obj.search_document()
        words |= vocabulary.document_words(chunk for _weight, chunk in search_document)
        rows.append(documents.row_for(obj, search_document))
    vocabulary.add_words(words)
    documents.replace_rows(model, rows)


def _save_uid(model):
    return f"search-save-{model._meta.label}"


@contextmanager
def paused(model):
    """Saves of `model` inside the block leave the dictionary and the ranking documents alone; for bulk
    writes that save each object several times and pass the result to `update_many` once before leaving."""
    disconnected = post_save.disconnect(sender=model, dispatch_uid=_save_uid(model))
    try:
        yield
    finally:
        if disconnected:
            post_save.connect(on_save, sender=model, dispatch_uid=_save_uid(model))


def connect():
    for model in searchable_models():
        post_save.connect(on_save, sender=model, dispatch_uid=_save_uid(model))
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")


def fill_if_empty(sender, using="default", verbosity=1, **kwargs):
    """After migrating a database that has content but no search data yet (an existing site adopting this
    search), build the dictionary and the postings once, so search works without a manual step."""
    if not search_tables_exist(using) or SearchDocument.objects.using(using).exists():
        return
    if any(model._default_manager.using(using).exists() for model in searchable_models()):
        call_command("rebuild_search_vocabulary", verbosity=verbosity)


def search_tables_exist(using):
    # Not after a reversal (`migrate search zero`, `migrate catalogue zero`) has dropped them.
    tables = set(connections[using].introspection.table_names())
    return all(model._meta.db_table in tables for model in (SearchDocument, *searchable_models()))


def searchable_models():
    return [model for model in get_indexed_models() if hasattr(model, "search_document")]

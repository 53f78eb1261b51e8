"""Keep the search dictionary and the stored ranking documents in step with published content."""
from django.core.management import call_command
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


def connect():
    for model in searchable_models():
        label = model._meta.label
        post_save.connect(on_save, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-delete-{label}")


def fill_if_empty(sender, using="default", verbosity=1, **kwargs):
    """After migrating a database that has content but no search data yet (an existing site adopting this
    search), build the dictionary and the postings once, so search works without a manual step."""
    if SearchDocument.objects.using(using).exists():
        return
    if any(model._default_manager.using(using).exists() for model in searchable_models()):
        call_command("rebuild_search_vocabulary", verbosity=verbosity)


def searchable_models():
    return [model for model in get_indexed_models() if hasattr(model, "search_document")]

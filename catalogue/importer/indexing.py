"""Search-index and reference-index upkeep for bulk writes: off while saving, once per page at the end.

Every save of a page normally re-indexes it at once: modelsearch's post_save handler runs its task through the
immediate django-tasks backend, our own handler (search/signals.py) re-stems the page into the dictionary and
the ranking documents, and Wagtail rebuilds its reference index entries. An import saves each page three times
(create, revision, publish), and every new category once. Deferring all of them and indexing the touched
objects in chunks does the work once per object, and lets each backend write a chunk in a few statements.
"""
import logging
from contextlib import ExitStack, contextmanager

from django.db.models.signals import post_save
from modelcluster.models import get_all_child_relations
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import class_is_indexed
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.importer.batches import batched
from search import documents as search_documents
from search import signals as search_signals

logger = logging.getLogger(__name__)
INDEX_CHUNK_SIZE = 500


@contextmanager
def deferred_index_updates(*models):
    """Saves of these models inside the block update no index; the caller runs `reindex` before leaving it."""
    disconnected = [model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)]
    try:
        with disable_reference_index_auto_update(), ExitStack() as paused:
            for model in models:
                paused.enter_context(search_signals.paused(model))
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def reindex(model, ids, progress=None):
    """Index these objects in every auto-updated search backend, in the search dictionary and ranking
    documents, and refresh their reference index entries (each where the model takes part)."""
    done = 0
    for chunk in batched(ids, INDEX_CHUNK_SIZE):
        objects = list(indexed_objects(model).filter(pk__in=chunk))
        if hasattr(model, "search_document"):
            search_documents.freeze(objects)
        if class_is_indexed(model):
            _add_to_search_backends(model, objects)
        search_signals.update_many(model, objects)
        if ReferenceIndex.is_indexed(model):
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)
        done += len(chunk)
        if progress:
            progress(done, len(ids))


def indexed_objects(model):
    """The model's indexed queryset, with every relation the indexing reads prefetched as well.

    modelsearch prefetches only the relations named in RelatedFields; the page's search text also reads its
    categories and tags (`search_prefetch`), which the indexer does five times over (title, autocomplete,
    body and their plain texts), and the reference index reads every child relation (tags, comments).
    Without the prefetch that is some thirty queries per page.
    """
    objects = model.get_indexed_objects() if class_is_indexed(model) else model._default_manager.all()
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    return objects.prefetch_related(*getattr(model, "search_prefetch", ()), *child_relations)


def _add_to_search_backends(model, objects):
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            # Same policy as modelsearch's own per-save indexing: an external engine being down must not lose
            # the import (`update_index` repairs it later); a database backend error aborts the transaction.
            if not backend.catch_indexing_errors:
                raise
            logger.exception("Indexing %d imported %s in the '%s' search backend failed",
                             len(objects), model._meta.verbose_name_plural, name)

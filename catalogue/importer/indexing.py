"""Search-index and reference-index upkeep for bulk writes: off while saving, once per page at the end.

Every save of a page normally re-indexes it at once (modelsearch's post_save handler runs its task through the
immediate django-tasks backend) and rebuilds its reference index entries; an import saves each page two or three
times (create, revision, publish). Deferring both and indexing the touched pages in chunks does the work once.
"""
import logging
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelcluster.fields import ParentalManyToManyField
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import RelatedFields
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.importer.batches import batched

logger = logging.getLogger(__name__)
INDEX_CHUNK_SIZE = 500


@contextmanager
def deferred_index_updates(model):
    """Saves of `model` inside the block update neither index; the caller runs `reindex` before leaving it."""
    disconnected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        if disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def reindex(model, ids, progress=None):
    """Index these objects in every auto-updated search backend and refresh their reference index entries."""
    done = 0
    for chunk in batched(ids, INDEX_CHUNK_SIZE):
        objects = list(indexed_objects(model).filter(pk__in=chunk))
        _add_to_search_backends(model, objects)
        for obj in objects:
            ReferenceIndex.create_or_update_for_object(obj)
        done += len(chunk)
        if progress:
            progress(done, len(ids))


def indexed_objects(model):
    """The model's indexed queryset, with its parental many-to-many relations prefetched as well.

    modelsearch prefetches other relations but leaves ParentalManyToManyField alone, because a page in memory may
    hold unsaved values there; pages read fresh for indexing hold none, and the indexer reads each relation three
    times (title, body, autocomplete): without the prefetch that is three queries per relation per page.
    """
    parental = [field.field_name for field in model.get_search_fields()
                if isinstance(field, RelatedFields)
                and isinstance(model._meta.get_field(field.field_name), ParentalManyToManyField)]
    return model.get_indexed_objects().prefetch_related(*parental)


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

"""Stored ranking documents: each live searchable object's stems per field weight.

Scoring 300 candidates from these rows takes one query; loading the pages themselves would mean parsing 300
StreamFields per search. Rows follow saves (search/signals.py) and are rebuilt by rebuild_search_vocabulary;
a candidate without a row (imported with signals off, say) gets one on first use.
"""
from django.contrib.contenttypes.models import ContentType

from search import text
from search.models import SearchDocument


def stems_by_weight(search_document):
    """{weight: "stem stem …"} for a search_document() list of (weight, text)."""
    by_weight = {}
    for weight, chunk in search_document:
        by_weight.setdefault(str(weight), []).extend(text.stems(chunk))
    return {weight: " ".join(stems) for weight, stems in by_weight.items()}


def row_for(obj, search_document=None):
    return SearchDocument(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                          stems=stems_by_weight(search_document or obj.search_document()))


def store(obj, search_document=None):
    row = row_for(obj, search_document)
    SearchDocument.objects.update_or_create(content_type=row.content_type, object_id=row.object_id,
                                            defaults={"stems": row.stems})


def forget(obj):
    SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                  object_id=str(obj.pk)).delete()


def replace_all(rows):
    SearchDocument.objects.all().delete()
    SearchDocument.objects.bulk_create(rows, batch_size=500)


def stems_for(model, ids):
    """{pk: {weight: "stems"}} for these objects, creating the rows that are missing."""
    content_type = ContentType.objects.get_for_model(model)
    by_key = {str(pk): pk for pk in ids}
    found = {by_key[object_id]: stems for object_id, stems in SearchDocument.objects.filter(
        content_type=content_type, object_id__in=list(by_key)).values_list("object_id", "stems")}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        objects = model._default_manager.filter(pk__in=missing).prefetch_related(
            *getattr(model, "search_prefetch", ()))
        rows = [row_for(obj) for obj in objects]
        SearchDocument.objects.bulk_create(rows, ignore_conflicts=True)
        found.update({by_key[row.object_id]: row.stems for row in rows})
    return found

"""Stored ranking documents: each live searchable object's stems per field weight.

Scoring 300 candidates from these rows takes one query; loading the pages themselves would mean parsing 300
StreamFields per search. Rows follow saves (search/signals.py) and are rebuilt by rebuild_search_vocabulary;
a candidate without a row (imported with signals off, say) gets one on first use.
"""
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import Count, Sum

from search import text
from search.models import SearchDocument, SearchPosting

CANDIDATE_CHUNK = 500  # matching documents read at a time, in the database's order


def stems_by_weight(search_document):
    """{weight: "stem stem …"} for a search_document() list of (weight, text)."""
    by_weight = {}
    for weight, chunk in search_document:
        by_weight.setdefault(str(weight), []).extend(text.index_stems(chunk))
    return {weight: " ".join(stems) for weight, stems in by_weight.items()}


def row_for(obj, search_document=None):
    return SearchDocument(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                          stems=stems_by_weight(search_document or obj.search_document()))


def freeze(objects):
    """Fix each object's `search_document()` to what it returns now.

    For objects loaded only to be indexed, which nothing changes meanwhile: the indexers ask for the text many
    times over (modelsearch's reads every search field five times, and the page's fields read the text), and
    building it walks the rich text each time. Frozen, indexing a page costs a quarter of the time.
    """
    for obj in objects:
        search_document = obj.search_document()
        obj.search_document = lambda search_document=search_document: search_document


def store(obj, search_document=None):
    row = row_for(obj, search_document)
    document, _created = SearchDocument.objects.update_or_create(
        content_type=row.content_type, object_id=row.object_id, defaults={"stems": row.stems})
    document.postings.all().delete()
    SearchPosting.objects.bulk_create(postings_for(document))


def postings_for(document):
    """One posting per distinct stem, carrying the heaviest weight it occurs with."""
    heaviest = {}
    for weight, stems in document.stems.items():
        for stem in stems.split():
            heaviest[stem] = max(heaviest.get(stem, 0), float(weight))
    return [SearchPosting(document=document, stem=stem[:64], weight=weight) for stem, weight in heaviest.items()]


def forget(obj):
    forget_many(type(obj), [obj.pk])


def forget_many(model, ids):
    if ids:
        SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                      object_id__in=[str(pk) for pk in ids]).delete()


def replace_rows(model, rows):
    """Store these rows (of one model's objects) in place of the objects' current ones."""
    forget_many(model, [row.object_id for row in rows])
    add_rows(rows)


def replace_all(rows):
    SearchDocument.objects.all().delete()
    add_rows(rows)


def add_rows(rows):
    created = SearchDocument.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    saved = SearchDocument.objects.filter(content_type__in={row.content_type_id for row in created},
                                          object_id__in=[row.object_id for row in created], postings=None)
    SearchPosting.objects.bulk_create([posting for document in saved for posting in postings_for(document)],
                                      batch_size=2000)


def candidate_ids(model, collection, stems, limit):
    """Pks of up to `limit` objects of the collection (a set of `model` pks) containing any of the stems, the
    most matched stems first, then the heaviest: an index lookup in the postings, the same on SQLite and
    PostgreSQL. Restricting to the collection here, rather than joining the objects' table in the query, keeps
    the query to the postings of these stems whatever the size of the catalogue.

    The database orders the matches; they are read in chunks until `limit` of them are in the collection, so a
    common word matching most of 10,000 documents costs the rows it takes, not a Python object per match."""
    rows = (SearchPosting.objects
            .filter(stem__in=stems, document__content_type=ContentType.objects.get_for_model(model))
            .values_list("document__object_id").annotate(score=Sum("weight"), hits=Count("pk"))
            .order_by("-hits", "-score", "document__object_id"))
    to_pk = model._meta.pk.to_python
    sql, params = rows.query.sql_with_params()
    found = []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        while len(found) < limit and (chunk := cursor.fetchmany(CANDIDATE_CHUNK)):
            found += [pk for object_id, _score, _hits in chunk if (pk := to_pk(object_id)) in collection]
    return found[:limit]


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
        add_rows(rows)
        found.update({by_key[row.object_id]: row.stems for row in rows})
    return found

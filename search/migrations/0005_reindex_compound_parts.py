"""Stored documents now hold the parts of compound words too (search.text.index_stems): drop them so that the
post-migrate fill (search.signals.fill_if_empty) rebuilds documents, postings and the dictionary at once."""
from django.db import migrations


def drop_stored_documents(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_search_posting"),
    ]

    # Both ways: documents stored by the other version of the code are rebuilt the same way after migrating.
    operations = [migrations.RunPython(drop_stored_documents, drop_stored_documents)]

"""Organisations are searched now (catalogue.Organization.search_document): drop the stored documents so that the
post-migrate fill (search.signals.fill_if_empty) rebuilds documents, postings and the dictionary with theirs at
once — an existing site's organisations are found without a manual `rebuild_search_vocabulary`."""
from django.db import migrations


def drop_stored_documents(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0010_search_click"),
    ]

    # Both ways: documents stored by the other version of the code are rebuilt the same way after migrating.
    operations = [migrations.RunPython(drop_stored_documents, drop_stored_documents)]

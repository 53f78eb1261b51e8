from django.db import migrations, models

from search import translit


def fill_skeletons(apps, schema_editor):
    """Existing dictionary words get their transliteration skeleton, so Latin queries find them at once."""
    SearchWord = apps.get_model("search", "SearchWord")
    words = list(SearchWord.objects.only("pk", "word"))
    for word in words:
        word.translit = translit.skeleton(word.word)[:128]
    SearchWord.objects.bulk_update(words, ["translit"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0006_more_synonyms"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchword",
            name="translit",
            field=models.CharField(db_index=True, default="", help_text="the word's transliteration skeleton (search.translit)", max_length=128),
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop),
    ]

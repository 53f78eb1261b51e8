"""What editors manage for search (synonyms) and what search learns from the catalogue (its vocabulary)."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from search import text


class SynonymGroup(models.Model):
    """Words and phrases that mean the same thing to a person searching: «ИИ, искусственный интеллект»."""

    terms = models.TextField(
        "равнозначные слова и выражения",
        help_text="Через запятую или с новой строки: «БПЛА, беспилотник, дрон». Поиск по любому из них "
                  "находит страницы со всеми остальными; словоформы учитываются автоматически.")
    comment = models.CharField("примечание для редакторов", max_length=255, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("comment")]

    class Meta:
        verbose_name = "синонимы"
        verbose_name_plural = "синонимы поиска"
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self):
        return [term.strip() for term in self.terms.replace("\n", ",").split(",") if term.strip()]

    def phrases(self):
        """Each term as a tuple of stems, the form in which queries are matched against it."""
        return [phrase for phrase in (tuple(text.stems(term)) for term in self.term_list()) if phrase]

    def clean(self):
        if len(self.phrases()) < 2:
            raise ValidationError({"terms": "Укажите хотя бы два слова или выражения, разделённых запятой."})


class SearchWord(models.Model):
    """A word that occurs in published, searchable content; the dictionary for typo correction and prefixes."""

    word = models.CharField(max_length=64, unique=True)
    stem = models.CharField(max_length=64, db_index=True)
    length = models.PositiveSmallIntegerField(db_index=True)
    translit = models.CharField(max_length=128, db_index=True, default="",
                                help_text="the word's transliteration skeleton (search.translit)")

    class Meta:
        verbose_name = "слово поискового словаря"
        verbose_name_plural = "поисковый словарь"

    def __str__(self):
        return self.word


class ZeroResultQuery(models.Model):
    """A query from the search page that found nothing: shows editors what the catalogue is missing."""

    query_string = models.CharField("запрос", max_length=255, unique=True)
    misses = models.PositiveIntegerField("сколько раз", default=0)
    last_seen = models.DateTimeField("последний раз", auto_now=True)

    class Meta:
        verbose_name = "запрос без результатов"
        verbose_name_plural = "запросы без результатов"
        ordering = ["-misses", "-last_seen"]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, count=1):
        entry, _created = cls.objects.get_or_create(query_string=query_string[:255])
        cls.objects.filter(pk=entry.pk).update(misses=models.F("misses") + count, last_seen=timezone.now())


class SearchDocument(models.Model):
    """A searchable object as the ranking reads it: stems per field weight, kept so that scoring candidates
    needs one query instead of loading pages and parsing their StreamFields."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    stems = models.JSONField(help_text="{weight: 'stem stem …'}")

    class Meta:
        verbose_name = "поисковый документ"
        verbose_name_plural = "поисковые документы"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_document")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class SearchPosting(models.Model):
    """One stem of one stored document with its heaviest field weight: the database's inverted index, so
    candidates are found through an index lookup on every database, whatever the catalogue's size."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="postings")
    stem = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        verbose_name = "вхождение слова"
        verbose_name_plural = "вхождения слов"
        indexes = [models.Index(fields=["stem", "document"], name="search_posting_stem")]

    def __str__(self):
        return self.stem


class SearchClick(models.Model):
    """How many times visitors opened a solution from the search page on one day: the solution, the day and a
    count, nothing about the visitor (search/query_log.py writes them in batches). The page is any Wagtail page,
    so search imports no catalogue model; only solutions are counted (search.views.go)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="search_clicks",
                             verbose_name="решение")
    date = models.DateField("день")
    clicks = models.PositiveIntegerField("переходов", default=0)

    class Meta:
        verbose_name = "переход из поиска"
        verbose_name_plural = "переходы из поиска"
        constraints = [models.UniqueConstraint(fields=["page", "date"], name="unique_search_click_day")]
        indexes = [models.Index(fields=["date"], name="search_click_date")]

    def __str__(self):
        return f"{self.page_id} {self.date}: {self.clicks}"

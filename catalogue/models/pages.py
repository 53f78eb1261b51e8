"""The catalogue's pages: one index at /catalogue/ and a page per solution beneath it."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from catalogue import readiness
from catalogue.blocks import StoryBlock
from search.text import stemmed_text


class CatalogueIndexPage(Page):
    intro = RichTextField("вступление", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.SolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = "каталог решений"
        verbose_name_plural = "каталоги решений"


class SolutionTag(TaggedItemBase):
    content_object = ParentalKey("catalogue.SolutionPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "тег решения"
        verbose_name_plural = "теги решений"


class SolutionPage(Page):
    summary = models.TextField("кратко", max_length=600,
                               help_text="Одно-два предложения для карточки и выдачи поиска: что делает решение.")
    body = StreamField(StoryBlock(), verbose_name="описание", blank=True)
    hero_image = models.ForeignKey("wagtailimages.Image", verbose_name="главное изображение", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    trl = models.PositiveSmallIntegerField(
        "уровень готовности (УГТ)", choices=readiness.TRL_CHOICES, db_index=True,
        validators=[MinValueValidator(readiness.TRL_MIN), MaxValueValidator(readiness.TRL_MAX)],
        help_text="По ГОСТ Р 58048-2017.")
    sectors = ParentalManyToManyField("catalogue.Sector", verbose_name="отрасли", blank=True,
                                      related_name="solutions")
    needs = ParentalManyToManyField("catalogue.Need", verbose_name="потребности городов", blank=True,
                                    related_name="solutions")
    organizations = ParentalManyToManyField("catalogue.Organization", verbose_name="разработчики и партнёры",
                                            blank=True, related_name="solutions")
    regions = ParentalManyToManyField("catalogue.Region", verbose_name="где внедрено или предлагается",
                                      blank=True, related_name="solutions")
    tags = ClusterTaggableManager("ключевые слова", through=SolutionTag, blank=True)
    contact = models.CharField("контакт", max_length=255, blank=True,
                               help_text="Контактное лицо или канал связи; если пусто — запросы идут через НОЦ.")
    year = models.PositiveSmallIntegerField("год разработки", null=True, blank=True,
                                            validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    last_verified = models.DateField("последняя проверка", null=True, blank=True,
                                     help_text="Дата, когда редактор подтвердил актуальность сведений.")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel([
            FieldPanel("trl"),
            FieldRowPanel([FieldPanel("year"), FieldPanel("last_verified")]),
        ], heading="Готовность"),
        MultiFieldPanel([
            FieldPanel("sectors"),
            FieldPanel("needs"),
            FieldPanel("organizations"),
            FieldPanel("regions"),
            FieldPanel("tags"),
        ], heading="Классификация"),
        FieldPanel("contact"),
    ]

    # The backends index Snowball stems (search.text) so word forms meet on SQLite too; search.service
    # re-scores the candidates from search_document() with these weights, identically on every backend.
    search_fields = Page.search_fields + [
        index.SearchField("search_headline", boost=3),
        index.SearchField("search_details"),
        index.AutocompleteField("summary"),
        index.FilterField("trl"),
    ]
    search_prefetch = ("sectors", "needs", "organizations", "regions", "tags")
    SEARCH_WEIGHTS = {"title": 4, "summary": 3, "classification": 2, "body": 1}

    api_fields = [
        APIField("summary"),
        APIField("trl"),
    ]

    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "решение"
        verbose_name_plural = "решения"

    def search_document(self):
        """The searchable text as (weight, text) pairs: title and summary weigh more than the body."""
        weights = self.SEARCH_WEIGHTS
        names = [item.name for relation in self.search_prefetch for item in getattr(self, relation).all()]
        return [(weights["title"], self.title), (weights["summary"], self.summary),
                (weights["classification"], " ".join(names)), (weights["body"], self.body_text())]

    def body_text(self):
        return " ".join(self._meta.get_field("body").get_searchable_content(self.body))

    def snippet_texts(self):
        """Where a search result's snippet may come from, in order of preference."""
        return [self.summary, self.body_text()]

    def search_headline(self):
        return stemmed_text(f"{self.title} {self.summary}")

    def search_details(self):
        return stemmed_text(" ".join(chunk for weight, chunk in self.search_document()
                                     if weight < self.SEARCH_WEIGHTS["summary"]))

    @property
    def stage(self):
        return readiness.stage_for(self.trl)

    @property
    def trl_label(self):
        return readiness.trl_label(self.trl)

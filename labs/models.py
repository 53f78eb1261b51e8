"""Laboratories and centres at universities and institutes: pages editors publish under /labs/ (moderated by
«Модерация НОЦ», which governs the home page and everything below it, the lab index included)."""
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.api.serializers import SlugNameListSerializer, SlugNameSerializer
from catalogue.blocks import StoryBlock
from catalogue.outputs.sitemap import ListingSitemapMixin
from search.text import stemmed_text

# The picture partners get with each lab in the API, as for solutions: a 16:9 card image.
PHOTO_API_SPEC = "fill-800x450"


class LabIndexPage(ListingSitemapMixin, Page):
    """/labs/: every live laboratory and centre, with filters, counts and search (CatalogueQuery.of("labs"))."""

    intro = RichTextField("вступление", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["labs.LabPage"]
    max_count = 1

    class Meta:
        verbose_name = "список лабораторий"
        verbose_name_plural = "списки лабораторий"

    def get_context(self, request, *args, **kwargs):
        from catalogue.listing import collection_listing_context  # builds on the models, so imported late

        context = super().get_context(request, *args, **kwargs)
        context.update(collection_listing_context(request, "labs"))
        return context


class ServiceKind(models.TextChoices):
    """What a lab offers outside customers; the list filter of /labs/ counts labs per kind."""

    TESTING = "testing", "испытания"
    ANALYSIS = "analysis", "анализ и измерения"
    PROTOTYPING = "prototyping", "прототипирование и опытные партии"
    RESEARCH = "research", "исследования по заказу"
    TRAINING = "training", "обучение и стажировки"
    CONSULTING = "consulting", "консультации и экспертиза"
    OTHER = "other", "другое"


SERVICE_KINDS = dict(ServiceKind.choices)


class LabEquipment(Orderable):
    lab = ParentalKey("labs.LabPage", on_delete=models.CASCADE, related_name="equipment")
    name = models.CharField("название", max_length=255, help_text="Например: «Рентгеновский дифрактометр».")
    model = models.CharField("модель", max_length=255, blank=True)
    specs = models.TextField("ключевые характеристики", blank=True, max_length=1000)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("model")]), FieldPanel("specs")]

    class Meta(Orderable.Meta):
        verbose_name = "оборудование"
        verbose_name_plural = "оборудование"

    def __str__(self):
        return f"{self.name} {self.model}".strip()


class LabService(Orderable):
    lab = ParentalKey("labs.LabPage", on_delete=models.CASCADE, related_name="services")
    kind = models.CharField("вид услуги", max_length=20, choices=ServiceKind.choices, db_index=True)
    description = models.CharField("что именно", max_length=255, blank=True,
                                   help_text="Например: «испытания на износ и ударную вязкость».")

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("description")])]

    class Meta(Orderable.Meta):
        verbose_name = "услуга"
        verbose_name_plural = "услуги"

    def __str__(self):
        label = SERVICE_KINDS.get(self.kind, self.kind)
        return f"{label}: {self.description}" if self.description else label


class LabPage(Page):
    organization = models.ForeignKey("catalogue.Organization", verbose_name="организация", on_delete=models.PROTECT,
                                     related_name="labs", help_text="Вуз или институт, при котором работает "
                                                                    "лаборатория.")
    city = models.ForeignKey("catalogue.Region", verbose_name="город", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="labs_in_city",
                             limit_choices_to={"kind": "city"})
    region = models.ForeignKey("catalogue.Region", verbose_name="регион", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="labs", limit_choices_to={"kind": "region"},
                               help_text="Если пусто — регион города.")
    year_opened = models.PositiveSmallIntegerField("год открытия", null=True, blank=True,
                                                   validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    summary = models.TextField("чем занимается", max_length=600,
                               help_text="Одно-два предложения для карточки и выдачи поиска.")
    body = StreamField(StoryBlock(), verbose_name="подробно", blank=True)
    accreditation = models.TextField("аккредитация", blank=True, max_length=1000,
                                     help_text="Аттестаты и области аккредитации, если есть.")
    services_note = models.TextField("услуги — подробнее", blank=True, max_length=1000)
    sectors = ParentalManyToManyField("catalogue.Sector", verbose_name="отрасли", blank=True, related_name="labs")
    needs = ParentalManyToManyField("catalogue.Need", verbose_name="потребности городов", blank=True,
                                    related_name="labs")
    solutions = ParentalManyToManyField("catalogue.SolutionPage", verbose_name="связанные решения", blank=True,
                                        related_name="labs")
    photo = models.ForeignKey("wagtailimages.Image", verbose_name="фото", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    contact = models.CharField("контакт", max_length=255, blank=True,
                               help_text="Публичный канал связи лаборатории; если пусто — запросы идут через НОЦ.")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("photo"),
        MultiFieldPanel([
            FieldPanel("organization"),
            FieldRowPanel([FieldPanel("city"), FieldPanel("region"), FieldPanel("year_opened")]),
        ], heading="Где работает"),
        FieldPanel("body"),
        InlinePanel("equipment", heading="Оборудование", label="прибор или установка"),
        InlinePanel("services", heading="Услуги для внешних заказчиков", label="услуга"),
        FieldPanel("services_note"),
        FieldPanel("accreditation"),
        MultiFieldPanel([
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("needs", widget=forms.CheckboxSelectMultiple),
            FieldPanel("solutions"),
        ], heading="Классификация"),
        FieldPanel("contact"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("search_headline", boost=3),
        index.SearchField("search_details"),
        index.AutocompleteField("summary"),
    ]
    # What a card shows, and what every full view of a lab (page, API item, search document) reads.
    card_relations = ("organization", "city", "region")
    category_relations = ("sectors", "needs", "equipment", "services")
    search_prefetch = category_relations
    SEARCH_WEIGHTS = {"title": 4, "summary": 3, "classification": 2, "body": 1}

    api_fields = [
        APIField("summary"),
        APIField("organization", serializer=SlugNameSerializer(read_only=True)),
        APIField("city_name"),
        APIField("region_name"),
        APIField("year_opened"),
        APIField("photo", serializer=ImageRenditionField(PHOTO_API_SPEC, read_only=True)),
        APIField("equipment_data"),
        APIField("services_data"),
        APIField("services_note"),
        APIField("accreditation"),
        APIField("sectors", serializer=SlugNameListSerializer(read_only=True)),
        APIField("needs", serializer=SlugNameListSerializer(read_only=True)),
        APIField("contact"),
        APIField("body"),
    ]

    parent_page_types = ["labs.LabIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "лаборатория или центр"
        verbose_name_plural = "лаборатории и центры"

    def clean(self):
        super().clean()
        if self.city_id and self.city.kind != "city":
            raise ValidationError({"city": "Выберите город, а не регион."})
        if self.city_id and not self.region_id and self.city.parent_id:
            self.region_id = self.city.parent_id

    def save(self, *args, **kwargs):
        if self.city_id and not self.region_id:
            self.region_id = type(self).city.field.related_model.objects.filter(
                pk=self.city_id).values_list("parent_id", flat=True).first()
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        prefetch_related_objects([self], *self.category_relations, "photo__renditions")
        context = super().get_context(request, *args, **kwargs)
        context["related_solutions"] = list(self.solutions.live().public().order_by("title"))
        context["labs_url"] = self.get_parent().url
        return context

    # Read by the API serializers.
    @property
    def city_name(self):
        return self.city.name if self.city_id else ""

    @property
    def region_name(self):
        return self.region.name if self.region_id else ""

    @property
    def equipment_data(self):
        return [{"name": item.name, "model": item.model, "specs": item.specs} for item in self.equipment.all()]

    @property
    def services_data(self):
        return [{"kind": item.kind, "label": SERVICE_KINDS.get(item.kind, item.kind), "description": item.description}
                for item in self.services.all()]

    @property
    def place(self):
        return ", ".join(name for name in (self.city_name, self.region_name) if name)

    def search_document(self):
        """Searchable text as (weight, text) pairs, like SolutionPage's: equipment and services are searched."""
        weights = self.SEARCH_WEIGHTS
        names = [self.organization.name, self.place,
                 *(item.name for relation in ("sectors", "needs") for item in getattr(self, relation).all()),
                 *(str(item) for item in self.equipment.all()), *(str(item) for item in self.services.all())]
        return [(weights["title"], self.title), (weights["summary"], self.summary),
                (weights["classification"], " ".join(names)),
                (weights["body"], " ".join([self.body_text(), self.services_note, self.accreditation,
                                            *(item.specs for item in self.equipment.all())]))]

    def body_text(self):
        return " ".join(self._meta.get_field("body").get_searchable_content(self.body))

    def snippet_texts(self):
        return [self.summary, " ".join(str(item) for item in self.equipment.all()), self.body_text()]

    def search_headline(self):
        return stemmed_text(f"{self.title} {self.summary}")

    def search_details(self):
        return stemmed_text(" ".join(chunk for weight, chunk in self.search_document()
                                     if weight < self.SEARCH_WEIGHTS["summary"]))

    def json_ld(self, request):
        from labs.structured_data import lab_json_ld

        return lab_json_ld(self, request)

"""The catalogue's pages: one index at /catalogue/ and a page per solution beneath it."""
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from catalogue import readiness
from catalogue.api.serializers import (
    CertificatesSerializer,
    DeploymentListSerializer,
    SlugNameListSerializer,
    StageSerializer,
    StreamItemsSerializer,
    TagListSerializer,
)
from catalogue.blocks import StoryBlock
from catalogue.choosers import MultipleSnippetChooser
from catalogue.models.deployments import deployments_prefetch
from catalogue.models.taxonomy import Need, Organization, Region, Sector
from catalogue.models.terms import SolutionTerms
from catalogue.outputs.sitemap import ListingSitemapMixin
from catalogue.outputs.structured_data import solution_json_ld
from search.text import stemmed_text


class CatalogueIndexPage(RoutablePageMixin, ListingSitemapMixin, Page):
    """The catalogue, and the same catalogue seen from one need, sector or developer.

    Need, sector and organisation pages are routes rather than pages, so editors describe them once in the
    taxonomy snippet and every category gets its landing page for free.
    """

    intro = RichTextField("вступление", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.SolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = "каталог решений"
        verbose_name_plural = "каталоги решений"

    # Route name and query parameter of each category that has its own landing page.
    TAXONOMY_ROUTES = {Need: "need", Sector: "sector", Organization: "org"}

    @path("")
    def catalogue(self, request):
        from catalogue.listing import listing_context  # builds on these models, so imported late

        return self.render(request, context_overrides=listing_context(request))

    @path("map/", name="map")
    def deployment_map(self, request):
        """Every deployment of the matching solutions on a map of Russia's regions, and the same as a list."""
        from catalogue.outputs.deployment_map import map_context

        return self.render(request, context_overrides=map_context(request, self),
                           template="catalogue/map_page.html")

    @path("need/<slug:slug>/", name="need")
    def need(self, request, slug):
        return self.render_taxonomy(request, get_object_or_404(Need, slug=slug))

    @path("sector/<slug:slug>/", name="sector")
    def sector(self, request, slug):
        return self.render_taxonomy(request, get_object_or_404(Sector, slug=slug))

    @path("org/<slug:slug>/", name="org")
    def organization(self, request, slug):
        """The organisation's profile: who they are, their figures and solutions, and what other apps add."""
        from catalogue import organizations  # builds on these models, so imported late
        from catalogue.outputs.structured_data import organization_json_ld

        organization = get_object_or_404(organizations.profile_queryset(), slug=slug)
        path = self.category_url("org", slug)
        stage_rows = organizations.stage_figures(organization)
        has_solutions = any(count for _name, count, _css in stage_rows)
        # Without a solution the profile is still who they are and what they have; not «…: решения».
        title = None if has_solutions else organization_title(organization)
        extra = {
            "stage_rows": stage_rows,
            "has_solutions": has_solutions,
            "profile_sections": organizations.profile_sections(organization, request),
            "structured_nodes": [organization_json_ld(organization, request, path)],
        }
        return self.render_taxonomy(request, organization, template="catalogue/organization_page.html",
                                    title=title, extra=extra)

    def render_taxonomy(self, request, item, template="catalogue/taxonomy_page.html", extra=None, title=None):
        from catalogue.listing import listing_context

        param = self.TAXONOMY_ROUTES[type(item)]
        context = listing_context(request, fixed=(param, item.slug))
        context.update(taxonomy=item, taxonomy_kind=param, social_overrides={
            "title": title or taxonomy_title(item),
            "description": taxonomy_description(item),
            "path": self.category_url(param, item.slug),
        }, **(extra or {}))
        return self.render(request, context_overrides=context, template=template)

    def category_url(self, kind, slug):
        """The landing page of a need, sector or organisation: kind is "need", "sector" or "org"."""
        return self.url + self.reverse_subpage(kind, args=[slug])

    def get_sitemap_urls(self, request=None):
        """The catalogue, then the landing page of every need and sector that lists a solution, and every
        organisation's profile — one with no solution yet still tells who they are and what laboratories they
        have — each dated by its latest solution (undated without one): one query per kind of category."""
        urls = super().get_sitemap_urls(request)
        listed = SolutionPage.objects.child_of(self).live().public()
        root = self.get_full_url(request)
        for model, kind in self.TAXONOMY_ROUTES.items():
            if model is Organization:
                categories = model.objects.annotate(lastmod=Max("solutions__last_published_at",
                                                                filter=Q(solutions__in=listed)))
            else:
                categories = (model.objects.filter(solutions__in=listed)
                              .annotate(lastmod=Max("solutions__last_published_at")))
            urls += [{"location": root + self.reverse_subpage(kind, args=[category.slug]),
                      "lastmod": category.lastmod} for category in categories.order_by("sort_order", "name")]
        return urls


def taxonomy_title(item):
    return f"{item.name}: решения"


def organization_title(organization):
    return f"{organization.name}: профиль организации"


def taxonomy_description(item):
    text = item.description or f"{item.name}: готовые решения из каталога НОЦ «Кузбасс – Донбасс»."
    return Truncator(" ".join(text.split())).chars(160)


class SolutionTag(TaggedItemBase):
    content_object = ParentalKey("catalogue.SolutionPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "тег решения"
        verbose_name_plural = "теги решений"


# The picture partners get with each solution in the API: a 16:9 card image.
HERO_IMAGE_API_SPEC = "fill-800x450"


class SolutionPage(RoutablePageMixin, SolutionTerms, Page):
    summary = models.TextField("кратко", max_length=600,
                               help_text="Одно-два предложения для карточки и выдачи поиска: что делает решение.")
    body = StreamField(StoryBlock(), verbose_name="описание", blank=True)
    # For partners from abroad: shown on the page as «In English», given by the API, and searched.
    title_en = models.CharField("название по-английски", max_length=255, blank=True)
    summary_en = models.TextField("кратко по-английски", max_length=600, blank=True)
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
            # Short lists read better as checkboxes than as a multiple select that needs Ctrl+click.
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("needs", widget=forms.CheckboxSelectMultiple),
            # Hundreds of organisations and regions: Wagtail's chooser modal searches as one types.
            FieldPanel("organizations", widget=MultipleSnippetChooser(
                Organization, "Выбрать или создать организацию")),
            FieldPanel("regions", widget=MultipleSnippetChooser(Region, "Выбрать регионы и города")),
            FieldPanel("tags"),  # Wagtail's tag widget, which completes from the existing keywords
        ], heading="Классификация"),
        InlinePanel("deployments", heading="Внедрения", label="внедрение",
                    help_text="Где решение уже работает: место, год, статус и измеренный эффект."),
        *SolutionTerms.terms_panels,
        FieldPanel("contact"),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("summary_en")], heading="In English",
                        classname="collapsed"),
    ]

    # The backends index Snowball stems (search.text) so word forms meet on SQLite too; search.service
    # re-scores the candidates from search_document() with these weights, identically on every backend.
    search_fields = Page.search_fields + [
        index.SearchField("search_headline", boost=3),
        index.SearchField("search_details"),
        index.AutocompleteField("summary"),
        index.FilterField("trl"),
    ]
    # The categories every view of a solution shows: card, page, API item, structured data, search document.
    category_relations = ("sectors", "needs", "organizations", "regions", "tags")
    search_prefetch = category_relations
    SEARCH_WEIGHTS = {"title": 4, "summary": 3, "classification": 2, "body": 1}

    # The public API item (/api/v2/solutions/); `body` and `contact` only in the detail view.
    api_fields = [
        APIField("summary"),
        APIField("title_en"),
        APIField("summary_en"),
        APIField("trl"),
        APIField("trl_label"),
        APIField("hero_image", serializer=ImageRenditionField(HERO_IMAGE_API_SPEC, read_only=True)),
        APIField("stage", serializer=StageSerializer(read_only=True)),
        APIField("sectors", serializer=SlugNameListSerializer(read_only=True)),
        APIField("needs", serializer=SlugNameListSerializer(read_only=True)),
        APIField("organizations", serializer=SlugNameListSerializer(read_only=True)),
        APIField("regions", serializer=SlugNameListSerializer(read_only=True)),
        APIField("tags", serializer=TagListSerializer(read_only=True)),
        APIField("year"),
        APIField("last_verified"),
        APIField("contact"),
        APIField("body"),
        APIField("deployments", serializer=DeploymentListSerializer(read_only=True)),
        APIField("terms", serializer=serializers.ListField(source="cooperation_forms", read_only=True)),
        APIField("price_from"),
        APIField("price_note"),
        APIField("payback_months"),
        APIField("capacity"),
        APIField("lead_time"),
        APIField("ip", serializer=StreamItemsSerializer(read_only=True)),
        APIField("certificates", serializer=CertificatesSerializer(read_only=True)),
    ]

    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "решение"
        verbose_name_plural = "решения"

    def get_context(self, request, *args, **kwargs):
        from catalogue.related import related_solutions  # builds on these models, so imported late

        # The page, its structured data and its link preview all read these: fetch each once.
        prefetch_related_objects([self], *self.category_relations, "hero_image__renditions")
        if "deployments" not in getattr(self, "_cluster_related_objects", {}):
            # A preview holds its deployments in memory; a published page reads them here, photos included.
            prefetch_related_objects([self], deployments_prefetch("photo", "document"),
                                     "deployments__photo__renditions")
        # The page names each developer's city: with the developers, not one query per developer.
        prefetch_related_objects(list(self.organizations.all()), "city")
        context = super().get_context(request, *args, **kwargs)
        context["related_solutions"] = related_solutions(self)
        context["stages"] = readiness.STAGES
        return context
    def search_document(self):
        """The searchable text as (weight, text) pairs: title and summary weigh more than the body."""
        weights = self.SEARCH_WEIGHTS
        names = [item.name for relation in self.search_prefetch for item in getattr(self, relation).all()]
        return [(weights["title"], f"{self.title} {self.title_en}"),
                (weights["summary"], f"{self.summary} {self.summary_en}"),
                (weights["classification"], " ".join(names)), (weights["body"], self.body_text())]

    def body_text(self):
        return " ".join(self._meta.get_field("body").get_searchable_content(self.body))

    def snippet_texts(self):
        """Where a search result's snippet may come from, in order of preference."""
        return [self.summary, self.body_text()]

    def search_headline(self):
        return stemmed_text(f"{self.title} {self.summary} {self.title_en} {self.summary_en}")

    def search_details(self):
        return stemmed_text(" ".join(chunk for weight, chunk in self.search_document()
                                     if weight < self.SEARCH_WEIGHTS["summary"]))

    @property
    def stage(self):
        return readiness.stage_for(self.trl)

    @property
    def trl_label(self):
        return readiness.trl_label(self.trl)

    # «Запросить решение» lives under the page's own URL, so it follows the page when editors move or rename it
    # and, like the page, exists only while the page is live.
    @path("request/", name="request")
    def request_form(self, request):
        from catalogue.submissions.views import request_solution  # the views import this module

        return request_solution(request, self)

    @path("request/sent/", name="request_sent")
    def request_sent(self, request):
        from catalogue.submissions.views import request_sent

        return request_sent(request, self)

    def json_ld(self, request):
        """schema.org data for search engines (rendered by includes/structured_data.html)."""
        return solution_json_ld(self, request)

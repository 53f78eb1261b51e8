"""The site root, plain informational pages and the site-wide НОЦ settings."""
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalogue.blocks import StoryBlock
from catalogue.models import CatalogueIndexPage
from catalogue.outputs.sitemap import ListingSitemapMixin
from catalogue.outputs.structured_data import home_json_ld
from home.showcase import showcase_context


class HomePage(ListingSitemapMixin, Page):
    lead = models.TextField(
        "о центре в двух предложениях", blank=True,
        default="НОЦ «Кузбасс – Донбасс» объединяет 257 вузов, НИИ и предприятий и помогает шахтёрским "
                "городам внедрять готовые отечественные технологии. Найдите решение под задачу своего "
                "города — от очистки шахтных вод до рекультивации отвалов.")

    content_panels = Page.content_panels + [FieldPanel("lead")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["catalogue.CatalogueIndexPage", "labs.LabIndexPage", "home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "главная страница"
        verbose_name_plural = "главные страницы"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = CatalogueIndexPage.objects.live().first()
        if catalogue:
            context.update(showcase_context(catalogue))
        return context

    def json_ld(self, request):
        """НОЦ as an Organization and the site with its search, for search engines."""
        return home_json_ld(self, request, NocSettings.for_request(request))


class StandardPage(Page):
    """Contacts, personal-data policy, «О центре»: text pages editors write freely."""

    intro = models.TextField("вступление", blank=True)
    body = StreamField(StoryBlock(), verbose_name="текст", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "текстовая страница"
        verbose_name_plural = "текстовые страницы"


@register_setting(icon="site")
class NocSettings(BaseSiteSetting):
    """НОЦ contacts and policy links shown in the footer; editors fill them in the admin."""

    organisation_name = models.CharField("название", max_length=255, default="НОЦ «Кузбасс – Донбасс»")
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    address = models.CharField("адрес", max_length=255, blank=True)
    website = models.URLField("сайт центра", blank=True)
    contact_page = models.ForeignKey("wagtailcore.Page", verbose_name="страница контактов", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    privacy_page = models.ForeignKey("wagtailcore.Page", verbose_name="политика обработки персональных данных",
                                     null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("email"), FieldPanel("phone"),
                         FieldPanel("address"), FieldPanel("website")], heading="Контакты"),
        MultiFieldPanel([FieldPanel("contact_page"), FieldPanel("privacy_page")], heading="Страницы"),
    ]

    class Meta:
        verbose_name = "настройки НОЦ"

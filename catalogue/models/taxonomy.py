"""Editor-managed categories of the catalogue: sectors, needs, regions and cities, organisations."""
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.images import get_image_model_string
from wagtail.search import index

from catalogue.slugs import slug_for


class Taxonomy(index.Indexed, models.Model):
    """Shared shape of every category: a Russian name, a URL slug, a description and an editor's order."""

    name = models.CharField("название", max_length=255, unique=True)
    slug = models.SlugField("адрес (slug)", max_length=100, unique=True, blank=True,
                            help_text="Латиницей; создаётся из названия, если оставить пустым.")
    description = models.TextField("описание", blank=True)
    sort_order = models.IntegerField("порядок", default=0, db_index=True,
                                     help_text="Меньшее число — выше в списках.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def unique_slug(self):
        base = slug_for(self.name) or self.__class__.__name__.lower()
        slug, suffix = base, 2
        while type(self).objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug


class Sector(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "отрасль"
        verbose_name_plural = "отрасли"


class Need(Taxonomy):
    """A problem that cities bring: «Очистка воды», «Рекультивация земель», «Замещение импорта»…"""

    class Meta(Taxonomy.Meta):
        verbose_name = "потребность"
        verbose_name_plural = "потребности"


class Region(Taxonomy):
    """A region of Russia or a city within it, where a solution is deployed or offered."""

    class Kind(models.TextChoices):
        REGION = "region", "регион"
        CITY = "city", "город"

    kind = models.CharField("тип", max_length=10, choices=Kind.choices, default=Kind.REGION)
    parent = models.ForeignKey("self", verbose_name="входит в регион", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="cities",
                               limit_choices_to={"kind": Kind.REGION})

    panels = Taxonomy.panels + [FieldPanel("kind"), FieldPanel("parent")]

    class Meta(Taxonomy.Meta):
        verbose_name = "регион или город"
        verbose_name_plural = "регионы и города"


class Organization(Taxonomy):
    """A developer or partner of НОЦ: university, research institute, company, authority; its public profile is
    at /catalogue/org/<slug>/ and it is listed at /organizations/."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", "вуз"
        INSTITUTE = "institute", "НИИ / научный центр"
        COMPANY = "company", "предприятие"
        CENTRE = "centre", "центр / консорциум"
        AUTHORITY = "authority", "орган власти"
        OTHER = "other", "другое"

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", "координатор НОЦ"
        MEMBER = "member", "участник консорциума"
        PARTNER = "partner", "партнёр"

    kind = models.CharField("тип", max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    role = models.CharField("роль в НОЦ", max_length=20, choices=Role.choices, blank=True)
    region = models.ForeignKey(Region, verbose_name="регион", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="organizations", limit_choices_to={"kind": Region.Kind.REGION},
                               help_text="Если пусто, берётся регион города.")
    city = models.ForeignKey(Region, verbose_name="город", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="city_organizations", limit_choices_to={"kind": Region.Kind.CITY})
    website = models.URLField("сайт", blank=True)
    logo = models.ForeignKey(get_image_model_string(), verbose_name="логотип", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    parent = models.ForeignKey("self", verbose_name="входит в", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="members",
                               help_text="Вышестоящая организация (для структурированных данных).")
    contact = models.CharField("публичный канал связи", max_length=255, blank=True,
                               help_text="Сайт, адрес или страница для обращений, которые организация "
                                         "сама публикует; если пусто — обращения идут через НОЦ.")

    panels = Taxonomy.panels[:3] + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("region"), FieldPanel("city")]),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("contact"),
        FieldPanel("parent"),
        Taxonomy.panels[3],
    ]
    search_fields = Taxonomy.search_fields + [index.SearchField("description"), index.FilterField("kind")]

    class Meta(Taxonomy.Meta):
        verbose_name = "организация"
        verbose_name_plural = "организации"

    def save(self, *args, **kwargs):
        if self.city_id and not self.region_id and self.city.parent_id:
            self.region_id = self.city.parent_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.city_id and self.city.kind != Region.Kind.CITY:
            errors["city"] = "Выберите город, а не регион."
        if self.region_id and self.region.kind != Region.Kind.REGION:
            errors["region"] = "Выберите регион, а не город."
        if self.city_id and self.region_id and self.city.parent_id and self.city.parent_id != self.region_id:
            errors["city"] = f"Город «{self.city}» входит в регион «{self.city.parent}», а не «{self.region}»."
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = "Организация не может входить сама в себя."
        if errors:
            raise ValidationError(errors)

    @property
    def place(self):
        """«Кемерово, Кемеровская область»: what a visitor reads as the organisation's location."""
        return ", ".join(str(item) for item in (self.city, self.region) if item)

    @property
    def contact_through_noc(self):
        return not self.contact

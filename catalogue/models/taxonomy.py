"""Editor-managed categories of the catalogue: sectors, needs, regions and cities, organisations."""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.images import get_image_model_string
from wagtail.search import index

from catalogue.slugs import slug_for
from search.text import stemmed_text


class Taxonomy(index.Indexed, models.Model):
    """Shared shape of every category: a Russian name, a URL slug, a description and an editor's order."""

    name = models.CharField("название", max_length=255, unique=True)
    slug = models.SlugField("адрес (slug)", max_length=100, unique=True, blank=True,
                            help_text="Латиницей; создаётся из названия, если оставить пустым.")
    description = models.TextField("описание", blank=True)
    # No default: a new category left without an order goes after the last one (see save()), never to the top.
    sort_order = models.IntegerField("порядок", blank=True, db_index=True,
                                     help_text="Меньшее число — выше в списках. Пусто — в конец списка.")

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
        if self.sort_order is None:
            self.sort_order = self.next_sort_order()
        super().save(*args, **kwargs)

    def next_sort_order(self):
        """One after the last category of this kind, so a new one joins the end of every list."""
        last = type(self).objects.aggregate(last=Max("sort_order"))["last"]
        return 0 if last is None else last + 1

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


class RegionQuerySet(models.QuerySet):
    def with_cities(self):
        """These regions and every city within them: what a filter by a region means («Кузбасс» includes
        Новокузнецк). A lazy queryset, so it nests as a subquery in the caller's query."""
        chosen = self.values("pk")
        return Region.objects.filter(Q(pk__in=chosen) | Q(parent__in=chosen))


class Region(Taxonomy):
    """A region of Russia or a city within it, where a solution is deployed or offered."""

    class Kind(models.TextChoices):
        REGION = "region", "регион"
        CITY = "city", "город"

    kind = models.CharField("тип", max_length=10, choices=Kind.choices, default=Kind.REGION)
    # Filled from the bundled gazetteer by name when left empty (catalogue/geo/gazetteer.py).
    lat = models.FloatField("широта", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)],
                            help_text="Пусто — возьмётся из справочника городов и регионов по названию.")
    lon = models.FloatField("долгота", null=True, blank=True,
                            validators=[MinValueValidator(-180), MaxValueValidator(180)])
    code = models.CharField("код субъекта РФ", max_length=10, blank=True,
                            help_text="Например RU-KEM: по нему регион находит свой контур на карте. Пусто — "
                                      "определится по названию.")
    parent = models.ForeignKey("self", verbose_name="входит в регион", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="cities",
                               limit_choices_to={"kind": Kind.REGION})

    objects = RegionQuerySet.as_manager()

    panels = Taxonomy.panels + [FieldPanel("kind"), FieldPanel("parent"), FieldRowPanel(
        [FieldPanel("lat"), FieldPanel("lon"), FieldPanel("code")], heading="Координаты")]

    class Meta(Taxonomy.Meta):
        verbose_name = "регион или город"
        verbose_name_plural = "регионы и города"

    def save(self, *args, **kwargs):
        fill_from_gazetteer(self)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (self.lat is None) != (self.lon is None):
            raise ValidationError({"lat" if self.lat is None else "lon":
                                   "Укажите обе координаты — широту и долготу — или ни одной."})

    @property
    def point(self):
        """(lat, lon), or None when neither an editor nor the gazetteer knows where this is."""
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None


def fill_from_gazetteer(region):
    """Coordinates and subject code from the bundled gazetteer for what an editor left empty; returns whether
    anything was filled. Works on historical models too (the data migration uses it)."""
    from catalogue.geo import gazetteer

    parent = region.parent if region.parent_id else None
    if region.kind == "city":
        place = gazetteer.find_city(region.name, parent.code if parent and parent.code else None)
        code = place.code if place else ""
    else:
        place = gazetteer.find_region(region.name)
        code = place.code if place else ""
    changed = False
    if place and region.lat is None and region.lon is None:
        region.lat, region.lon, changed = place.lat, place.lon, True
    if code and not region.code:
        region.code, changed = code, True
    return changed


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
    search_fields = Taxonomy.search_fields + [
        index.SearchField("description"),
        index.FilterField("kind"),
        # The stemmed text the search service matches (search/service.py), as LabPage's: found by the search
        # server's candidate lookup too when one is configured.
        index.SearchField("search_headline", boost=3),
        index.SearchField("search_details"),
    ]
    # What its search document reads besides its own columns.
    search_prefetch = ("city", "region", "parent")
    SEARCH_WEIGHTS = {"title": 4, "summary": 3, "classification": 2}

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

    def search_document(self):
        """Searchable text as (weight, text) pairs, weighted as a laboratory's: the name, the description, then
        what classifies it — kind and role in words, city and region, the organisation it belongs to."""
        weights = self.SEARCH_WEIGHTS
        classification = [self.get_kind_display(), self.get_role_display() if self.role else "", self.place,
                          self.parent.name if self.parent_id else ""]
        return [(weights["title"], self.name), (weights["summary"], self.description),
                (weights["classification"], " ".join(filter(None, classification)))]

    def snippet_texts(self):
        return [self.description]

    def search_headline(self):
        return stemmed_text(f"{self.name} {self.description}")

    def search_details(self):
        return stemmed_text(" ".join(chunk for weight, chunk in self.search_document()
                                     if weight < self.SEARCH_WEIGHTS["summary"]))

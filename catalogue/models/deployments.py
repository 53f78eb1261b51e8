"""Deployment cases («Внедрения»): where a solution already works, since when and with what effect.

Each belongs to one solution and is edited inline on it (an orderable inline panel). A place is a city or a
region of the regions/cities taxonomy (a city is a Region of kind «город» whose parent is its region).
"""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from catalogue.blocks import KeyFigureBlock
from catalogue.geo.gazetteer import point_of

YEAR_MIN = 1950
MAX_EFFECTS = 8


def validate_not_future_year(value):
    if value is not None and value > timezone.localdate().year:
        raise ValidationError("Год не может быть в будущем: %(value)s.", code="future_year",
                              params={"value": value})


def validate_not_future_date(value):
    if value is not None and value > timezone.localdate():
        raise ValidationError("Дата не может быть в будущем.", code="future_date")


def effect_problems(effects):
    """What is wrong with measured effects given as (value, label) pairs, in Russian: for the admin and the import."""
    block = KeyFigureBlock()
    limits = {name: block.child_blocks[name].field.max_length for name in ("value", "label")}
    problems = []
    if len(effects) > MAX_EFFECTS:
        problems.append(f"не больше {MAX_EFFECTS} эффектов, а здесь {len(effects)}")
    for number, (value, label) in enumerate(effects, start=1):
        value, label = (value or "").strip(), (label or "").strip()
        if not value:
            problems.append(f"эффект № {number}: не указано значение (например, «−40 %»)")
        if not label:
            problems.append(f"эффект № {number}: не указано, что означает значение")
        for name, text in (("value", value), ("label", label)):
            if len(text) > limits[name]:
                problems.append(f"эффект № {number}: не длиннее {limits[name]} символов, а здесь {len(text)}")
    return problems


class Deployment(Orderable):
    class Status(models.TextChoices):
        PILOT = "pilot", "пилот"
        OPERATING = "operating", "в эксплуатации"
        COMPLETED = "completed", "завершено"

    page = ParentalKey("catalogue.SolutionPage", on_delete=models.CASCADE, related_name="deployments")
    site = models.CharField("объект или заказчик", max_length=255,
                            help_text="Например: «очистные сооружения посёлка», «угольный разрез».")
    organization = models.ForeignKey("catalogue.Organization", verbose_name="организация", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="deployments",
                                     help_text="Заказчик или партнёр из справочника организаций, если он есть.")
    city = models.ForeignKey("catalogue.Region", verbose_name="город", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="city_deployments",
                             limit_choices_to={"kind": "city"})
    region = models.ForeignKey("catalogue.Region", verbose_name="регион", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="region_deployments",
                               limit_choices_to={"kind": "region"},
                               help_text="Можно не указывать, если выбран город: регион берётся из города.")
    year = models.PositiveSmallIntegerField("год начала", null=True, blank=True,
                                            validators=[MinValueValidator(YEAR_MIN), validate_not_future_year])
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.OPERATING)
    scale = models.CharField("масштаб", max_length=255, blank=True,
                             help_text="Например: «2 модуля, 400 м³/ч».")
    effects = StreamField([("effect", KeyFigureBlock())], verbose_name="измеренные эффекты", blank=True,
                          max_num=MAX_EFFECTS)
    story = models.TextField("коротко о внедрении", max_length=1500, blank=True)
    photo = models.ForeignKey("wagtailimages.Image", verbose_name="фото", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="документ", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 help_text="Акт внедрения, отзыв, протокол испытаний.")
    confirmed_by_customer = models.BooleanField("подтверждено заказчиком", default=False)
    confirmed_on = models.DateField("дата подтверждения", null=True, blank=True,
                                    validators=[validate_not_future_date])
    lat = models.FloatField("широта", null=True, blank=True,
                            validators=[MinValueValidator(-90), MaxValueValidator(90)],
                            help_text="Только если точка не совпадает с городом, например 54.355.")
    lon = models.FloatField("долгота", null=True, blank=True,
                            validators=[MinValueValidator(-180), MaxValueValidator(180)],
                            help_text="Например 86.087.")

    panels = [
        FieldPanel("site"),
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("scale"),
        FieldPanel("effects"),
        FieldPanel("story"),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("document")]),
        FieldRowPanel([FieldPanel("confirmed_by_customer"), FieldPanel("confirmed_on")]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")])], heading="Координаты",
                        classname="collapsed"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "внедрение"
        verbose_name_plural = "внедрения"

    def __str__(self):
        return f"{self.site} ({self.place_name})" if self.place_name else self.site

    @property
    def place(self):
        """The most precise place named: the city, else the region."""
        return self.city or self.region

    @property
    def place_name(self):
        place = self.place
        return place.name if place else ""

    @property
    def place_region(self):
        """The region the deployment is in: its own, else its city's."""
        return self.region or (self.city.parent if self.city else None)

    @property
    def point(self):
        """(lat, lon) on a map: the coordinates entered for this deployment, else its city's, else its region's
        (places get theirs from the bundled gazetteer: docs/map.md); None when none is known."""
        city_region = self.city.parent if self.city and self.city.parent_id else None
        places = [place for place in (self.city, self.region, city_region) if place]
        return point_of((self.lat, self.lon), *((place.lat, place.lon) for place in places))

    def clean(self):
        super().clean()
        errors = {}
        if not self.city_id and not self.region_id:
            errors["city"] = "Укажите город или регион внедрения."
        if self.confirmed_on and not self.confirmed_by_customer:
            errors["confirmed_on"] = "Дата подтверждения указывается, только если внедрение подтверждено заказчиком."
        problems = effect_problems([(item.value["value"], item.value["label"]) for item in self.effects])
        if problems:
            errors["effects"] = problems
        if (self.lat is None) != (self.lon is None):
            errors["lat" if self.lat is None else "lon"] = "Укажите обе координаты — широту и долготу — или ни одной."
        if errors:
            raise ValidationError(errors)


# What every view of a deployment names: its places (a city's region too) and organisation.
DEPLOYMENT_RELATIONS = ("city", "city__parent", "region", "organization")


def deployments_prefetch(*extra):
    """Every solution's deployments with their places and organisation, in one query for any number of pages."""
    return models.Prefetch("deployments", queryset=Deployment.objects.select_related(*DEPLOYMENT_RELATIONS, *extra))

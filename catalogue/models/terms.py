"""Terms and status of a solution's offer: forms of cooperation, price, payback, IP, certificates, capacity.

An abstract model that SolutionPage inherits, so the page keeps its size and the terms live in one place.
Every part is optional; the page shows only what is filled (templates/catalogue/includes/solution_terms.html).

Forms of cooperation are one boolean column each, not a list in JSON: `terms=licence` filters and counts
with an indexed column on every database (SQLite cannot search inside JSON lists). IP and certificates are
StreamFields: they are read only with their page (no extra query in any list, API or export), are kept in the
page's revisions with the rest of the page, and validate with their blocks.
"""
from django.core.validators import MaxValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from catalogue.blocks import CertificateBlock, IntellectualPropertyBlock

# Forms of cooperation: the public key (filters, API, import) → (model field, Russian label).
TERMS = {
    "licence": ("terms_licence", "лицензия"),
    "supply": ("terms_supply", "поставка"),
    "service": ("terms_service", "услуга / работы по договору"),
    "joint": ("terms_joint", "совместный проект"),
    "rnd": ("terms_rnd", "договор НИОКР"),
}


class SolutionTerms(models.Model):
    terms_licence = models.BooleanField(TERMS["licence"][1], default=False, db_index=True)
    terms_supply = models.BooleanField(TERMS["supply"][1], default=False, db_index=True)
    terms_service = models.BooleanField(TERMS["service"][1], default=False, db_index=True)
    terms_joint = models.BooleanField(TERMS["joint"][1], default=False, db_index=True)
    terms_rnd = models.BooleanField(TERMS["rnd"][1], default=False, db_index=True)
    price_from = models.PositiveBigIntegerField("цена от, ₽", null=True, blank=True,
                                                help_text="Ориентировочная цена в рублях; пусто — не указана.")
    price_note = models.CharField("о цене", max_length=160, blank=True,
                                  help_text="Например: «по запросу», «за модуль», «без НДС».")
    payback_months = models.PositiveSmallIntegerField("срок окупаемости, мес.", null=True, blank=True,
                                                      validators=[MaxValueValidator(600)])
    capacity = models.CharField("производственная мощность", max_length=255, blank=True,
                                help_text="Например: «до 20 установок в год».")
    lead_time = models.CharField("срок поставки / внедрения", max_length=255, blank=True,
                                 help_text="Например: «3–4 месяца с даты договора».")
    ip = StreamField([("item", IntellectualPropertyBlock())], verbose_name="интеллектуальная собственность",
                     blank=True)
    certificates = StreamField([("item", CertificateBlock())], verbose_name="сертификаты и разрешения",
                               blank=True)

    terms_panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel(field) for field, label in TERMS.values()], heading="Формы сотрудничества"),
            FieldRowPanel([FieldPanel("price_from"), FieldPanel("price_note"), FieldPanel("payback_months")]),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("lead_time")]),
            FieldPanel("ip"),
            FieldPanel("certificates"),
        ], heading="Условия предложения", classname="collapsed"),
    ]

    class Meta:
        abstract = True

    @property
    def cooperation_forms(self):
        """The public keys of the forms of cooperation offered, in TERMS order."""
        return [key for key, (field, label) in TERMS.items() if getattr(self, field)]

    @property
    def has_terms(self):
        """Whether any part of the offer's terms is filled (the page shows the block only then)."""
        return bool(self.cooperation_forms or self.price_from is not None or self.price_note
                    or self.payback_months is not None or self.capacity or self.lead_time or self.ip
                    or self.certificates)

    @property
    def cooperation_labels(self):
        return [label for key, (field, label) in TERMS.items() if getattr(self, field)]

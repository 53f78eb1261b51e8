"""«Подборка»: the solutions a city team collects for its programme, without an account.

A shortlist is found by an unguessable key. The visitor's own shortlist keeps its key in the session only (never
in an address); a shared snapshot («Поделиться») is a read-only copy whose key is the address /podborka/<key>/.
Nothing here identifies a person: no name, no contact, no address — the optional city only titles the annex.
"""
import secrets

from django.db import models
from django.utils import timezone

from catalogue.models import SolutionPage

MAX_ITEMS = 50
NOTE_MAX_LENGTH = 1000


def new_key():
    # 32 random bytes, URL-safe: 43 characters, as hard to guess as a session key.
    return secrets.token_urlsafe(32)


class Shortlist(models.Model):
    key = models.CharField("ключ", max_length=64, unique=True, default=new_key, editable=False)
    is_snapshot = models.BooleanField("снимок для ссылки", default=False,
                                      help_text="Снимок открывается по ссылке и не меняется.")
    city = models.CharField("город или муниципалитет", max_length=150, blank=True,
                            help_text="Для титула приложения к программе; необязательно.")
    created_at = models.DateTimeField("создана", default=timezone.now)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    class Meta:
        verbose_name = "подборка"
        verbose_name_plural = "подборки"

    def __str__(self):
        return f"Подборка №{self.pk}"


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    solution = models.ForeignKey(SolutionPage, verbose_name="решение", on_delete=models.CASCADE, related_name="+")
    note = models.TextField("зачем нам это", max_length=NOTE_MAX_LENGTH, blank=True)
    added_at = models.DateTimeField("добавлено", default=timezone.now)

    class Meta:
        verbose_name = "решение в подборке"
        verbose_name_plural = "решения в подборке"
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["shortlist", "solution"], name="shortlist_item_once")]

    def __str__(self):
        return f"{self.shortlist} — решение {self.solution_id}"

"""«Подписаться на новые решения»: an e-mail address that wants a digest of new and updated solutions of one
catalogue view (its filters, kept as a validated query string) or of one published need (its matches).

Double opt-in: nothing but the confirmation goes to an address until its owner opens the confirmation link.
The token in every link is unguessable (secrets.token_urlsafe); unsubscribing deletes the row.
"""
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.utils import timezone

from catalogue.models import NeedSubmission
from catalogue.query import parse_filters
from catalogue.submissions.matching import need_filters


def new_token():
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_expired(self, now=None):
        """Addresses nobody confirmed within NOC_ALERT_CONFIRM_DAYS: deleted by `send_alerts`."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.NOC_ALERT_CONFIRM_DAYS)
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


class Subscription(models.Model):
    email = models.EmailField("электронная почта")
    token = models.CharField("ключ ссылок", max_length=64, unique=True, default=new_token, editable=False)
    query = models.CharField("фильтры каталога", max_length=2000, blank=True,
                             help_text="Параметры адреса каталога, проверенные при подписке.")
    need = models.ForeignKey(NeedSubmission, verbose_name="потребность", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="subscriptions")
    label = models.CharField("на что подписка", max_length=500)
    created_at = models.DateTimeField("создана", default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField("подтверждена", null=True, blank=True, db_index=True)
    last_sent_at = models.DateTimeField(
        "изменения учтены до", null=True, blank=True,
        help_text="Следующее письмо расскажет о решениях, опубликованных или обновлённых позже.")
    ip_hash = models.CharField("отпечаток IP-адреса", max_length=64, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "подписка на новые решения"
        verbose_name_plural = "подписки на новые решения"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email}: {self.label}"

    @property
    def view_key(self):
        """Subscriptions with the same key get the same matches: `send_alerts` asks once per key."""
        return f"need:{self.need_id}" if self.need_id else f"catalogue:{self.query}"

    def filters(self):
        """The catalogue filters whose new matches this subscription wants."""
        if self.need_id:
            return need_filters(self.need, text=self.need.public_text)
        return parse_filters(QueryDict(self.query))

    def is_live(self):
        """A need's subscription lapses while the need is off the board."""
        return self.need is None or (self.need.published and self.need.publish_requested)

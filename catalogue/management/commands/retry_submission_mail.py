from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from catalogue.models.requests import SUBMISSION_MODELS
from catalogue.submissions.notify import notify_editors


class Command(BaseCommand):
    help = ("Повторно уведомляет редакторов об обращениях, письмо о которых не ушло (ошибка почтового сервера "
            "или сбой между сохранением и отправкой). Запускайте по расписанию, например каждые 15 минут.")

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=5,
                            help="не трогать неотправленные моложе этого: их, возможно, ещё отправляют")

    def handle(self, *args, older_than_minutes=5, **options):
        cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
        for model in SUBMISSION_MODELS:
            states = model.MailState
            waiting = model.objects.filter(
                Q(mail_state=states.FAILED) | Q(mail_state=states.PENDING, created_at__lt=cutoff),
                anonymised_at__isnull=True,
            ).order_by("created_at")
            outcomes = [notify_editors(item) for item in waiting]
            self.stdout.write(f"{model._meta.verbose_name_plural}: отправлено {outcomes.count(states.SENT)}, "
                              f"не удалось {outcomes.count(states.FAILED)}")

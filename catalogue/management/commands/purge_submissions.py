from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from catalogue.models.requests import SUBMISSION_MODELS
from catalogue.submissions import retention
from search.models import SearchClick


class Command(BaseCommand):
    help = ("Обезличивает закрытые запросы и потребности, закрытые раньше чем NOC_RETENTION_DAYS дней назад "
            "(с --delete удаляет их), и удаляет счётчики переходов из поиска старше SEARCH_CLICK_RETENTION_DAYS "
            "дней. Запускайте по расписанию, например раз в сутки.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="срок хранения в днях (по умолчанию NOC_RETENTION_DAYS)")
        parser.add_argument("--delete", action="store_true", help="удалять, а не обезличивать")
        parser.add_argument("--dry-run", action="store_true", help="только посчитать, ничего не менять")

    def handle(self, *args, days=None, delete=False, dry_run=False, **options):
        days = settings.NOC_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("Срок хранения не может быть отрицательным.")
        verb = "удалить" if delete else "обезличить"
        for model in SUBMISSION_MODELS:
            queryset = retention.expired(model, days)
            if not delete:
                queryset = queryset.filter(anonymised_at__isnull=True)
            label = model._meta.verbose_name_plural
            if dry_run:
                self.stdout.write(f"{label}: можно {verb} {queryset.count()}")
                continue
            with transaction.atomic():
                count = retention.delete(queryset) if delete else retention.anonymise(queryset)
            self.stdout.write(f"{label}: {'удалено' if delete else 'обезличено'} {count}")
        # Not personal data, but nothing reads daily clicks older than the report's 90 days: they only grow.
        last_kept = timezone.localdate(retention.cutoff(settings.SEARCH_CLICK_RETENTION_DAYS))
        old_clicks = SearchClick.objects.filter(date__lt=last_kept)
        if dry_run:
            self.stdout.write(f"переходы из поиска: можно удалить {old_clicks.count()}")
        else:
            deleted, _ = old_clicks.delete()
            self.stdout.write(f"переходы из поиска: удалено {deleted}")

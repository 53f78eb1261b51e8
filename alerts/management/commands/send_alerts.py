from django.core.management.base import BaseCommand

from alerts.digest import send_alerts


class Command(BaseCommand):
    help = ("Рассылает подписчикам письма о решениях, опубликованных или обновлённых с прошлого письма, и удаляет "
            "неподтверждённые подписки старше NOC_ALERT_CONFIRM_DAYS. Запускайте раз в сутки из cron; повторный "
            "запуск ничего не отправит дважды.")

    def handle(self, *args, **options):
        outcome = send_alerts()
        self.stdout.write(f"Писем отправлено: {outcome.sent}, не отправлено: {outcome.failed}, "
                          f"пропущено подписок: {outcome.skipped}, удалено неподтверждённых: {outcome.purged}")

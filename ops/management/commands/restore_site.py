from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Восстанавливает базу данных и медиафайлы из архива backup_site и сверяет их с описью архива."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="архив noc-backup-….tar.gz")
        parser.add_argument("--replace", action="store_true", help="заменить содержимое непустой базы данных")

    def handle(self, archive, replace, **options):
        try:
            counts = restore_backup(archive, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Восстановлено и сверено с описью ({summary})."))

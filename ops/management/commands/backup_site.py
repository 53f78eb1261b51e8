from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Сохраняет базу данных и папку медиафайлов в один архив noc-backup-<время>.tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("target_dir", help="папка, куда положить архив")

    def handle(self, target_dir, **options):
        try:
            archive = create_backup(target_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))

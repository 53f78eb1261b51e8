"""`manage.py import_solutions FILE [--dry-run]`: upsert solutions by slug from JSON or CSV and publish them."""
import logging
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.importer import sections
from catalogue.importer.plan import CREATE, NOT_LIVE
from catalogue.importer.rows import ImportValidationError
from catalogue.importer.sources import ImportFileError, read_bytes
from catalogue.models import CatalogueIndexPage

PROGRESS_EVERY = 250  # rows between progress lines on stderr
# Loggers that write an INFO line per saved page or finished task: tens of thousands of lines in a big import.
CHATTY_LOGGERS = ("wagtail", "django_tasks")

NEW_NAME_LABELS = {
    "sectors": "новые отрасли",
    "needs": "новые потребности",
    "organizations": "новые организации",
    "regions": "новые регионы и города",
    "tags": "новые ключевые слова",
    "cities": "новые города",
}


class Command(BaseCommand):
    help = ("Загружает решения из JSON или CSV (см. docs/import.md): создаёт новые, обновляет изменённые "
            "и публикует их; при любой ошибке в файле ничего не записывает.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="путь к файлу .json, .csv или .xlsx")
        parser.add_argument("--section", default=None,
                            help="раздел, который содержит файл CSV: solutions (по умолчанию) или organizations")
        parser.add_argument("--dry-run", action="store_true",
                            help="только показать, что изменится, ничего не записывая")

    def handle(self, *args, file, dry_run, section, **options):
        started = time.monotonic()
        parent = CatalogueIndexPage.objects.get()
        try:
            plan = sections.check(Path(file).name, read_bytes(file), parent, section)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except ImportValidationError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(f"Импорт отменён: ошибок — {len(error.errors)}, ничего не записано.") from None

        if dry_run:
            self._print_plan(plan)
            self.stdout.write(f"Пробный запуск, ничего не записано. Будет {self._summary(plan)}.")
            return
        with _quiet(CHATTY_LOGGERS, enabled=options["verbosity"] < 2):
            written = "Записано решений" if list(plan.plans) == ["solutions"] else "Записано строк"
            sections.apply(plan, parent, progress=self._progress(written),
                           index_progress=self._progress("Проиндексировано для поиска"))
        elapsed = time.monotonic() - started
        self.stdout.write(f"Готово за {elapsed:.1f} с: {self._summary(plan)}.")

    def _progress(self, label):
        reported = {"at": 0}

        def report(done, total):
            if done - reported["at"] >= PROGRESS_EVERY or done == total:
                reported["at"] = done
                self.stderr.write(f"{label}: {done} из {total}")

        return report

    @staticmethod
    def _summary(plan):
        return plan.summary()

    def _print_plan(self, plan):
        for key, section_plan in plan.plans.items():
            describe = sections.SECTIONS[key].describe
            for item in section_plan.writes:
                if item.action == CREATE:
                    self.stdout.write(f"создать   {describe(item)}")
                else:
                    fields = ", ".join("публикация" if name == NOT_LIVE else name for name in item.changed)
                    self.stdout.write(f"обновить  {describe(item)}: {fields}")
            for name, names in section_plan.new_names.items():
                self.stdout.write(f"{NEW_NAME_LABELS.get(name, name)} ({len(names)}): {', '.join(names)}")


@contextmanager
def _quiet(names, enabled):
    """Raise these loggers to WARNING for the block (the summary and progress lines say what happened)."""
    loggers = [logging.getLogger(name) for name in names] if enabled else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)

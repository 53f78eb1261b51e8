"""Running an import started from the admin, without holding the browser's request until it ends.

The uploaded file is checked at once (the dry run: reading, validation and the plan take seconds even for
thousands of rows), stored in an `ImportJob`, and applied when the editor presses «Применить» or «Отправить на
модерацию». Applying runs in a background thread of the web process: the request returns immediately and the
job page polls the job's state. We chose a thread over chunked requests because the import must stay one
transaction (all or nothing), which chunks would break, and over a task queue because the site runs no worker
process. Progress lives in the cache (rows done / total) since the job's own row only changes when the
transaction ends; with several gunicorn workers, configure REDIS_URL so that every worker sees it. If the
process dies mid-import the transaction rolls back: nothing is written and the job stays «выполняется»
(`STALE_AFTER` later the page says so).
"""
import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from catalogue.importer import sections
from catalogue.importer.plan import CREATE, UNCHANGED, UPDATE
from catalogue.importer.rows import ImportValidationError
from catalogue.importer.sources import ImportFileError
from catalogue.models import CatalogueIndexPage, ImportJob

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(hours=1)


def check(file_name, data):
    """The plan of a file against the catalogue as it is now; raises ImportFileError or ImportValidationError."""
    return sections.check(file_name, data, CatalogueIndexPage.objects.get())


def start(job, mode, user):
    """Apply a checked job (once: a second press of the button finds it already running). True if it started."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.RUNNING, mode=mode, started_at=timezone.now())
    if not claimed:
        return False
    set_progress(job.pk, 0, 0)
    if getattr(settings, "NOC_IMPORT_IN_BACKGROUND", True):
        threading.Thread(target=_run_in_thread, args=(job.pk, user.pk), name=f"import-{job.pk}", daemon=True).start()
    else:
        run(job.pk, user)
    return True


def _run_in_thread(job_pk, user_pk):
    from django.contrib.auth import get_user_model

    try:
        run(job_pk, get_user_model().objects.get(pk=user_pk))
    finally:
        connections.close_all()  # this thread's connections only


def run(job_pk, user):
    job = ImportJob.objects.get(pk=job_pk)
    try:
        parent = CatalogueIndexPage.objects.get()
        plan = sections.check(job.file_name, bytes(job.content), parent)
        sections.apply(plan, parent, progress=lambda done, total: set_progress(job.pk, done, total),
                       submit_by=user if job.mode == ImportJob.Mode.MODERATE else None)
    except ImportFileError as error:
        job.status, job.message = ImportJob.Status.FAILED, str(error)
    except ImportValidationError as error:  # the catalogue or the file changed since the dry run
        job.status, job.message = ImportJob.Status.FAILED, str(error)
    except Exception:
        logger.exception("import %s failed", job.pk)
        job.status, job.message = ImportJob.Status.FAILED, "Внутренняя ошибка сервера; подробности в журнале."
    else:
        job.status = ImportJob.Status.DONE
        job.created, job.updated, job.unchanged = (plan.count(CREATE), plan.count(UPDATE), plan.count(UNCHANGED))
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "created", "updated", "unchanged", "finished_at"])


def progress_key(job_pk):
    return f"catalogue:import-progress:{job_pk}"


def set_progress(job_pk, done, total):
    cache.set(progress_key(job_pk), (done, total), timeout=int(STALE_AFTER.total_seconds()) * 24)


def progress(job):
    """(rows written, rows to write) of a running job; (0, 0) before its first row or when unknown."""
    return cache.get(progress_key(job.pk)) or (0, 0)


def is_stale(job):
    return job.status == ImportJob.Status.RUNNING and timezone.now() - job.started_at > STALE_AFTER

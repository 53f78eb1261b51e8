"""An import started from the admin: the uploaded file, kept between the dry run and «Применить», and its outcome.

The file is stored in the database (not under MEDIA_ROOT, which the web server may serve) so that any worker
process can apply it and show its state; see catalogue/importer/jobs.py for how it runs.
"""
from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    class Status(models.TextChoices):
        CHECKED = "checked", "проверен, ждёт решения"
        RUNNING = "running", "выполняется"
        DONE = "done", "выполнен"
        FAILED = "failed", "не выполнен, ничего не записано"

    class Mode(models.TextChoices):
        PUBLISH = "publish", "опубликовать"
        MODERATE = "moderate", "отправить на модерацию"

    created_at = models.DateTimeField("загружен", auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="кто загрузил", null=True,
                             on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField("файл", max_length=255)
    content = models.BinaryField("содержимое файла")
    status = models.CharField("состояние", max_length=16, choices=Status.choices, default=Status.CHECKED)
    mode = models.CharField("действие", max_length=16, choices=Mode.choices, blank=True)
    created = models.PositiveIntegerField("создано", default=0)
    updated = models.PositiveIntegerField("обновлено", default=0)
    unchanged = models.PositiveIntegerField("без изменений", default=0)
    message = models.TextField("сообщение", blank=True)
    started_at = models.DateTimeField("запущен", null=True, blank=True)
    finished_at = models.DateTimeField("завершён", null=True, blank=True)

    class Meta:
        verbose_name = "импорт решений"
        verbose_name_plural = "импорты решений"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

from django.apps import AppConfig


class ShortlistConfig(AppConfig):
    name = "shortlist"
    verbose_name = "Подборки решений"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Главная и общие страницы"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue.cache import bump_on_change
        from home.models import NocSettings

        # The footer and contact blocks of every cached page show these settings.
        bump_on_change(NocSettings)

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Поиск"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from search import signals

        signals.connect()
        post_migrate.connect(signals.fill_if_empty, sender=self, dispatch_uid="search-fill-if-empty")

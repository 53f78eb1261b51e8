from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Каталог решений"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue import cache

        cache.connect()

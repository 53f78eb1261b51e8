from django.apps import AppConfig


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = "Лаборатории и центры"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue import query
        from catalogue.importer import sections
        from labs.importer import SECTION
        from labs.query import LABS

        query.register_collection(LABS)
        sections.register(SECTION)

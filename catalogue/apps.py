from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Каталог решений"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue import cache, query
        from catalogue.importer import organizations, sections, solutions
        from catalogue.organizations import ORGANIZATIONS

        cache.connect()
        query.register_collection(ORGANIZATIONS)
        sections.register(organizations.SECTION)
        sections.register(solutions.SECTION)

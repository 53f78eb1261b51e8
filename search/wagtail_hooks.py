"""Admin: editors manage synonyms and see the queries that found nothing (popular queries and pinned results
are Wagtail's own «Поисковые запросы» / search promotions)."""
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup, ZeroResultQuery


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "Синонимы поиска"
    add_to_settings_menu = True
    list_display = ["__str__", "comment"]
    search_fields = ["terms", "comment"]


class ZeroResultQueryViewSet(SnippetViewSet):
    model = ZeroResultQuery
    icon = "warning"
    menu_label = "Запросы без результатов"
    menu_hook = "register_reports_menu_item"
    list_display = ["query_string", "misses", "last_seen"]
    ordering = ["-misses", "-last_seen"]
    inspect_view_enabled = True


register_snippet(SynonymGroupViewSet)
register_snippet(ZeroResultQueryViewSet)

"""The catalogue's categories in the Wagtail admin: one «Справочники» menu with a listing per category."""
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import Coalesce
from wagtail.admin.ui.tables import NumberColumn
from wagtail.search.backends import get_search_backend
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from catalogue.choosers import OrganizationChooserViewSet
from catalogue.models import Need, Organization, Region, Sector


class TaxonomyIndexView(IndexView):
    def search_queryset(self, queryset):
        # The search backend picks the matching rows (word forms, autocomplete) but cannot sort by the listing's
        # columns or the solution count, so the listing keeps its own ordering over the matches.
        if not self.is_searching:
            return queryset
        hits = get_search_backend().autocomplete(self.search_query, self.model.objects.all())
        return queryset.filter(pk__in=[hit.pk for hit in hits])


class TaxonomyViewSet(SnippetViewSet):
    """Shared listing: editors' order (drag and drop), search through the model's index, live solution count."""

    index_view_class = TaxonomyIndexView
    sort_order_field = "sort_order"
    ordering = ("sort_order", "name")
    list_display = [
        "name",
        "slug",
        NumberColumn("live_solution_count", label="Опубликованных решений", sort_key="live_solution_count"),
        "sort_order",
    ]

    def get_queryset(self, request):
        # One aggregate per listing instead of a count query per row; drafts are not counted.
        return self.model.objects.annotate(
            live_solution_count=Count("solutions", filter=Q(solutions__live=True), distinct=True))


class SectorViewSet(TaxonomyViewSet):
    model = Sector
    icon = "tag"


class NeedViewSet(TaxonomyViewSet):
    model = Need
    icon = "help"


class RegionViewSet(TaxonomyViewSet):
    model = Region
    icon = "site"
    list_display = [*TaxonomyViewSet.list_display[:2], "kind", "parent", *TaxonomyViewSet.list_display[2:]]
    list_filter = ["kind"]
    # Each region, then its cities in their order: sorted by the region's place, the city's place within it.
    ordering = ("region_order", "region_name", "is_city", "sort_order", "name")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            region_order=Coalesce("parent__sort_order", "sort_order"),
            region_name=Coalesce("parent__name", "name"),
            is_city=Case(When(parent=None, then=Value(0)), default=Value(1)),
        )


class OrganizationViewSet(TaxonomyViewSet):
    model = Organization
    icon = "group"
    chooser_viewset_class = OrganizationChooserViewSet  # «+ создать» in the page editor's chooser
    list_display = [*TaxonomyViewSet.list_display[:2], "kind", "role", "region", "city",
                    *TaxonomyViewSet.list_display[2:]]
    list_filter = ["kind", "role", "region"]

    def get_queryset(self, request):
        # The listing names each row's region and city: joined, not one query per row.
        return super().get_queryset(request).select_related("region", "city")


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Справочники"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    submenu_hook = "register_catalogue_menu_item"  # «Импорт решений» joins the categories (catalogue/import_admin.py)
    items = (SectorViewSet, NeedViewSet, RegionViewSet, OrganizationViewSet)


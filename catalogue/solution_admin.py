"""«Решения» in the admin menu: a flat listing of every solution (Wagtail's PageListingViewSet) with the columns
and filters editors work by — УГТ, stage, «последняя проверка», has an image, organisation."""
import django_filters
from django.db.models import Q
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from catalogue import readiness
from catalogue.models import Organization, SolutionPage


class SolutionFilterSet(PageFilterSet):
    trl = django_filters.ChoiceFilter(label="УГТ", choices=readiness.TRL_CHOICES, empty_label="любой")
    stage = django_filters.ChoiceFilter(label="Этап", method="by_stage", empty_label="любой",
                                        choices=[(stage.slug, stage.name) for stage in readiness.STAGES])
    last_verified = django_filters.DateFromToRangeFilter(label="Последняя проверка", widget=DateRangePickerWidget)
    has_image = django_filters.BooleanFilter(label="Есть изображение", method="by_image")
    organizations = django_filters.ModelChoiceFilter(label="Разработчик или партнёр",
                                                     queryset=Organization.objects.order_by("name"))

    class Meta:
        model = SolutionPage
        fields = []

    def by_stage(self, queryset, name, value):
        stage = readiness.STAGES_BY_SLUG[value]
        return queryset.filter(trl__gte=stage.trl_min, trl__lte=stage.trl_max)

    def by_image(self, queryset, name, value):
        return queryset.filter(~Q(hero_image=None) if value else Q(hero_image=None))


class SolutionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("organizations")


class OrganizationsColumn(Column):
    def get_value(self, instance):
        return ", ".join(org.name for org in instance.organizations.all()) or "—"


class SolutionListingViewSet(PageListingViewSet):
    model = SolutionPage
    index_view_class = SolutionIndexView
    icon = "doc-full-inverse"
    menu_label = "Решения"
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = SolutionFilterSet
    columns = [
        *IndexView.base_columns[:2],  # bulk actions, title
        Column("trl", label="УГТ", sort_key="trl"),
        DateColumn("last_verified", label="Последняя проверка", sort_key="last_verified"),
        Column("hero_image", label="Изображение", accessor=lambda page: "есть" if page.hero_image_id else "нет"),
        OrganizationsColumn("organizations", label="Разработчики и партнёры"),
        *(column for column in IndexView.base_columns[2:] if column.name != "type"),
    ]

"""«Отчёты → Состояние каталога» (/admin/reports/catalogue-health/): what in the catalogue needs an editor.

Per solution: «последняя проверка» older than NOC_VERIFY_MONTHS months or never set, no image, no organisation,
no contact, no body, an unpublished draft older than 30 days, and in the last 90 days the visitors' requests and
the times the solution was opened from the search page's results (search.models.SearchClick); both columns sort
the report and are exported. A moderator
confirms a solution is still true with one click («Подтвердить актуальность»): «последняя проверка» becomes
today, recorded in the page's history. The report exports to XLSX/CSV like Wagtail's own reports.
"""
import datetime

import django_filters
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import PageReportView
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from catalogue.cache import on_catalogue_change
from catalogue.models import CatalogueIndexPage, SolutionPage
from search import query_log
from search.models import SearchClick

VERIFIED_ACTION = "catalogue.verified"
DRAFT_DAYS = 30
REQUEST_DAYS = 90
REQUESTS_LABEL = f"Обращений за {REQUEST_DAYS} дней"
CLICKS_LABEL = f"Переходы из поиска, {REQUEST_DAYS} дней"

PROBLEMS = {
    "stale": "давно не проверялось",
    "never": "не проверялось",
    "no_image": "нет изображения",
    "no_organisation": "нет организации",
    "no_contact": "нет контакта",
    "no_body": "нет описания",
    "old_draft": f"черновик старше {DRAFT_DAYS} дней",
}


def verify_months():
    return getattr(settings, "NOC_VERIFY_MONTHS", 12)


def problem_filters(today=None):
    """Problem → a filter over SolutionPage; one place for the report, its filter and the dashboard panel."""
    today = today or timezone.localdate()
    return {
        "stale": Q(last_verified__lt=today - relativedelta(months=verify_months())),
        "never": Q(last_verified__isnull=True),
        "no_image": Q(hero_image__isnull=True),
        "no_organisation": Q(organizations__isnull=True),
        "no_contact": Q(contact=""),
        "no_body": Q(body=[]),
        "old_draft": Q(has_unpublished_changes=True,
                       latest_revision_created_at__lt=timezone.now() - datetime.timedelta(days=DRAFT_DAYS)),
    }


def problems_of(page, today=None):
    today = today or timezone.localdate()
    found = []
    if page.last_verified is None:
        found.append("never")
    elif page.last_verified < today - relativedelta(months=verify_months()):
        found.append("stale")
    if page.hero_image_id is None:
        found.append("no_image")
    if not page.organization_count:
        found.append("no_organisation")
    if not page.contact:
        found.append("no_contact")
    if not page.body.raw_data:
        found.append("no_body")
    if page.has_unpublished_changes and page.latest_revision_created_at and (
            page.latest_revision_created_at < timezone.now() - datetime.timedelta(days=DRAFT_DAYS)):
        found.append("old_draft")
    return [PROBLEMS[name] for name in found]


class HealthFilterSet(WagtailFilterSet):
    problem = django_filters.ChoiceFilter(label="Что не так", choices=list(PROBLEMS.items()), method="by_problem",
                                          empty_label="любая проблема")

    class Meta:
        model = SolutionPage
        fields = ["live"]

    def by_problem(self, queryset, name, value):
        return queryset.filter(problem_filters()[value]).distinct()


class VerifyColumn(Column):
    cell_template_name = "catalogue/admin/verify_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        # Cells are rendered without the request's template context, so {% csrf_token %} alone renders nothing
        # and the browser's POST was refused (403); the token and the request are passed on explicitly.
        request = parent_context["request"]
        return {**super().get_cell_context_data(instance, parent_context), "request": request,
                "csrf_token": get_token(request)}


class HealthReportView(PageReportView):
    page_title = "Состояние каталога"
    header_icon = "warning"
    index_url_name = "catalogue_health"
    index_results_url_name = "catalogue_health_results"
    results_template_name = "wagtailadmin/generic/listing_results.html"
    filterset_class = HealthFilterSet
    permission_required = "change"
    list_export = ["title", "last_verified", "problems", "recent_requests", "recent_clicks", "url"]
    export_headings = {"title": "Решение", "last_verified": "Последняя проверка", "problems": "Что не так",
                       "recent_requests": REQUESTS_LABEL, "recent_clicks": CLICKS_LABEL, "url": "Адрес"}
    default_ordering = "last_verified"

    def get_filename(self):
        return f"sostoyanie-kataloga-{timezone.localdate().isoformat()}"

    @property
    def columns(self):
        return [
            TitleColumn("title", label="Решение", url_name="wagtailadmin_pages:edit", sort_key="title"),
            Column("last_verified", label="Последняя проверка", sort_key="last_verified"),
            Column("problems", label="Что не так"),
            Column("recent_requests", label=REQUESTS_LABEL, sort_key="recent_requests"),
            Column("recent_clicks", label=CLICKS_LABEL, sort_key="recent_clicks"),
            VerifyColumn("verify", label=""),
        ]

    def get_queryset(self):
        query_log.flush()  # the clicks this process has counted but not yet written
        since = timezone.now() - datetime.timedelta(days=REQUEST_DAYS)
        pages = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        # Clicks are summed in a subquery: joined like the requests, they would be multiplied by them.
        clicks = (SearchClick.objects.filter(page=OuterRef("pk"), date__gte=timezone.localdate(since))
                  .values("page").annotate(total=Sum("clicks")).values("total"))
        self.queryset = (
            SolutionPage.objects.filter(pk__in=pages.values("pk"))
            .annotate(recent_requests=Count("requests", filter=Q(requests__created_at__gte=since), distinct=True),
                      recent_clicks=Coalesce(Subquery(clicks), 0),
                      organization_count=Count("organizations", distinct=True))
            .order_by(self.ordering, "title")
        )
        return self.queryset

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for page in object_list:
            page.problems = ", ".join(problems_of(page, today)) or "—"
            page.can_verify = page.permissions_for_user(self.request.user).can_publish()
        return object_list

    def to_row_dict(self, item):
        if not hasattr(item, "problems"):
            self.decorate_paginated_queryset([item])
        return {**super().to_row_dict(item), "url": item.full_url}


@require_POST
def verify(request, pk):
    page = get_object_or_404(SolutionPage, pk=pk)
    if not page.permissions_for_user(request.user).can_publish():
        messages.error(request, "Подтверждать актуальность могут модераторы НОЦ.")
        return redirect("catalogue_health")
    confirm_up_to_date(page, request.user)
    messages.success(request, f"Решение «{page.title}»: актуальность подтверждена "
                              f"{timezone.localdate():%d.%m.%Y}.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = reverse("catalogue_health")  # never send the moderator to another site
    return redirect(back)


def confirm_up_to_date(page, user):
    """«Последняя проверка» = today on the live page and on its draft, if any; an entry in the page history."""
    today = timezone.localdate()
    page.last_verified = today
    page.save(update_fields=["last_verified"], clean=False)
    draft = page.latest_revision
    if draft and page.has_unpublished_changes:
        draft.content["last_verified"] = today.isoformat()
        draft.save(update_fields=["content"])
    log(instance=page, action=VERIFIED_ACTION, user=user)
    on_catalogue_change()  # the public page shows «Последняя проверка»: stored answers must not keep the old date


urlpatterns = [
    path("reports/catalogue-health/", HealthReportView.as_view(), name="catalogue_health"),
    path("reports/catalogue-health/results/", HealthReportView.as_view(results_only=True),
         name="catalogue_health_results"),
    path("reports/catalogue-health/<int:pk>/verify/", verify, name="catalogue_health_verify"),
]


def attention_counts():
    """The dashboard panel's figures: solutions never or long not verified."""
    filters = problem_filters()
    solutions = SolutionPage.objects.all()
    return {"stale": solutions.filter(filters["stale"]).count(), "never": solutions.filter(filters["never"]).count()}


class HealthPanel(Component):
    name = "noc_health"
    template_name = "catalogue/admin/health_panel.html"
    order = 60  # next to the inbox panel

    def get_context_data(self, parent_context):
        return {"counts": attention_counts(), "months": verify_months()}


def add_health_panel(request, panels):
    catalogue = CatalogueIndexPage.objects.first()
    if catalogue and catalogue.permissions_for_user(request.user).can_edit():
        panels.append(HealthPanel())


class HealthMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")


def health_menu_item():
    return HealthMenuItem("Состояние каталога", reverse("catalogue_health"), name="catalogue-health",
                          icon_name="warning", order=50)

"""Editors' inbox in the Wagtail admin: requests and needs, their status with a note, history, CSV/XLSX export.

Access follows the model permissions that catalogue 0002_requests grants to the НОЦ groups (superusers have all);
a plain admin user sees neither the menu nor the listings.
"""
import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import LogFormatter, log
from wagtail.log_actions import registry as log_registry
from wagtail.permission_policies import ModelPermissionPolicy

from catalogue import cache as catalogue_cache
from catalogue.models import Need, NeedSubmission, SolutionOffer, SolutionPage, SolutionRequest
from catalogue.models.requests import STATUS_ACTION, SUBMISSION_MODELS
from catalogue.submissions.forms import plain_text
from catalogue.submissions.groups import EDITORS, MODERATORS

Status = SolutionRequest.Status
# Visitors' text that a spreadsheet would run as a formula gets a leading apostrophe in CSV (Wagtail already
# stores such cells as text in XLSX). Phones are normalised by the form to «+7 …» and are safe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CSV_SAFE_FIELDS = {"phone"}


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submissions come only from the public forms: nobody, superusers included, adds or copies them here."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "add"])


class StatusChangeFormatter(LogFormatter):
    label = "Смена статуса"

    def format_message(self, log_entry):
        data = log_entry.data
        message = f"Статус: {Status(data['from']).label} → {Status(data['to']).label}"
        if data["from"] == data["to"]:
            message = f"Примечание (статус «{Status(data['to']).label}»)"
        if "assignee" in data:
            message += f". Ответственный: {data['assignee'] or 'не назначен'}"
        return f"{message}. {data['note']}" if data.get("note") else message


class StatusHistoryPanel(Panel):
    """The status changes of this item with who made them and their notes, shown on the edit form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/admin/status_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["entries"] = (log_registry.get_logs_for_instance(self.instance)
                                  .filter(action=STATUS_ACTION).select_related("user").order_by("-timestamp"))
            return context


class StatusChangeForm(WagtailAdminModelForm):
    note = forms.CharField(label="Примечание", required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Что сделано или решено. Попадёт в историю обращения вместе с вашим именем.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the people who work the inbox (and whoever is assigned already, should they have left the groups).
        members = Q(is_active=True, groups__name__in=[EDITORS, MODERATORS])
        if self.instance.assignee_id:
            members |= Q(pk=self.instance.assignee_id)
        self.fields["assignee"].queryset = get_user_model().objects.filter(members).distinct().order_by(
            "last_name", "first_name", "username")
        self.fields["assignee"].label_from_instance = get_user_display_name


class NeedChangeForm(StatusChangeForm):
    """The inbox form of a need, with its publication on the board: only what the city asked to publish, and only
    with a public text the moderator has read."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published"):
            if not self.instance.publish_requested:
                self.add_error("published", "Город не просил публиковать эту потребность — опубликовать её нельзя.")
            if not plain_text(cleaned.get("public_text", "")):
                self.add_error("public_text", "Напишите текст для доски: без него потребность не опубликовать.")
        if "public_text" in cleaned:
            cleaned["public_text"] = plain_text(cleaned["public_text"])
        return cleaned


# What the needs board shows of a need: a change to any of them changes public pages (and the sitemap).
PUBLIC_NEED_FIELDS = ("published", "public_text", "public_status", "region_id", "city")


class SubmissionEditView(generic.EditView):
    """Saves the status (keeping closed_at true) and records the change and the note in the item's history."""

    def save_instance(self):
        instance = self.form.instance
        previous, previous_assignee = type(instance).objects.values_list("status", "assignee").get(pk=instance.pk)
        instance.set_status(self.form.cleaned_data["status"])
        if instance.status == Status.IN_PROGRESS and previous == Status.NEW and not instance.assignee_id:
            instance.assignee = self.request.user  # whoever takes a new item into work answers it
        if isinstance(instance, NeedSubmission):
            self._publish(instance)
        self.action_class(instance, user=self.request.user, form=self.form, log_action=False).execute(
            skip_permission_checks=True)
        note = self.form.cleaned_data.get("note", "").strip()
        data = {"from": previous, "to": instance.status, "note": note}
        if instance.assignee_id != previous_assignee:
            data["assignee"] = instance.assignee_name()
        if instance.status != previous or note or "assignee" in data:
            log(instance, STATUS_ACTION, user=self.request.user, data=data)
        return instance

    def _publish(self, need):
        before = NeedSubmission.objects.values(*PUBLIC_NEED_FIELDS).get(pk=need.pk)
        if need.published and not need.published_at:
            need.published_at = timezone.now()
        if before != {name: getattr(need, name) for name in PUBLIC_NEED_FIELDS}:
            # The board's pages are stored for anonymous visitors under the catalogue's generation.
            catalogue_cache.on_catalogue_change()


def _local(value):
    """Times as the admin shows them: in the site's time zone (TIME_ZONE), not UTC."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


class SubmissionIndexView(generic.IndexView):
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        datetime.datetime: {generic.IndexView.FORMAT_XLSX: _local,
                            generic.IndexView.FORMAT_CSV: lambda value: f"{_local(value):%Y-%m-%d %H:%M}"},
    }

    def get_preprocess_function(self, field, value, export_format):
        if export_format == self.FORMAT_CSV and field not in _CSV_SAFE_FIELDS and isinstance(value, str) \
                and value.startswith(_FORMULA_STARTS):
            return lambda text: "'" + text
        return super().get_preprocess_function(field, value, export_format)


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Статус", choices=Status.choices, widget=forms.RadioSelect,
                                         empty_label="Все")
    assignee = django_filters.ChoiceFilter(label="Ответственный", widget=forms.RadioSelect, empty_label="Все",
                                           choices=[("me", "мои"), ("none", "не назначен")], method="by_assignee")

    def by_assignee(self, queryset, name, value):
        return queryset.filter(assignee=self.request.user if value == "me" else None)
    city = django_filters.CharFilter(label="Город или муниципалитет", lookup_expr="icontains")
    created_at = django_filters.DateFromToRangeFilter(label="Получено", widget=DateRangePickerWidget)
    mail_state = django_filters.ChoiceFilter(label="Уведомление редакторам", widget=forms.RadioSelect,
                                             choices=SolutionRequest.MailState.choices, empty_label="Все")


class SolutionRequestFilterSet(SubmissionFilterSet):
    solution = django_filters.ModelChoiceFilter(label="Решение", queryset=SolutionPage.objects.order_by("title"))

    class Meta:
        model = SolutionRequest
        fields = ["status", "assignee", "solution", "city", "created_at", "mail_state"]


class NeedSubmissionFilterSet(SubmissionFilterSet):
    needs = django_filters.ModelChoiceFilter(label="Категория потребности",
                                             queryset=Need.objects.all())
    publish_requested = django_filters.BooleanFilter(label="Город просит опубликовать")
    published = django_filters.BooleanFilter(label="Опубликована на доске")

    class Meta:
        model = NeedSubmission
        fields = ["status", "assignee", "needs", "publish_requested", "published", "city", "created_at", "mail_state"]


class SolutionOfferFilterSet(SubmissionFilterSet):
    solution = django_filters.ModelChoiceFilter(label="Решение", queryset=SolutionPage.objects.order_by("title"))

    class Meta:
        model = SolutionOffer
        fields = ["status", "assignee", "solution", "city", "created_at", "mail_state"]


def read_only(*names):
    return [FieldPanel(name, read_only=True) for name in names]


CONTACT_PANEL = MultiFieldPanel(
    read_only("name", "organisation", "city", "role", "email", "phone"), heading="Кто обращается")
SERVICE_PANEL = MultiFieldPanel([
    FieldRowPanel(read_only("created_at", "consent_at")),
    FieldRowPanel(read_only("mail_state", "mail_attempts")),
    *read_only("mail_error"),
], heading="Служебное")
STATUS_PANEL = MultiFieldPanel([
    FieldRowPanel([FieldPanel("status"), FieldPanel("assignee")]), FieldPanel("note"),
    StatusHistoryPanel(heading="История"),
], heading="Работа с обращением")
EXPORT_HEADINGS = {
    "pk": "№", "get_status_display": "Статус", "get_role_display": "Кто обращается",
    "get_mail_state_display": "Уведомление", "created_at": "Получено", "closed_at": "Закрыто",
    "assignee_name": "Ответственный",
}
ASSIGNEE_COLUMN = Column("assignee", label="Ответственный", accessor="assignee_name")


class ContactColumn(Column):
    """E-mail and phone as links the editor clicks to answer (mailto:, tel:)."""
    cell_template_name = "catalogue/admin/contact_cell.html"


class SolutionColumn(Column):
    """The requested solution's public page (or the title it had, when the page is gone)."""
    cell_template_name = "catalogue/admin/solution_cell.html"


def new_counts(request):
    """New (unanswered) items per inbox model, counted once per request for the menu's labels."""
    if not hasattr(request, "_noc_inbox_new"):
        request._noc_inbox_new = {model: model.objects.filter(status=Status.NEW).count()
                                  for model in SUBMISSION_MODELS}
    return request._noc_inbox_new


def with_count(label, count):
    return f"{label} ({count})" if count else label


class SubmissionViewSet(ModelViewSet):
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionEditView
    copy_view_enabled = False
    add_to_reference_index = False
    search_fields = ["name", "organisation", "city", "email", "phone"]
    search_backend_name = None
    export_headings = EXPORT_HEADINGS

    @cached_property
    def menu_item_class(self):
        model = self.model

        class NewCountMenuItem(super().menu_item_class):
            """«Запросы решений (3)»: the number of new items next to the menu label."""

            def render_component(self, request):
                component = super().render_component(request)
                component.label = with_count(self.label, new_counts(request)[model])
                return component

        return NewCountMenuItem


class SolutionRequestViewSet(SubmissionViewSet):
    model = SolutionRequest
    name = "solution_requests"
    icon = "mail"
    filterset_class = SolutionRequestFilterSet
    list_display = ["__str__", SolutionColumn("solution", label="Решение"), "name",
                    ContactColumn("contact", label="Контакты"), "organisation", "status", ASSIGNEE_COLUMN,
                    "created_at"]
    list_export = ["pk", "created_at", "get_status_display", "assignee_name", "closed_at", "solution_title",
                   "solution_names",
                   "city", "organisation", "get_role_display", "name", "email", "phone", "message",
                   "get_mail_state_display"]
    export_filename = "zaprosy-resheniy"
    export_headings = {**EXPORT_HEADINGS, "solution_names": "Решения из подборки"}

    def get_index_view_kwargs(self, **kwargs):
        # The export lists the solutions of shortlist requests: one query for all rows.
        queryset = SolutionRequest.objects.prefetch_related("solutions").select_related("assignee")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)
    edit_handler = ObjectList([
        STATUS_PANEL,
        MultiFieldPanel(read_only("solution", "solution_title", "solutions", "message"), heading="Запрос"),
        CONTACT_PANEL, SERVICE_PANEL,
    ], base_form_class=StatusChangeForm)


class NeedSubmissionViewSet(SubmissionViewSet):
    model = NeedSubmission
    name = "need_submissions"
    icon = "site"
    filterset_class = NeedSubmissionFilterSet
    list_display = ["__str__", "name", ContactColumn("contact", label="Контакты"), "scale", "status",
                    "published", ASSIGNEE_COLUMN, "created_at"]
    list_export = ["pk", "created_at", "get_status_display", "assignee_name", "closed_at", "city", "need_text",
                   "need_names",
                   "get_scale_display", "get_timing_display", "organisation", "get_role_display", "name",
                   "email", "phone", "get_mail_state_display"]
    export_headings = {**EXPORT_HEADINGS, "need_names": "Категории", "get_scale_display": "Масштаб",
                       "get_timing_display": "Сроки"}
    export_filename = "potrebnosti-gorodov"

    def get_index_view_kwargs(self, **kwargs):
        # The export lists each need's categories: one query for all rows, not one per row.
        queryset = NeedSubmission.objects.prefetch_related("needs").select_related("assignee")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)
    edit_handler = ObjectList([
        STATUS_PANEL,
        MultiFieldPanel(read_only("city", "need_text", "needs", "scale", "timing"), heading="Потребность"),
        MultiFieldPanel([
            *read_only("publish_requested", "published_at"), FieldPanel("published"), FieldPanel("public_text"),
            FieldPanel("region"), FieldPanel("public_status"),
        ], heading="Доска потребностей (/needs/)"),
        CONTACT_PANEL, SERVICE_PANEL,
    ], base_form_class=NeedChangeForm)


class SolutionOfferViewSet(SubmissionViewSet):
    model = SolutionOffer
    name = "solution_offers"
    icon = "pick"
    filterset_class = SolutionOfferFilterSet
    list_display = ["__str__", SolutionColumn("solution", label="Решение"), "organisation", "name",
                    ContactColumn("contact", label="Контакты"), "status", ASSIGNEE_COLUMN, "created_at"]
    list_export = ["pk", "created_at", "get_status_display", "assignee_name", "closed_at", "need_label",
                   "solution_title",
                   "description", "city", "organisation", "name", "email", "phone", "get_mail_state_display"]
    export_headings = {**EXPORT_HEADINGS, "need_label": "Потребность", "solution_title": "Решение",
                       "description": "Описание"}
    export_filename = "predlozheniya-resheniy"
    edit_handler = ObjectList([
        STATUS_PANEL,
        MultiFieldPanel(read_only("need", "need_label", "solution", "solution_title", "description"),
                        heading="Предложение"),
        MultiFieldPanel(read_only("name", "organisation", "email", "phone"), heading="Кто предлагает"),
        SERVICE_PANEL,
    ], base_form_class=StatusChangeForm)


class InboxMenuItem(SubmenuMenuItem):
    """«Обращения (5)»: the new items of every kind this person may open."""

    def __init__(self, *args, models_by_menu_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.models_by_menu_name = models_by_menu_name

    def render_component(self, request):
        component = super().render_component(request)
        counts = new_counts(request)
        shown = [self.models_by_menu_name[item.name] for item in self.menu.menu_items_for_request(request)
                 if item.name in self.models_by_menu_name]
        component.label = with_count(self.label, sum(counts[model] for model in shown))
        return component


class InboxViewSetGroup(ModelViewSetGroup):
    menu_label = "Обращения"
    menu_icon = "mail"
    menu_order = 250
    items = (SolutionRequestViewSet, NeedSubmissionViewSet, SolutionOfferViewSet)

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        return InboxMenuItem(item.label, item.menu, name=item.name, icon_name=item.icon_name, order=item.order,
                             models_by_menu_name={menu_item.name: viewset.model for menu_item, viewset
                                                  in zip(self.get_submenu_items(), self.registerables, strict=True)})

"""Subscriptions in the Wagtail admin («Подписки» under «Обращения»'s neighbour): list, filter, delete.

Nobody adds or edits a subscription here: only the address's owner subscribes (double opt-in) and unsubscribes.
"""
import django_filters
from django import forms
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from alerts.models import Subscription


class SubscriptionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in ("add", "change")])


class SubscriptionFilterSet(WagtailFilterSet):
    confirmed = django_filters.BooleanFilter(label="Подтверждена", field_name="confirmed_at", lookup_expr="isnull",
                                             exclude=True, widget=forms.Select(choices=[
                                                 ("", "Все"), ("true", "Да"), ("false", "Нет")]))
    kind = django_filters.ChoiceFilter(label="На что", method="filter_kind", empty_label="Всё",
                                       choices=[("catalogue", "раздел каталога"), ("need", "потребность")])
    email = django_filters.CharFilter(label="Адрес содержит", lookup_expr="icontains")

    class Meta:
        model = Subscription
        fields = ["confirmed", "kind", "email"]

    def filter_kind(self, queryset, name, value):
        return queryset.filter(need__isnull=value == "catalogue")


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    name = "alert_subscriptions"
    icon = "mail"
    menu_label = "Подписки"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    filterset_class = SubscriptionFilterSet
    search_fields = ["email", "label"]
    search_backend_name = None
    list_display = ["email", "label", "confirmed_at", "last_sent_at", "created_at"]
    inspect_view_fields = ["email", "label", "query", "need", "created_at", "confirmed_at", "last_sent_at"]
    form_fields = ["email"]

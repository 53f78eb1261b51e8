from wagtail import hooks
from wagtail.permissions import register_permission_policy

from alerts.admin import SubscriptionPermissionPolicy, SubscriptionViewSet
from alerts.models import Subscription

# Registered before the viewset, which would otherwise create the default policy.
register_permission_policy(Subscription, SubscriptionPermissionPolicy(Subscription))
hooks.register("register_admin_viewset", lambda: SubscriptionViewSet())

"""Admin registrations of the catalogue: the «Справочники» categories and import, the «Обращения» inbox."""
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from catalogue import editor_guide, health, import_admin, organizations
from catalogue.models import NeedSubmission, SolutionOffer, SolutionRequest
from catalogue.solution_admin import SolutionListingViewSet
from catalogue.submissions import admin as inbox
from catalogue.submissions.dashboard import add_inbox_panel
from catalogue.taxonomy_admin import TaxonomyGroup

register_snippet(TaxonomyGroup)

# Registered before the viewsets, which would otherwise create the default policy for these models.
register_permission_policy(SolutionRequest, inbox.SubmissionPermissionPolicy(SolutionRequest))
register_permission_policy(NeedSubmission, inbox.SubmissionPermissionPolicy(NeedSubmission))
register_permission_policy(SolutionOffer, inbox.SubmissionPermissionPolicy(SolutionOffer))
hooks.register("register_admin_viewset", inbox.InboxViewSetGroup)
hooks.register("construct_homepage_panels", add_inbox_panel)
hooks.register("register_admin_urls", lambda: import_admin.urlpatterns)
hooks.register(TaxonomyGroup.submenu_hook, import_admin.import_menu_item)
hooks.register("register_admin_urls", lambda: health.urlpatterns)
hooks.register("register_admin_viewset", lambda: SolutionListingViewSet("solutions"))
hooks.register("register_reports_menu_item", health.health_menu_item)
hooks.register("construct_homepage_panels", health.add_health_panel)
hooks.register("register_admin_urls", lambda: editor_guide.urlpatterns)
hooks.register("register_help_menu_item", editor_guide.guide_menu_item)
hooks.register(organizations.PROFILE_SECTIONS_HOOK, organizations.deployments_section)
hooks.register("construct_help_menu", editor_guide.drop_external_guides)


@hooks.register("register_log_actions")
def register_inbox_log_actions(actions):
    actions.register_action(inbox.STATUS_ACTION)(inbox.StatusChangeFormatter)
    actions.register_action(health.VERIFIED_ACTION, "Актуальность подтверждена", "Актуальность подтверждена")

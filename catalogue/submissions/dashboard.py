"""The admin dashboard panel with the number of new requests and needs, for those allowed to open them."""
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from catalogue.models import NeedSubmission, SolutionOffer, SolutionRequest

INBOX = ((SolutionRequest, "solution_requests:index"), (NeedSubmission, "need_submissions:index"),
         (SolutionOffer, "solution_offers:index"))


class InboxPanel(Component):
    name = "noc_inbox"
    template_name = "catalogue/admin/inbox_panel.html"
    # Above Wagtail's own panels (workflow tasks start at 210): a new request is the most urgent thing here.
    order = 50

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


def inbox_rows(user):
    rows = []
    for model, url_name in INBOX:
        if policy_registry.get_by_type(model).user_has_any_permission(user, ["view", "change"]):
            rows.append({"label": capfirst(model._meta.verbose_name_plural), "url": reverse(url_name),
                         "count": model.objects.filter(status=model.Status.NEW).count(),
                         # Stored but not yet announced by mail: `manage.py retry_submission_mail` resends.
                         "undelivered": model.objects.filter(mail_state=model.MailState.FAILED).count()})
    return rows


def add_inbox_panel(request, panels):
    if rows := inbox_rows(request.user):
        panels.append(InboxPanel(rows))

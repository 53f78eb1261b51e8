"""Editors' notification of a new request or need. Runs after the item is stored; a mail failure is recorded
on the item and logged, never raised, so nothing a visitor sent is lost (`manage.py retry_submission_mail`).

The mail names the solution, the city and the organisation and links to the admin; the person's name, contacts
and message stay in the admin, where only the НОЦ groups can read them.
"""
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder

from catalogue.submissions.groups import MODERATORS

logger = logging.getLogger(__name__)


def recipients():
    """NOC_NOTIFY_EMAILS plus the active moderators who have an address, each once."""
    moderators = (get_user_model().objects.filter(is_active=True, groups__name=MODERATORS)
                  .exclude(email="").values_list("email", flat=True))
    return list(dict.fromkeys([*settings.NOC_NOTIFY_EMAILS, *moderators]))


def build_message(submission, to):
    admin_url = settings.WAGTAILADMIN_BASE_URL + AdminURLFinder().get_edit_url(submission)
    body = render_to_string("catalogue/submission_notification.txt",
                            {"submission": submission, "admin_url": admin_url})
    return EmailMessage(subject=f"Новое обращение: {submission}", body=body, to=to)


def notify_editors(submission):
    """Mail the editors about a stored submission and record the outcome on it."""
    to = recipients()
    if not to:
        logger.warning("%s stored, but nobody to notify: set NOC_NOTIFY_EMAILS", submission)
        return _record(submission, submission.MailState.NO_RECIPIENTS)
    submission.mail_attempts += 1
    try:
        build_message(submission, to).send()
    except Exception as error:  # SMTP, DNS, TLS, timeouts: whatever the backend raises, the item is kept
        logger.exception("Notification about %s failed (attempt %s)", submission, submission.mail_attempts)
        return _record(submission, submission.MailState.FAILED, error=f"{type(error).__name__}: {error}")
    logger.info("Notification about %s sent to %s recipient(s)", submission, len(to))
    return _record(submission, submission.MailState.SENT)


def _record(submission, state, error=""):
    submission.mail_state = state
    submission.mail_error = error[:500]
    if state == submission.MailState.SENT:
        submission.mail_sent_at = timezone.now()
    submission.save(update_fields=["mail_state", "mail_error", "mail_attempts", "mail_sent_at"])
    return state

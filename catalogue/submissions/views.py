"""Public views: «Запросить решение» on a solution page and «Заявить потребность» at /needs/submit/.

A filled honeypot gets a normal-looking answer, nothing is stored and it is not counted (a bot's burst must not
lock out the genuine visitors who share its address); every other POST is
counted against the per-client limit; a valid form is stored, then the editors are notified (see notify.py).
"""
import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from catalogue.models import NeedSubmission, Region
from catalogue.submissions.forms import NeedSubmissionForm, SolutionRequestForm
from catalogue.submissions.matching import matching_solutions
from catalogue.submissions.notify import notify_editors
from catalogue.submissions.ratelimit import ip_hash, over_limit

logger = logging.getLogger(__name__)
NEED_REF_SALT = "catalogue.need-submission"
# The page with the matches may be reloaded or shared by the city team for a day.
NEED_REF_MAX_AGE = 24 * 3600


# Pages with a CSRF token or a visitor's own text must never come out of a shared cache.
@never_cache
def request_solution(request, page):
    """The request form of one solution (routed from SolutionPage at <solution url>request/)."""
    sent_url = page.url + page.reverse_subpage("request_sent")
    form = SolutionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            logger.info("Honeypot filled on the request form of %s; nothing stored", page.slug)
            return redirect(sent_url)
        if over_limit(request):
            return rate_limited(request)
        if receive(request, form, solution=page, solution_title=page.title):
            return redirect(sent_url)
    return TemplateResponse(request, "catalogue/solution_request_form.html",
                            {"page": page, "form": form, **form_context()})


def request_sent(request, page):
    return TemplateResponse(request, "catalogue/solution_request_sent.html", {"page": page})


@never_cache
def submit_need(request):
    form = NeedSubmissionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            logger.info("Honeypot filled on the need form; nothing stored")
            return TemplateResponse(request, "catalogue/need_submission_sent.html", {})
        if over_limit(request):
            return rate_limited(request)
        submission = receive(request, form)
        if submission:
            ref = signing.dumps(submission.pk, salt=NEED_REF_SALT)
            return redirect(f"{reverse('need_submitted')}?ref={ref}")
    return TemplateResponse(request, "catalogue/need_submission_form.html", {"form": form, **form_context()})


@never_cache
def need_submitted(request):
    """Thanks, and the catalogue's best matches for the need just stated."""
    try:
        pk = signing.loads(request.GET.get("ref", ""), salt=NEED_REF_SALT, max_age=NEED_REF_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404("Ссылка устарела или повреждена") from error
    submission = get_object_or_404(NeedSubmission, pk=pk)
    return TemplateResponse(request, "catalogue/need_submission_sent.html",
                            {"submission": submission, "matches": matching_solutions(submission)})


def receive(request, form, *, related=None, **extra):
    """Store a valid submission, then notify the editors. Returns it, or None when the form has errors.
    `extra` sets fields, `related` many-to-many relations ({"solutions": [...]}) before the mail is written."""
    if not form.is_valid():
        return None
    submission = form.save(commit=False)
    for name, value in extra.items():
        setattr(submission, name, value)
    submission.ip_hash = ip_hash(request)
    submission.consent_at = timezone.now()
    with transaction.atomic():
        submission.save()
        form.save_m2m()
        for name, values in (related or {}).items():
            getattr(submission, name).set(values)
    notify_editors(submission)
    return submission


def rate_limited(request):
    response = TemplateResponse(request, "catalogue/submission_rate_limited.html",
                                {"window_minutes": settings.NOC_SUBMISSION_WINDOW_SECONDS // 60}, status=429)
    response["Retry-After"] = str(settings.NOC_SUBMISSION_WINDOW_SECONDS)
    return response


def form_context():
    """City names the browser offers while typing (a <datalist>: works without JS, any text is accepted)."""
    return {"city_suggestions": Region.objects.filter(kind=Region.Kind.CITY).values_list("name", flat=True)}

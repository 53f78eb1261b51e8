"""Subscribe (a form with CSRF and the public forms' rate limit), confirm, unsubscribe.

The catalogue's pages are stored whole for anonymous visitors, so they carry a plain link to the form here rather
than a form with a CSRF token. The confirmation and unsubscribe links are capabilities: whoever holds the
unguessable token may use it, no login needed; their answers are never stored by any cache.
"""
import logging

from django.db import transaction
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from alerts import mail
from alerts.forms import SubscribeForm
from alerts.models import Subscription
from catalogue.query import CatalogueQuery, CatalogueQueryError, carried_params
from catalogue.submissions.board import published_needs
from catalogue.submissions.ratelimit import ip_hash, over_limit
from catalogue.submissions.views import rate_limited

logger = logging.getLogger(__name__)
CONSENT_PURPOSE = "Адрес нужен только для писем о новых решениях; отписаться можно из любого письма."


def canonical_query(params):
    """The catalogue filters of a query string in one spelling (sorted, no sort order or page), or raise
    CatalogueQueryError."""
    kept = QueryDict(carried_params(params, drop=("sort",)), mutable=True)
    query = CatalogueQuery.from_params(kept)
    canonical = QueryDict(mutable=True)
    for key in sorted(kept):
        canonical.setlist(key, sorted(set(kept.getlist(key))))
    label = "; ".join(query.describe()) or "весь каталог"
    return canonical.urlencode(), f"Каталог: {label}"


@never_cache
def subscribe_catalogue(request):
    source = request.POST if request.method == "POST" else request.GET
    try:
        query, label = canonical_query(QueryDict(source.get("query", "")) if request.method == "POST"
                                       else request.GET)
    except CatalogueQueryError as error:
        return TemplateResponse(request, "alerts/subscribe.html", {"errors": error.errors}, status=400)
    return _subscribe(request, {"query": query, "label": label})


@never_cache
def subscribe_need(request, pk):
    need = get_object_or_404(published_needs(), pk=pk)
    return _subscribe(request, {"need": need, "label": need.public_title()})


def _subscribe(request, target):
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            logger.info("Honeypot filled on the subscription form; nothing stored")
            return redirect("alerts_sent")
        if over_limit(request):
            return rate_limited(request)
        if form.is_valid():
            _store_and_confirm(request, form.cleaned_data["email"], target)
            return redirect("alerts_sent")
    return TemplateResponse(request, "alerts/subscribe.html", {
        "form": form, "target": target, "consent_purpose": CONSENT_PURPOSE})


def _store_and_confirm(request, email, target):
    """A confirmed subscription to the same view gets nothing; any other gets (again) only the confirmation.
    The answer is the same either way, so the form tells nobody who is subscribed to what."""
    lookup = {"email__iexact": email, "query": target.get("query", ""), "need": target.get("need")}
    with transaction.atomic():
        subscription = Subscription.objects.filter(**lookup).first()
        if subscription and subscription.confirmed_at:
            return
        if subscription is None:
            subscription = Subscription.objects.create(email=email, ip_hash=ip_hash(request), **target)
    try:
        mail.confirmation(subscription).send()
    except Exception:  # the visitor can ask again; the unconfirmed row expires by itself
        logger.exception("Confirmation mail for subscription %s failed", subscription.pk)


def subscribe_sent(request):
    return TemplateResponse(request, "alerts/sent.html", {})


@never_cache
def confirm(request, token):
    subscription = (Subscription.objects.filter(token=token).exclude(pk__in=Subscription.objects.unconfirmed_expired()
                                                                       .values("pk")).first())
    if subscription is None:
        return TemplateResponse(request, "alerts/link_invalid.html", {}, status=404)
    if subscription.confirmed_at is None:
        now = timezone.now()
        subscription.confirmed_at = subscription.last_sent_at = now
        subscription.save(update_fields=["confirmed_at", "last_sent_at"])
    return TemplateResponse(request, "alerts/confirmed.html", {
        "subscription": subscription, "unsubscribe_url": mail.link("alerts_unsubscribe", subscription)})


@never_cache
@csrf_exempt  # the token is the authority (and mail programs' one-click POST carries no CSRF token)
def unsubscribe(request, token):
    """The mail's link opens a page with one «Отписаться» button; its POST (or a mail program's RFC 8058
    one-click POST) deletes the subscription and its address at once. A GET changes nothing, so a mail scanner
    that opens every link cannot unsubscribe anyone."""
    subscription = Subscription.objects.filter(token=token).first()
    if request.method != "POST":
        return TemplateResponse(request, "alerts/unsubscribe.html", {"subscription": subscription},
                                status=200 if subscription else 404)
    deleted = subscription.delete()[0] if subscription else 0
    return TemplateResponse(request, "alerts/unsubscribed.html", {"deleted": bool(deleted)})

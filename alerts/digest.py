"""The daily digest: for every confirmed subscription, the solutions of its view published or updated since the
last digest it got.

Subscriptions with the same view (the same catalogue filters or the same need) share one CatalogueQuery, so the
number of queries grows with the number of distinct views, not with the number of subscribers. Running it twice
sends nothing the second time: each subscription remembers up to when changes were reported (`last_sent_at`,
set to the moment the run started, and only for the addresses whose mail went out).
"""
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone

from alerts import mail
from alerts.models import Subscription
from catalogue.models import CatalogueIndexPage
from catalogue.query import CatalogueQuery, CatalogueQueryError

logger = logging.getLogger(__name__)
# A digest names at most this many solutions and links to the view for the rest.
DIGEST_LIMIT = 20


@dataclass
class Item:
    title: str
    url: str
    summary: str
    is_new: bool
    changed_at: object


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    purged: int = 0


def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.SITE_BASE_URL + url


def changed_since(filters, since):
    """The view's solutions published or republished after `since`, newest first."""
    solutions = (CatalogueQuery(filters).matching().filter(last_published_at__gt=since)
                 .order_by("-last_published_at", "pk")
                 .only("title", "summary", "url_path", "first_published_at", "last_published_at"))
    return [Item(solution.title, absolute(solution.get_url()), solution.summary,
                 solution.first_published_at is not None and solution.first_published_at > since,
                 solution.last_published_at) for solution in solutions]


def view_url(subscription, catalogue_path):
    if subscription.need_id:
        return absolute(subscription.need.get_absolute_url())
    return absolute(catalogue_path + (f"?{subscription.query}" if subscription.query else ""))


def send_alerts(now=None):
    now = now or timezone.now()
    outcome = Outcome(purged=Subscription.objects.unconfirmed_expired(now).delete()[0])
    subscriptions = list(Subscription.objects.confirmed().select_related("need").prefetch_related("need__needs"))
    views = defaultdict(list)
    for subscription in subscriptions:
        if subscription.is_live():
            views[subscription.view_key].append(subscription)
        else:
            outcome.skipped += 1
    index = CatalogueIndexPage.objects.live().first()
    catalogue_path = index.get_url() if index else "/catalogue/"
    letters = []
    for group in views.values():
        try:
            filters = group[0].filters()
        except CatalogueQueryError as error:  # a category renamed or removed since the subscription
            logger.warning("Subscriptions to %s skipped: %s", group[0].view_key, error)
            outcome.skipped += len(group)
            continue
        changed = changed_since(filters, min(subscription.last_sent_at or now for subscription in group))
        for subscription in group:
            items = [item for item in changed if item.changed_at > (subscription.last_sent_at or now)]
            if items:
                letters.append((subscription, mail.digest(subscription, items[:DIGEST_LIMIT],
                                                          view_url(subscription, catalogue_path))))
    reported = [subscription.pk for group in views.values() for subscription in group]
    failed = set()
    with get_connection() as connection:
        for subscription, letter in letters:
            letter.connection = connection
            try:
                letter.send()
            except Exception:  # this address is retried next run; the others are done
                logger.exception("Digest for subscription %s failed", subscription.pk)
                failed.add(subscription.pk)
    outcome.sent, outcome.failed = len(letters) - len(failed), len(failed)
    Subscription.objects.filter(pk__in=[pk for pk in reported if pk not in failed]).update(last_sent_at=now)
    return outcome

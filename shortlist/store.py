"""The visitor's shortlist: found through the session, kept in the database.

The session holds the shortlist's key and the ids of its solutions (so the header can show the count without a
query); the database holds the items and their notes, so a shortlist outlives a restart of the server.
Every change goes through this module, which keeps the two in step.
"""
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from catalogue.query import CatalogueQuery, full_data, with_card_data
from shortlist.models import MAX_ITEMS, Shortlist, ShortlistItem

SESSION_KEY = "shortlist"
# A programme is written over months: an anonymous visitor's session lives this long once it holds a shortlist
# (editors' sessions keep the site's eight hours). «Поделиться» gives a link that never expires.
SESSION_AGE = timedelta(days=90)

ADDED = "«{title}» добавлено в подборку."
ALREADY = "«{title}» уже есть в подборке."
REMOVED = "«{title}» убрано из подборки."
FULL = (f"В подборке уже {MAX_ITEMS} решений — это предел. "
        "Уберите из неё то, что не нужно, и добавьте новое.")
COPIED = "Решения из общей подборки добавлены в вашу: {count}."
COPIED_PARTLY = (f"Добавлено {{count}}, остальные не поместились: в подборке не больше {MAX_ITEMS} решений.")


class ShortlistFull(Exception):
    pass


def has_session(request):
    """Whether the visitor has a session at all: pages must not touch (and so vary on) a session that is not there."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def session_ids(request):
    """The ids of the solutions in the visitor's shortlist, as the session remembers them (no query of its own)."""
    if not has_session(request) and not request.session.modified:
        return []
    return (request.session.get(SESSION_KEY) or {}).get("ids", [])


def current(request):
    """The visitor's shortlist, or None."""
    data = request.session.get(SESSION_KEY) if has_session(request) else None
    if not data:
        return None
    return Shortlist.objects.filter(key=data["key"], is_snapshot=False).first()


def own(request):
    """The visitor's shortlist, created on first use."""
    shortlist = current(request)
    if shortlist is None:
        shortlist = Shortlist.objects.create()
        if not request.user.is_authenticated:
            request.session.set_expiry(SESSION_AGE)
        remember(request, shortlist, ids=[])
    return shortlist


def remember(request, shortlist, ids=None):
    if ids is None:
        ids = list(shortlist.items.values_list("solution_id", flat=True))
    request.session[SESSION_KEY] = {"key": shortlist.key, "ids": ids}


def live_solution(pk):
    """A live, public solution by id (the same rule as every list of the catalogue), or None."""
    return CatalogueQuery().filtered().filter(pk=pk).first()


def add(request, solution):
    """Add a solution; returns True if added, False if it was there already; raises ShortlistFull at the limit."""
    shortlist = own(request)
    with transaction.atomic():
        if shortlist.items.filter(solution=solution).exists():
            return False
        if shortlist.items.count() >= MAX_ITEMS:
            raise ShortlistFull
        try:
            with transaction.atomic():
                ShortlistItem.objects.create(shortlist=shortlist, solution=solution)
        except IntegrityError:  # the same solution added twice at once (a double click)
            return False
    shortlist.save(update_fields=["updated_at"])
    remember(request, shortlist)
    return True


def remove(request, solution_id):
    shortlist = current(request)
    if shortlist is None:
        return False
    deleted, _ = shortlist.items.filter(solution_id=solution_id).delete()
    remember(request, shortlist)
    return bool(deleted)


def copy_into_own(request, source):
    """Copy a shared snapshot's items (with their notes) into the visitor's shortlist, up to the limit.
    Returns (copied, left out)."""
    shortlist = own(request)
    have = set(shortlist.items.values_list("solution_id", flat=True))
    room = max(MAX_ITEMS - len(have), 0)
    new = [item for item in source.items.all() if item.solution_id not in have]
    ShortlistItem.objects.bulk_create([
        ShortlistItem(shortlist=shortlist, solution_id=item.solution_id, note=item.note) for item in new[:room]])
    if not shortlist.city and source.city:
        shortlist.city = source.city
    shortlist.save()
    remember(request, shortlist)
    return min(len(new), room), max(len(new) - room, 0)


def snapshot(shortlist):
    """A read-only copy under a new key: later changes to the shortlist do not reach the shared link."""
    with transaction.atomic():
        copy = Shortlist.objects.create(is_snapshot=True, city=shortlist.city)
        ShortlistItem.objects.bulk_create([
            ShortlistItem(shortlist=copy, solution_id=item.solution_id, note=item.note, added_at=item.added_at)
            for item in shortlist.items.all()])
    return copy


def entries(shortlist):
    """The shortlist's items whose solutions are still live, in the order added, each with its solution and every
    category fetched: a fixed number of queries however many items there are."""
    if shortlist is None:
        return []
    items = list(shortlist.items.all())
    solutions = with_card_data(
        CatalogueQuery().filtered().filter(pk__in=[item.solution_id for item in items]), full_data()).in_bulk()
    shown = []
    for item in items:
        if item.solution_id in solutions:
            item.solution = solutions[item.solution_id]
            shown.append(item)
    return shown

"""Cached answers about the live catalogue that are never stale.

Every key carries the catalogue's «generation», a number bumped whenever something that an answer depends on
changes: a solution is published, unpublished or deleted; a sector, need, region, organisation or keyword is
renamed or removed (their names appear in facets); a view restriction or a search synonym changes (they change
which solutions match). An entry written under an older generation is never read again and expires by itself.
"""
import hashlib
import json
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from catalogue.models import Need, Organization, Region, Sector, SolutionPage
from search.models import SynonymGroup

GENERATION_KEY = "catalogue:generation"
# Models whose rows shape an answer but which are edited without publishing a solution.
EDITED_MODELS = (Sector, Need, Region, Organization, Tag, SynonymGroup, PageViewRestriction)


def _fresh_generation():
    # Started from the clock, not 1: if the cache evicts the counter, numbers handed out before cannot recur.
    return time.time_ns()


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter was evicted or never set
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def key(name, parameters):
    """The cache key of an answer about the catalogue as it is now: the next change makes a different one."""
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()
    return f"catalogue:{generation()}:{name}:{digest}"


def remember(name, parameters, compute):
    """`compute()`, or its result stored for the same name and parameters in the current generation."""
    return cache.get_or_set(key(name, parameters), compute)


def on_catalogue_change(**kwargs):
    # Now, so that later reads in the same transaction see the change; and again after commit, because a
    # request that read the old rows in between may have stored them under the number bumped now.
    bump()
    transaction.on_commit(bump)


def connect():
    page_published.connect(on_catalogue_change, sender=SolutionPage, dispatch_uid="catalogue-cache-published")
    page_unpublished.connect(on_catalogue_change, sender=SolutionPage, dispatch_uid="catalogue-cache-unpublished")
    post_delete.connect(on_catalogue_change, sender=SolutionPage, dispatch_uid="catalogue-cache-deleted")
    for model in EDITED_MODELS:
        label = model._meta.label
        post_save.connect(on_catalogue_change, sender=model, dispatch_uid=f"catalogue-cache-save-{label}")
        post_delete.connect(on_catalogue_change, sender=model, dispatch_uid=f"catalogue-cache-delete-{label}")

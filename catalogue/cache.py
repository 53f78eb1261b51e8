"""Cached answers about the live site that are never stale.

Every key carries the site's «generation», a number bumped whenever something that an answer depends on
changes: any page is published, unpublished, moved or deleted; a sector, need, region, organisation or keyword is
renamed or removed (their names appear in facets); a view restriction, a search synonym or a pinned result changes
(they change which solutions match); the search dictionary and documents are rebuilt (`rebuild_search_vocabulary`:
cached search results came from the old ones); an image or document is edited (pages show them). Other apps
connect their own public models with `bump_on_change` (home's site settings). An entry written under an older
generation is never read again and expires by itself.
"""
import hashlib
import json
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.models import Need, NeedSubmission, Organization, Region, Sector
from search.models import SynonymGroup
from search.signals import search_data_rebuilt

GENERATION_KEY = "catalogue:generation"
# Set inside `one_generation()`: a list holding the generation once it has been read in the block.
_request_generation = ContextVar("catalogue_request_generation", default=None)
# Set inside `deferred_bumps()`: a one-item list that records whether a bump was asked for.
_deferred_bump = ContextVar("catalogue_deferred_bump", default=None)
# Models whose rows shape an answer but which are edited without publishing a page.
EDITED_MODELS = (Sector, Need, Region, Organization, Tag, SynonymGroup, SearchPromotion, PageViewRestriction,
                 Site)


def _fresh_generation():
    # Started from the clock, not 1: if the cache evicts the counter, numbers handed out before cannot recur.
    return time.time_ns()


def generation():
    """The current generation; inside `one_generation()` read from the cache once for the whole block."""
    memo = _request_generation.get()
    if memo:
        return memo[0]
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    if memo is not None:
        memo.append(value)
    return value


@contextmanager
def one_generation():
    """Every key made inside the block (one request: catalogue.response_cache's middleware) uses the generation
    read first in it — a page's parts all come from one state of the site, and a first-time search page asks the
    cache for it once instead of a dozen times. A change made inside the block is seen at once (`bump` forgets it)."""
    token = _request_generation.set([])
    try:
        yield
    finally:
        _request_generation.reset(token)


def _deferring():
    """Inside `deferred_bumps()`: note that a bump is due at its end, and say so."""
    deferred = _deferred_bump.get()
    if deferred is not None:
        deferred[0] = True
    return deferred is not None


def bump():
    if _deferring():
        return
    memo = _request_generation.get()
    if memo:
        memo.clear()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter was evicted or never set
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


@contextmanager
def deferred_bumps():
    """Changes inside the block bump the generation once, as the block ends, instead of once per save.

    For bulk writes in one transaction (an import publishes thousands of pages): nobody outside the transaction
    can see its changes before the commit, and the bump after the commit covers them all.
    """
    deferred = [False]
    token = _deferred_bump.set(deferred)
    try:
        yield
    finally:
        _deferred_bump.reset(token)
        if deferred[0]:
            on_catalogue_change()


def key(name, parameters):
    """The cache key of an answer about the catalogue as it is now: the next change makes a different one."""
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()
    return f"catalogue:{generation()}:{name}:{digest}"


def remember(name, parameters, compute):
    """`compute()`, or its result stored for the same name and parameters in the current generation."""
    return cache.get_or_set(key(name, parameters), compute)


def on_catalogue_change(**kwargs):
    if _deferring():
        return
    # Now, so that later reads in the same transaction see the change; and again after commit, because a
    # request that read the old rows in between may have stored them under the number bumped now.
    bump()
    transaction.on_commit(bump)


def on_page_delete(instance, **kwargs):
    if isinstance(instance, Page):
        on_catalogue_change()


def on_need_delete(instance, **kwargs):
    """A need on the public board (/needs/, the sitemap) is gone: the stored pages showing it are stale."""
    if instance.published:
        on_catalogue_change()


def bump_on_change(model):
    label = model._meta.label
    post_save.connect(on_catalogue_change, sender=model, dispatch_uid=f"catalogue-cache-save-{label}")
    post_delete.connect(on_catalogue_change, sender=model, dispatch_uid=f"catalogue-cache-delete-{label}")


def connect():
    # Every page type: a home page or an article is cached as a whole response too.
    page_published.connect(on_catalogue_change, dispatch_uid="catalogue-cache-published")
    page_unpublished.connect(on_catalogue_change, dispatch_uid="catalogue-cache-unpublished")
    post_page_move.connect(on_catalogue_change, dispatch_uid="catalogue-cache-moved")
    post_delete.connect(on_page_delete, dispatch_uid="catalogue-cache-deleted")
    post_delete.connect(on_need_delete, sender=NeedSubmission, dispatch_uid="catalogue-cache-need-deleted")
    search_data_rebuilt.connect(on_catalogue_change, dispatch_uid="catalogue-cache-search-rebuilt")
    for model in (*EDITED_MODELS, get_image_model(), get_document_model()):
        bump_on_change(model)

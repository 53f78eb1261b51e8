"""Whole responses of the public site, kept for anonymous visitors until the catalogue changes.

A page, a catalogue view, an API answer or a feed that an anonymous visitor asked for is stored under the
catalogue's generation (catalogue/cache.py) and the address asked for. The next visitor to ask for the same address
gets the stored answer without a database query; any publication, unpublication, deletion, move or edit that can
change a public answer bumps the generation, so the next request renders afresh. RESPONSE_CACHE_SECONDS only
bounds how long an entry lives (and how stale a process-local cache may get when several processes share no
Redis); 0 switches the cache off.

Stored: 200 answers to GET requests, not streamed, setting no cookie, not marked private or no-cache, outside the
admin. Skipped both ways: requests from a signed-in or flashed visitor (a session or messages cookie), whose pages
carry their own name, user bar or message. A view whose every request must reach it (the search page logs each
query) is marked with `@uncached`.
"""
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from catalogue import cache as catalogue_cache

PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


def uncached(view):
    """Marks a view's responses as never stored, without telling browsers anything."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.response_cache_exempt = True
        return response

    return wrapper


def is_admin(path):
    try:
        return path.startswith(reverse("wagtailadmin_home"))
    except NoReverseMatch:  # a URL configuration without the admin (some tests)
        return False


def is_cacheable_request(request):
    return (request.method in ("GET", "HEAD")
            and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
            and not is_admin(request.path_info))


def is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "").lower()
    return (response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(response, "response_cache_exempt", False)
            and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES))


def answer_from_store(request, response):
    """The stored answer, or 304 Not Modified to a reader that already holds it (feeds send validators)."""
    etag = response.get("ETag")
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if etag or last_modified:
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    return response


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with catalogue_cache.one_generation():
            return self.answer(request)

    def answer(self, request):
        timeout = settings.RESPONSE_CACHE_SECONDS
        if not timeout or not is_cacheable_request(request):
            return self.get_response(request)
        # Read before the page is built: an answer built while a publication commits is stored under the
        # number that publication has already replaced, so nobody is served it.
        # The whole address, scheme and host included: absolute links in feeds and metadata depend on them.
        key = catalogue_cache.key("response", {"address": request.build_absolute_uri()})
        stored = cache.get(key)
        if stored is not None:
            return answer_from_store(request, stored)
        response = self.get_response(request)
        if request.method == "GET" and is_cacheable_response(response):
            cache.set(key, response, timeout)
        return response

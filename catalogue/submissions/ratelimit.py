"""A per-client limit on public submissions, counted in Django's cache. The address itself is never stored.

The client is the one the login lockout counts (django-axes' resolution of AXES_IPWARE_META_PRECEDENCE_ORDER):
behind nginx (BEHIND_PROXY=true) the right-most address of X-Forwarded-For, the one nginx appended; otherwise
the connecting address. Without that, every visitor behind the proxy would share 127.0.0.1 and one burst would
lock everyone out.
"""
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_address(request):
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def ip_hash(request):
    """A keyed hash of the client address: enough to count and to spot abuse, useless to identify anyone."""
    address = client_address(request)
    return salted_hmac("catalogue.submissions.ip", address).hexdigest()[:32] if address else ""


def over_limit(request):
    """Count this attempt; True once the client has made more than the allowed number within the window."""
    key = f"catalogue:submissions:{ip_hash(request)}"
    window = settings.NOC_SUBMISSION_WINDOW_SECONDS
    if cache.add(key, 1, window):
        return settings.NOC_SUBMISSION_LIMIT < 1
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add() and incr(): a new window starts
        cache.set(key, 1, window)
        attempts = 1
    return attempts > settings.NOC_SUBMISSION_LIMIT

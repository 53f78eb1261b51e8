"""A per-address limit on public submissions, counted in Django's cache. The address itself is never stored."""
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def ip_hash(request):
    """A keyed hash of the client address: enough to count and to spot abuse, useless to identify anyone."""
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("catalogue.submissions.ip", address).hexdigest()[:32] if address else ""


def over_limit(request):
    """Count this attempt; True once the address has made more than the allowed number within the window."""
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

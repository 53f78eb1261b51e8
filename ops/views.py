from django.conf import settings
from django.shortcuts import render


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Russian page saying how long to wait (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "ops/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE)

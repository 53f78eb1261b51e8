from django.conf import settings
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views import defaults

from ops.uploads import UploadTooLarge


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Russian page saying how long to wait (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "ops/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE)


def bad_request(request, exception=None):
    """handler400: an upload over the cap (ops/uploads.py) gets a Russian page naming the limit (413 Content Too
    Large); any other bad request Django's usual 400."""
    if isinstance(exception, UploadTooLarge):
        megabytes = settings.NOC_MAX_UPLOAD_SIZE // (1024 * 1024)
        return render(request, "ops/upload_too_large.html", {"megabytes": megabytes}, status=413)
    return defaults.bad_request(request, exception)


def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page's <link rel="icon"> says."""
    return redirect(static("img/favicon.ico"), permanent=True)

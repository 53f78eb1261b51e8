"""Absolute URLs on the Wagtail Site's root URL (Settings → Sites), as Wagtail's own sitemap and page URLs use,
so a feed, a canonical link and the sitemap always name the same address for a page."""
from wagtail.models import Site


def absolute_url(request, path):
    """`path` on the public address of this request's Wagtail site; absolute URLs (a media CDN) stay as they are."""
    if path.startswith(("http://", "https://")):
        return path
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    return root + path

"""Sitemap dates for pages that list other pages (the home page, the catalogue)."""
from django.db.models import Max
from wagtail.models import Page


class ListingSitemapMixin:
    """A listing changes whenever a page beneath it is published, so its sitemap `lastmod` is the latest of its
    own publication and its descendants'. Without this, the home page and the catalogue that the site-tree
    migration creates would carry no date at all until an editor republishes them."""

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        latest_below = (Page.objects.descendant_of(self).live().public()
                        .aggregate(latest=Max("last_published_at"))["latest"])
        for url in urls:
            dates = [date for date in (url.get("lastmod"), latest_below) if date]
            if dates:
                url["lastmod"] = max(dates)
        return urls

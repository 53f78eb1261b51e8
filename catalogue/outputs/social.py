"""What a link to a page looks like when shared (OpenGraph, Twitter card): title, description, canonical URL
and a 1200×630 rendition of the hero image.
"""
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

from catalogue.outputs.addresses import absolute_url

SHARE_RENDITION = "fill-1200x630"
DESCRIPTION_LENGTH = 200
DEFAULT_DESCRIPTION = "Каталог готовых технологических решений для шахтёрских городов"
# The page fields that can describe a page, best first: the editor's SEO text, then what each type has.
DESCRIPTION_FIELDS = ("search_description", "summary", "lead", "intro")


def page_description(page):
    for field in DESCRIPTION_FIELDS:
        text = " ".join(strip_tags(getattr(page, field, "") or "").split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return DEFAULT_DESCRIPTION


def share_image(page, request):
    """The hero image cropped for link previews, or None for pages without one."""
    image = getattr(page, "hero_image", None)
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_RENDITION)
    return {
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or image.title,
    }


def is_site_home(page, request):
    # The site found for this request is remembered on it; Page.is_site_root() would ask the database again.
    site = Site.find_for_request(request)
    return site is not None and page.pk == site.root_page_id


def social_meta(page, request, *, title=None, description=None, path=None):
    """What a shared link shows. A route of a page (a need, sector or organisation of the catalogue) passes its
    own title, description and path, so it is not taken for the catalogue page itself."""
    return {
        "title": title or page.seo_title or page.title,
        "description": description or page_description(page),
        "url": absolute_url(request, path) if path else page.get_full_url(request),
        "type": "website" if is_site_home(page, request) else "article",
        "site_name": settings.WAGTAIL_SITE_NAME,
        "image": share_image(page, request),
    }

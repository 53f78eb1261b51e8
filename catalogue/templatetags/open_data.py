"""Tags for what the site tells machines about a page (structured data, link previews) and for links to the
catalogue's other formats (feeds, exports) that keep the current filters."""
from django import template

from catalogue.outputs import addresses, social
from catalogue.outputs.links import with_filters
from catalogue.outputs.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's JSON-LD script, for page types that describe themselves with a `json_ld(request)` method."""
    page, request = context.get("page"), context.get("request")
    describe = getattr(page, "json_ld", None)
    if describe is None or request is None:
        return ""
    return json_ld_script(describe(request))


@register.simple_tag(takes_context=True)
def social_meta(context):
    """OpenGraph/Twitter values of the current Wagtail page, or None outside Wagtail pages."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_full_url"):
        return None
    return social.social_meta(page, request, **context.get("social_overrides", {}))


@register.simple_tag(takes_context=True)
def with_catalogue_filters(context, path):
    """`path` followed by the catalogue filters of the current request (no pagination or other parameters)."""
    return with_filters(context["request"], path, drop=("page",), fixed=context.get("fixed"))


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` on the Wagtail site's public address, the host that canonical links and the sitemap name."""
    return addresses.absolute_url(context["request"], path)

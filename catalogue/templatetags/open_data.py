"""Tags for what the site tells machines about a page (structured data, link previews) and for links to the
catalogue's other formats (feeds, exports) that keep the current filters."""
from django import template

from catalogue.outputs import addresses, social
from catalogue.outputs import structured_data as structured
from catalogue.outputs.links import with_filters
from catalogue.outputs.structured_data import json_ld_script
from catalogue.query import COLLECTIONS

register = template.Library()


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """[(name, path)] from the home page to the page in view (a category of the catalogue counts as a level),
    worked out once per request for the visible breadcrumbs and the BreadcrumbList alike."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_ancestors"):
        return []
    if not hasattr(request, "_breadcrumb_trail"):
        trail = [("Главная" if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
                 for ancestor in page.get_ancestors() if not ancestor.is_root()]
        trail.append((page.title, page.get_url(request)))
        taxonomy = context.get("taxonomy")
        if taxonomy is not None:
            trail.append((taxonomy.name, context["social_overrides"]["path"]))
        request._breadcrumb_trail = trail
    return request._breadcrumb_trail


@register.simple_tag(takes_context=True)
def structured_data(context):
    """One JSON-LD script per Wagtail page: what the page says of itself (a `json_ld(request)` method), its
    breadcrumb trail below the home page, and the solutions listed on it."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_url"):
        return ""
    nodes = []
    describe = getattr(page, "json_ld", None)
    if describe is not None:
        nodes.append(describe(request))
    # What a route of the page says of the thing it shows (an organisation's profile).
    nodes += context.get("structured_nodes", ())
    if page.depth > 2:
        nodes.append(structured.breadcrumb_list(breadcrumb_trail(context), request))
    page_obj = context.get("page_obj")
    if page_obj is not None and context.get("solutions"):
        nodes.append(structured.item_list(context["solutions"], request, first_position=page_obj.start_index()))
    return json_ld_script(structured.graph(nodes)) if nodes else ""


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
def with_collection_filters(context, collection, path):
    """`path` followed by the current request's filters that another collection ("labs") reads."""
    return with_filters(context["request"], path, drop=("page",), known=COLLECTIONS[collection].query_params)


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` on the Wagtail site's public address, the host that canonical links and the sitemap name."""
    return addresses.absolute_url(context["request"], path)

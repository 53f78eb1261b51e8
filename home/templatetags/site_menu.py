"""The pages editors put in the menu («Показывать в меню» on a page under the home page), for the footer."""
from django import template
from wagtail.models import Page, Site

from catalogue import cache as catalogue_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """[(title, url)] of the live public pages under the site's home page marked for menus, in tree order;
    remembered until the site next changes (any publication bumps the generation)."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []

    def compute():
        pages = Page.objects.child_of(site.root_page).live().public().in_menu().order_by("path")
        return [(page.title, page.get_url(request)) for page in pages]

    return catalogue_cache.remember("menu-pages", {"site": site.pk}, compute)

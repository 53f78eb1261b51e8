"""RSS 2.0 and Atom feeds of new and updated solutions, filtered like the catalogue page.

A city subscribes to `/catalogue/feed/?need=rekultivatsiia-zemel` and hears only about land reclamation. The feed is
a thin view over CatalogueQuery ordered by the latest publication; it never filters on its own.
"""
import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.http import conditional_page, require_safe

from catalogue.outputs.addresses import absolute_url
from catalogue.outputs.errors import bad_query_text
from catalogue.outputs.links import catalogue_url, with_filters
from catalogue.query import ALL_CATEGORIES, CatalogueQuery, CatalogueQueryError

FEED_LENGTH = 50
FEED_TITLE = "Новые и обновлённые решения НОЦ «Кузбасс – Донбасс»"
FEED_DESCRIPTION = ("Готовые технологии вузов, институтов и предприятий — участников НОЦ «Кузбасс – Донбасс» "
                    "для шахтёрских городов: новые и недавно обновлённые решения.")
# Pagination and the catalogue's own order mean nothing to a feed: it always lists the latest changes first.
IGNORED_PARAMS = ("page", "sort")
# Characters XML 1.0 cannot carry at all (not even escaped): a visitor's `q=a%01b` would otherwise stop the feed
# being written (500). Removed wherever visitor or editor text enters the feed.
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text):
    return XML_FORBIDDEN.sub("", text or "")


class SolutionsFeed(Feed):
    language = "ru"
    description = FEED_DESCRIPTION

    def __init__(self, request):
        self.request = request

    @classmethod
    def as_view(cls):
        """The view: a feed object per request, so that item methods can build this site's absolute links."""
        @require_safe
        @conditional_page  # a reader polling with If-Modified-Since / If-None-Match gets 304 while nothing changed
        def view(request):
            try:
                return cls(request)(request)
            except CatalogueQueryError as error:
                return bad_query_text(error)

        return view

    def get_object(self, request):
        query = CatalogueQuery.from_params(request.GET, ignore=IGNORED_PARAMS)
        return query.ordered_by("updated")

    def title(self, query):
        return xml_text(" — ".join([FEED_TITLE, *query.describe()]))

    def link(self, query):
        return absolute_url(self.request, catalogue_url(self.request, drop=IGNORED_PARAMS))

    def feed_url(self, query):
        return absolute_url(self.request, with_filters(self.request, self.request.path, drop=IGNORED_PARAMS))

    def items(self, query):
        return query.results(ALL_CATEGORIES)[:FEED_LENGTH]

    def item_title(self, solution):
        # Readers render titles as HTML, hence Django's double escaping.
        return escape(xml_text(solution.title))

    def item_description(self, solution):
        return escape(xml_text(solution.summary))

    def item_link(self, solution):
        return solution.get_full_url(self.request)

    def item_pubdate(self, solution):
        return solution.first_published_at

    def item_updateddate(self, solution):
        return solution.last_published_at

    def item_author_name(self, solution):
        return ", ".join(organization.name for organization in solution.organizations.all()) or None

    def item_categories(self, solution):
        return [item.name for item in (*solution.sectors.all(), *solution.needs.all(), *solution.tags.all())]


class SolutionsAtomFeed(SolutionsFeed):
    feed_type = Atom1Feed
    subtitle = FEED_DESCRIPTION

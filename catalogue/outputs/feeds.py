"""RSS 2.0 and Atom feeds of new and updated items, filtered like their list page: solutions here, laboratories
in labs/feeds.py, both on CollectionFeed.

A city subscribes to `/catalogue/feed/?need=rekultivatsiia-zemel` and hears only about land reclamation. A feed is
a thin view over CatalogueQuery (or another collection's query) ordered by the latest publication; it never
filters on its own.
"""
import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.http import conditional_page, require_safe

from catalogue.outputs.addresses import absolute_url
from catalogue.outputs.errors import bad_query_text
from catalogue.outputs.links import catalogue_path, with_filters
from catalogue.query import ALL_CATEGORIES, PARAMS, CatalogueQuery, CatalogueQueryError

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


class CollectionFeed(Feed):
    """RSS 2.0 of the newest changes in one collection, filtered like its list page. A subclass names what differs:
    `feed_title` and `description`, `query(params)` (a query object with `describe()`), `index_path()` (the list
    page the feed follows), `known_params` (the parameters its list page reads), `items(query)` and, per item,
    `item_author_name` and `item_categories`. Items are pages: title, summary, link and dates are read alike."""

    language = "ru"
    feed_title = ""
    description = ""
    known_params = PARAMS

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
        return self.query(request.GET)

    def query(self, params):
        raise NotImplementedError

    def index_path(self):
        raise NotImplementedError

    def title(self, query):
        return xml_text(" — ".join([self.feed_title, *query.describe()]))

    def link(self, query):
        return absolute_url(self.request, with_filters(self.request, self.index_path(), drop=IGNORED_PARAMS,
                                                       known=self.known_params))

    def feed_url(self, query):
        return absolute_url(self.request, with_filters(self.request, self.request.path, drop=IGNORED_PARAMS,
                                                       known=self.known_params))

    def item_title(self, page):
        # Readers render titles as HTML, hence Django's double escaping.
        return escape(xml_text(page.title))

    def item_description(self, page):
        return escape(xml_text(page.summary))

    def item_link(self, page):
        return page.get_full_url(self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at


class AtomFeedMixin:
    """The same feed as Atom 1.0 (with <published> and <updated>)."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description


class SolutionsFeed(CollectionFeed):
    feed_title = FEED_TITLE
    description = FEED_DESCRIPTION

    def query(self, params):
        return CatalogueQuery.from_params(params, ignore=IGNORED_PARAMS).ordered_by("updated")

    def index_path(self):
        return catalogue_path(self.request)

    def items(self, query):
        return query.results(ALL_CATEGORIES)[:FEED_LENGTH]

    def item_author_name(self, solution):
        return ", ".join(organization.name for organization in solution.organizations.all()) or None

    def item_categories(self, solution):
        return [item.name for item in (*solution.sectors.all(), *solution.needs.all(), *solution.tags.all())]


class SolutionsAtomFeed(AtomFeedMixin, SolutionsFeed):
    pass

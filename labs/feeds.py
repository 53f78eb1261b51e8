"""RSS 2.0 and Atom feeds of new and updated laboratories and centres, filtered like /labs/ (the same parameters
through CatalogueQuery.of("labs")): `/labs/feed/?service=testing` tells a plant about labs that test. The feeds
are CollectionFeed's (catalogue/outputs/feeds.py) with the labs' own title, items, host and categories."""
from catalogue.outputs.feeds import FEED_LENGTH, IGNORED_PARAMS, AtomFeedMixin, CollectionFeed
from catalogue.query import CatalogueQuery
from labs.models import SERVICE_KINDS, LabIndexPage
from labs.query import LABS

LABS_FALLBACK_PATH = "/labs/"
LATEST_FIRST = ("-last_published_at", "pk")


class LabsFeed(CollectionFeed):
    feed_title = "Новые и обновлённые лаборатории и центры НОЦ «Кузбасс – Донбасс»"
    description = ("Лаборатории и центры вузов и институтов НОЦ «Кузбасс – Донбасс»: оборудование, испытания, "
                   "анализ, опытные образцы и обучение для внешних заказчиков — новые и недавно обновлённые.")
    known_params = LABS.query_params

    def query(self, params):
        return CatalogueQuery.of(LABS.name, params, ignore=IGNORED_PARAMS)

    def index_path(self):
        index = LabIndexPage.objects.live().first()
        return index.get_url(self.request) if index else LABS_FALLBACK_PATH

    def items(self, query):
        return (query.ordered(*LATEST_FIRST).select_related("organization")
                .prefetch_related("sectors", "needs", "services")[:FEED_LENGTH])

    def item_author_name(self, lab):
        return lab.organization.name

    def item_categories(self, lab):
        kinds = dict.fromkeys(str(SERVICE_KINDS.get(service.kind, service.kind)) for service in lab.services.all())
        return [*(item.name for item in (*lab.sectors.all(), *lab.needs.all())), *kinds]


class LabsAtomFeed(AtomFeedMixin, LabsFeed):
    pass

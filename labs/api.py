"""GET /api/v2/labs/ and /api/v2/labs/<id>/: live, public laboratories as JSON, filtered, searched and counted
by CatalogueQuery.of("labs") — the solutions endpoint's behaviour (errors, CORS, compact JSON) for labs."""
from django.db.models import prefetch_related_objects

from catalogue.api.views import SolutionsAPIViewSet
from labs.models import LabPage
from labs.query import LABS

NOT_FOUND_MESSAGE = "Лаборатория не найдена или не опубликована"


class LabsAPIViewSet(SolutionsAPIViewSet):
    name = "labs"
    model = LabPage
    collection = LABS.name
    detail_only_fields = ["body", "contact", "accreditation"]
    not_found_message = NOT_FOUND_MESSAGE

    def get_queryset(self):
        return LABS.items().select_related(*LABS.select).prefetch_related(*LabPage.category_relations,
                                                                          *LABS.prefetch)

    def listing_results(self, query):
        return query.results()

    def with_details(self, items):
        prefetch_related_objects(items, *LabPage.category_relations)
        return items

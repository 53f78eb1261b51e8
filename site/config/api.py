"""The public API router (wagtail.api.v2), mounted at /api/v2/ in config.urls."""
from wagtail.api.v2.router import WagtailAPIRouter

from catalogue.api.organizations import OrganizationsAPIViewSet
from catalogue.api.views import SolutionsAPIViewSet
from labs.api import LabsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("solutions", SolutionsAPIViewSet)
api_router.register_endpoint("organizations", OrganizationsAPIViewSet)
api_router.register_endpoint("labs", LabsAPIViewSet)

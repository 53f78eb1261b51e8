"""The catalogue's other formats. Included before Wagtail's catch-all, which would otherwise treat
/catalogue/feed/ as a child page of the catalogue."""
from django.urls import path

from catalogue.organization_views import organizations_index
from catalogue.outputs import embed, exports, feeds, map_outlines

urlpatterns = [
    path("catalogue/feed/", feeds.SolutionsFeed.as_view(), name="catalogue_feed"),
    path("catalogue/feed/atom/", feeds.SolutionsAtomFeed.as_view(), name="catalogue_feed_atom"),
    path("catalogue/export.csv", exports.export_csv, name="catalogue_export_csv"),
    path("catalogue/export.xlsx", exports.export_xlsx, name="catalogue_export_xlsx"),
    path("embed/", embed.embed, name="embed"),
    path("catalogue/map/regions.svg", map_outlines.region_outlines, name="catalogue_map_outlines"),
    path("organizations/", organizations_index, name="organizations"),
]

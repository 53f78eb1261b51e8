"""The labs' feeds. Included before Wagtail's catch-all, which would otherwise treat /labs/feed/ as a child page
of the lab index — as catalogue/urls.py does for /catalogue/feed/."""
from django.urls import path

from labs.feeds import LabsAtomFeed, LabsFeed

urlpatterns = [
    path("labs/feed/", LabsFeed.as_view(), name="labs_feed"),
    path("labs/feed/atom/", LabsAtomFeed.as_view(), name="labs_feed_atom"),
]

"""/podborka/: the visitor's shortlist, its comparison and annex, and shared snapshots under /podborka/<key>/.
Included before Wagtail's catch-all."""
from django.urls import path

from shortlist import views

app_name = "shortlist"

urlpatterns = [
    path("podborka/", views.index, name="index"),
    path("podborka/add/", views.add, name="add"),
    path("podborka/remove/", views.remove, name="remove"),
    path("podborka/note/", views.note, name="note"),
    path("podborka/city/", views.set_city, name="city"),
    path("podborka/share/", views.share, name="share"),
    path("podborka/compare/", views.compare, name="compare"),
    path("podborka/send/", views.send, name="send"),
    path("podborka/send/sent/", views.sent, name="sent"),
    path("podborka/export.<str:fmt>", views.export, name="export"),
    path("podborka/<slug:key>/", views.shared, name="shared"),
    path("podborka/<slug:key>/copy/", views.copy_shared, name="copy"),
    path("podborka/<slug:key>/compare/", views.compare, name="shared_compare"),
    path("podborka/<slug:key>/export.<str:fmt>", views.export, name="shared_export"),
]

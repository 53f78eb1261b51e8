from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from catalogue.api.views import openapi_json, openapi_page
from catalogue.submissions.board import NeedSitemap
from config.api import api_router
from home.views import healthz
from ops.views import favicon

handler400 = "ops.views.bad_request"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_json, name="openapi"),
    path("api/v2/docs/", openapi_page, name="api_docs"),
    path("api/v2/", api_router.urls),
    path("", include("catalogue.submissions.urls")),
    path("", include("shortlist.urls")),
    path("", include("alerts.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap, "needs": NeedSitemap}}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")),
    path("", include("catalogue.urls")),
    path("", include("labs.urls")),
    path("search/", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

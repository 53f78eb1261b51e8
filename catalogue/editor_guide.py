"""«Помощь → Руководство редактора»: the editors' guide in Russian as a page of the admin, in place of Wagtail's
English guide on wagtail.org (and its «What's new» link, also English and outside the site)."""
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem

from catalogue.models import CatalogueIndexPage
from catalogue.readiness import STAGES


class EditorGuideView(TemplateView):
    template_name = "catalogue/admin/editor_guide.html"

    def get_context_data(self, **kwargs):
        catalogue = CatalogueIndexPage.objects.first()
        return super().get_context_data(**kwargs, catalogue=catalogue, stages=STAGES)


urlpatterns = [path("guide/", EditorGuideView.as_view(), name="catalogue_editor_guide")]


def guide_menu_item():
    return MenuItem("Руководство редактора", reverse("catalogue_editor_guide"), name="noc-editor-guide",
                    icon_name="doc-full", order=100)


def drop_external_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items
                     if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")]

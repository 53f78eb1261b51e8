"""Need, sector and organisation landing pages are routes of the catalogue page, not pages editors must create."""
from wagtail.test.utils import WagtailPageTestCase

from catalogue.models import CatalogueIndexPage
from tests.factories import NeedFactory, OrganizationFactory, SectorFactory, SolutionPageFactory


class CategoryRouteTests(WagtailPageTestCase):
    def setUp(self):
        self.catalogue = CatalogueIndexPage.objects.get()
        self.need = NeedFactory(name="Очистка воды")
        self.sector = SectorFactory(name="Экология")
        self.org = OrganizationFactory(name="Горный институт")
        SolutionPageFactory(title="Станция", needs=[self.need], sectors=[self.sector], organizations=[self.org])

    def test_each_category_has_a_routable_renderable_page(self):
        for kind, item in (("need", self.need), ("sector", self.sector), ("org", self.org)):
            route = f"{kind}/{item.slug}/"
            self.assertPageIsRoutable(self.catalogue, route)
            self.assertPageIsRenderable(self.catalogue, route)
            self.assertEqual(self.catalogue.category_url(kind, item.slug), f"/catalogue/{route}")

    def test_unknown_category_is_not_found(self):
        self.assertPageIsRenderable(self.catalogue, "need/unknown/", accept_404=True)
        self.assertEqual(self.client.get("/catalogue/need/unknown/").status_code, 404)

    def test_catalogue_previews_as_its_listing(self):
        self.assertPageIsPreviewable(self.catalogue)

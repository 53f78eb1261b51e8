"""Every page and file of a shortlist costs the same number of SQL queries with 2 solutions as with 50 (the limit)."""
import pytest
import wagtail_factories

from shortlist import store
from shortlist.models import Shortlist, ShortlistItem
from tests.factories import (
    DeploymentFactory,
    NeedFactory,
    OrganizationFactory,
    RegionFactory,
    SectorFactory,
    SolutionPageFactory,
)

SIZES = [2, 50]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size} solutions")
def shortlisted(request, client, db):
    """A visitor's shortlist of `size` solutions with pictures, every category and notes, and its shared copy."""
    sectors, needs = [SectorFactory(), SectorFactory()], [NeedFactory(), NeedFactory()]
    organizations, regions = [OrganizationFactory(), OrganizationFactory()], [RegionFactory()]
    picture = wagtail_factories.ImageFactory(file__width=160, file__height=90)
    shortlist = Shortlist.objects.create(city="Прокопьевск")
    for number in range(request.param):
        solution = SolutionPageFactory(trl=1 + number % 9, hero_image=picture, sectors=sectors, needs=needs,
                                       organizations=organizations, regions=regions)
        solution.tags.add("шахта")
        DeploymentFactory(page=solution, organization=organizations[0],
                          effects=[("effect", {"value": "−40 %", "label": "сброс"})])
        ShortlistItem.objects.create(shortlist=shortlist, solution=solution, note=f"заметка {number}")
    session = client.session
    session[store.SESSION_KEY] = {"key": shortlist.key,
                                  "ids": list(shortlist.items.values_list("solution_id", flat=True))}
    session.save()
    return store.snapshot(shortlist)


# The visitor's page: the session (1), the shortlist (1), its items (1), the live solutions — view restrictions
# (1), the pages (1), five categories (5), their deployments with places and organisations (1), the pictures'
# renditions (1) — then the catalogue index for the header
# (1) and Wagtail's site (1) and the НОЦ settings (1) for the footer.
PAGES = [
    pytest.param("/podborka/", 15, id="shortlist"),
    pytest.param("/podborka/compare/", 15, id="compare"),
    # A file: no header; the site for absolute links and the НОЦ settings for the contacts.
    pytest.param("/podborka/export.docx", 14, id="docx"),
    pytest.param("/podborka/export.xlsx", 14, id="xlsx"),
    pytest.param("/podborka/export.pdf", 14, id="pdf"),
    # A snapshot is found by its key instead of the session; this visitor's header still reads the session.
    pytest.param(lambda key: f"/podborka/{key}/", 15, id="shared"),
    # Its file reads no session at all.
    pytest.param(lambda key: f"/podborka/{key}/export.pdf", 13, id="shared pdf"),
]


@pytest.mark.parametrize("url, queries", PAGES)
def test_query_count_is_fixed(client, shortlisted, django_assert_num_queries, url, queries):
    url = url(shortlisted.key) if callable(url) else url
    client.get(url)  # fills per-process caches (site root paths), as on any server
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200

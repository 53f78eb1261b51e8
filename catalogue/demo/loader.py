"""Seed the demo catalogue: create what is missing, never touch what exists.

`make run` loads the demo on every start, so an editor's changes to a demo page or category must survive it; a
second run therefore creates nothing, changes nothing and writes no revisions.
"""
from catalogue.demo import content
from catalogue.demo.story import paragraph
from catalogue.models import CatalogueIndexPage, Need, Organization, Region, Sector, SolutionPage

DEMO_NOTE = paragraph(
    "Демонстрационная карточка: описание составлено по открытым сведениям из доклада НОЦ «Кузбасс – Донбасс»; "
    "возможности, характеристики и уровень готовности уточняйте у разработчика через НОЦ.")

SORT_STEP = 10  # gaps leave room for editors to slot new entries in between


def add_published_child(parent, page):
    """Create a page under its parent and publish it as one revision. False if a page with its slug exists."""
    if parent.get_children().filter(slug=page.slug).exists():
        return False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return True


def _ensure(model, name, **fields):
    _, created = model.objects.get_or_create(name=name, defaults=fields)
    return created


def load_categories():
    """Sectors, needs, regions with their cities, organisations. Returns how many were created."""
    created = 0
    for order, (name, description) in enumerate(content.SECTORS):
        created += _ensure(Sector, name, description=description, sort_order=order * SORT_STEP)
    for order, (name, description) in enumerate(content.NEEDS):
        created += _ensure(Need, name, description=description, sort_order=order * SORT_STEP)
    for order, (region_name, cities) in enumerate(content.REGIONS):
        created += _ensure(Region, region_name, kind=Region.Kind.REGION, sort_order=order * SORT_STEP)
        region = Region.objects.get(name=region_name)
        for city_order, city in enumerate(cities):
            created += _ensure(Region, city, kind=Region.Kind.CITY, parent=region,
                               sort_order=order * SORT_STEP + city_order + 1)
    for order, (name, description, kind, city) in enumerate(content.ORGANIZATIONS):
        created += _ensure(Organization, name, description=description, kind=kind,
                           city=Region.objects.get(name=city), sort_order=order * SORT_STEP)
    return created


def build_solution(data):
    """An unsaved SolutionPage from one entry of content.SOLUTIONS, categories looked up by name."""
    page = SolutionPage(
        title=data["title"], slug=data["slug"], summary=data["summary"], trl=data["trl"],
        year=data.get("year"), body=[*data["body"], DEMO_NOTE],
    )
    page.sectors = Sector.objects.filter(name__in=data["sectors"])
    page.needs = Need.objects.filter(name__in=data["needs"])
    page.organizations = Organization.objects.filter(name__in=data["organizations"])
    page.regions = Region.objects.filter(name__in=data["regions"])
    page.tags.add(*data["tags"])
    return page


def load_solutions():
    """Publish every demo solution that the catalogue does not have yet. Returns how many were created."""
    catalogue = CatalogueIndexPage.objects.get()
    return sum(add_published_child(catalogue, build_solution(data)) for data in content.SOLUTIONS)

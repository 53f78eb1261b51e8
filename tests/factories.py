"""Factories for pages and categories, shared by every test module."""
import factory
import wagtail_factories
from wagtail.models import Page

from catalogue.models import CatalogueIndexPage, Deployment, Need, Organization, Region, Sector, SolutionPage


class SectorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Отрасль {n}")

    class Meta:
        model = Sector
        django_get_or_create = ("name",)


class NeedFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Потребность {n}")

    class Meta:
        model = Need
        django_get_or_create = ("name",)


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Регион {n}")

    class Meta:
        model = Region
        django_get_or_create = ("name",)


class OrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Организация {n}")
    kind = Organization.Kind.UNIVERSITY

    class Meta:
        model = Organization
        django_get_or_create = ("name",)


class CityFactory(RegionFactory):
    """A city: a Region of kind «город» within a region."""

    name = factory.Sequence(lambda n: f"Город {n}")
    kind = Region.Kind.CITY
    parent = factory.SubFactory(RegionFactory)


class DeploymentFactory(factory.django.DjangoModelFactory):
    """A deployment of a saved solution; give `page` and a `city` or `region` (a new city by default)."""

    site = factory.Sequence(lambda n: f"Объект {n}")
    city = factory.SubFactory(CityFactory)
    year = 2024
    # In creation order, as the editor's inline panel, the importer and the demo number them: without it every
    # deployment has the same (empty) position and PostgreSQL returns them in any order.
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Deployment


def many_to_many(relation):
    """A factory argument that sets a (parental) many-to-many relation: `sectors=[…]`."""
    def setter(obj, create, extracted, **kwargs):
        if extracted:
            getattr(obj, relation).set(extracted)
    return factory.PostGeneration(setter)


def catalogue_index():
    """The catalogue index that the data migration creates."""
    return CatalogueIndexPage.objects.get()


class SolutionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Решение {n}")
    slug = factory.Sequence(lambda n: f"solution-{n}")
    summary = "Краткое описание решения для карточки."
    trl = 7
    parent = factory.LazyFunction(catalogue_index)

    class Meta:
        model = SolutionPage
        skip_postgeneration_save = True

    sectors = many_to_many("sectors")

    needs = many_to_many("needs")

    organizations = many_to_many("organizations")

    regions = many_to_many("regions")

    @factory.post_generation
    def commit_relations(self, create, extracted, **kwargs):
        # Parental many-to-many values live on the page until it is saved again.
        if create:
            self.save()


def publish(page):
    """Save a revision of a page built in memory and publish it, as an editor would."""
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def lab_index():
    """The lab index that the labs data migration creates."""
    from labs.models import LabIndexPage

    return LabIndexPage.objects.get()


class LabPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Лаборатория {n}")
    slug = factory.Sequence(lambda n: f"lab-{n}")
    summary = "Что делает лаборатория, в двух словах."
    organization = factory.SubFactory(OrganizationFactory)
    parent = factory.LazyFunction(lab_index)

    class Meta:
        model = "labs.LabPage"
        skip_postgeneration_save = True

    sectors = many_to_many("sectors")

    needs = many_to_many("needs")

    solutions = many_to_many("solutions")

    @factory.post_generation
    def equipment(self, create, extracted, **kwargs):
        """[(name, model, specs)]"""
        from labs.models import LabEquipment

        if extracted:
            self.equipment = [LabEquipment(name=name, model=model, specs=specs) for name, model, specs in extracted]

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        """[(kind, description)]"""
        from labs.models import LabService

        if extracted:
            self.services = [LabService(kind=kind, description=description) for kind, description in extracted]

    @factory.post_generation
    def commit_relations(self, create, extracted, **kwargs):
        if create:
            self.save()

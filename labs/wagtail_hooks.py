"""What the labs app adds elsewhere: the «Лаборатории и центры» section of an organisation's profile."""
from django.http import QueryDict
from wagtail import hooks

from catalogue.organizations import PROFILE_SECTIONS_HOOK, ProfileSection
from catalogue.query import CatalogueQuery
from labs.models import LabIndexPage


@hooks.register(PROFILE_SECTIONS_HOOK)
def labs_section(organization, request):
    """The organisation's live labs as /labs/ lists them (the "labs" collection filtered by `org`), as cards."""
    params = QueryDict(mutable=True)
    params["org"] = organization.slug
    labs = list(CatalogueQuery.of("labs", params).results())
    if not labs:
        return None
    index = LabIndexPage.objects.live().first()
    labs_url = f"{index.get_url(request)}?{params.urlencode()}" if index else ""
    return ProfileSection(key="labs", heading="Лаборатории и центры", order=10,
                          template="labs/includes/profile_labs.html", items=tuple(labs),
                          context={"labs_url": labs_url})

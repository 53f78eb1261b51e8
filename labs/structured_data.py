"""schema.org JSON-LD of a laboratory: a ResearchOrganization whose parentOrganization is its host."""
from catalogue.outputs.structured_data import SCHEMA, compact, organization_node, place_node


def lab_json_ld(page, request):
    url = page.get_full_url(request)
    return compact({
        "@context": SCHEMA,
        "@type": "ResearchOrganization",
        "@id": url + "#lab",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "foundingDate": str(page.year_opened) if page.year_opened else None,
        "parentOrganization": organization_node(page.organization),
        "location": place_node(page.city) if page.city_id else None,
        "areaServed": place_node(page.region) if page.region_id else None,
        "knowsAbout": [item.name for item in (*page.sectors.all(), *page.needs.all())],
        "makesOffer": [{"@type": "Offer", "itemOffered": {"@type": "Service", "name": str(service)}}
                       for service in page.services.all()],
    })

"""schema.org JSON-LD for search engines, built as Python data and serialised by json.dumps, so it is always
valid JSON and a title containing `</script>` cannot break out of the script element.

- A solution is a `CreativeWork` (the case page): schema.org defines `dateModified` and `provider` for it, which
  `Product` lacks. Where it is deployed or offered goes in `spatialCoverage`, the CreativeWork property for a
  place, and again as the `areaServed` of its `Offer` (the property exists only on Service, Offer and
  Organization), so consumers that look for the area served find it. The places of its deployments join them;
  the forms of cooperation are the offer's `category`, the indicative price its `priceSpecification`.
- The home page is the НОЦ `Organization` (with its logo) plus the `WebSite` with a `SearchAction`.
- Every page below the home page adds its `BreadcrumbList` (the trail the visible breadcrumbs show), and every list
  of solutions (catalogue, need, sector and organisation pages) an `ItemList` of the cards on screen. A page's
  nodes go out as one `@graph` in one script.
"""
import json

from django.templatetags.static import static
from django.utils.safestring import mark_safe

from catalogue.outputs.addresses import absolute_url
from catalogue.outputs.social import page_description, share_image

SCHEMA = "https://schema.org"
SEARCH_PATH = "/search/?q={search_term_string}"
# A square raster logo (search engines want at least 112 × 112 px; SVG is not accepted).
LOGO_PATH = "img/logo-512.png"
# Characters that must not appear raw inside <script>: `<` closes it, `&` and `>` are escaped for symmetry.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding `data`, safe to put in any page."""
    payload = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # safe: escaped for <script> above


def compact(data):
    """Drop empty values: schema.org consumers prefer a missing property to an empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _isoformat(moment):
    return moment.isoformat() if moment else None


def organization_node(organization):
    return compact({"@type": "Organization", "name": organization.name, "url": organization.website})


# schema.org's types for an organisation's kind; others are plain Organization.
ORGANIZATION_TYPES = {"university": "CollegeOrUniversity", "institute": "ResearchOrganization",
                      "company": "Corporation", "authority": "GovernmentOrganization"}


def organization_json_ld(organization, request, path):
    """An organisation's profile: the type its kind implies, where it is, its logo and its parent organisation."""
    url = absolute_url(request, path)
    logo = organization.logo.get_rendition("max-512x512") if organization.logo else None
    parent = organization.parent
    return compact({
        "@type": ORGANIZATION_TYPES.get(organization.kind, "Organization"),
        "@id": url + "#organization",
        "name": organization.name,
        "url": url,
        "sameAs": organization.website,
        "description": organization.description,
        "logo": absolute_url(request, logo.url) if logo else None,
        "address": compact({"@type": "PostalAddress", "addressLocality": organization.city.name
                            if organization.city else None,
                            "addressRegion": organization.region.name if organization.region else None,
                            "addressCountry": "RU"}) if organization.city or organization.region else None,
        "parentOrganization": compact({"@type": ORGANIZATION_TYPES.get(parent.kind, "Organization"),
                                       "name": parent.name, "url": parent.website}) if parent else None,
    })


def place_node(region):
    kind = "City" if region.kind == region.Kind.CITY else "AdministrativeArea"
    return {"@type": kind, "name": region.name}


def logo_url(request):
    return absolute_url(request, static(LOGO_PATH))


def graph(nodes):
    """Several nodes (each possibly a graph already) as one JSON-LD document."""
    flat = []
    for node in nodes:
        node = {key: value for key, value in node.items() if key != "@context"}
        flat += node.get("@graph", [node])
    return {"@context": SCHEMA, "@graph": flat}


def breadcrumb_list(trail, request):
    """[(name, path)] from the home page to the page itself → a schema.org BreadcrumbList."""
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(request, path)}
        for position, (name, path) in enumerate(trail, start=1)]}


def item_list(solutions, request, *, first_position=1):
    """The solutions shown on a list page, in their order, as a schema.org ItemList of links to their pages."""
    return {"@type": "ItemList", "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": solution.title,
                 "url": absolute_url(request, solution.get_url(request))}
                for position, solution in enumerate(solutions, start=first_position)]}


def solution_json_ld(page, request):
    """The case page of one solution as a schema.org CreativeWork; its picture, or else НОЦ's logo, as image."""
    image = share_image(page, request)
    providers = [organization_node(organization) for organization in page.organizations.all()]
    regions = list(page.regions.all())
    deployed = [deployment.place for deployment in page.deployments.all()]
    places = [place_node(place) for place in dict.fromkeys(regions + [place for place in deployed if place])]
    url = page.get_full_url(request)
    return compact({
        "@context": SCHEMA,
        "@type": "CreativeWork",
        "@id": url + "#solution",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "image": image["url"] if image else logo_url(request),
        "inLanguage": "ru",
        "datePublished": _isoformat(page.first_published_at),
        "dateModified": _isoformat(page.last_published_at or page.latest_revision_created_at),
        "provider": providers,
        "spatialCoverage": places,
        "offers": offer_node(page, places, providers),
        "keywords": ", ".join(item.name for item in (*page.sectors.all(), *page.needs.all(), *page.tags.all())),
    })


def offer_node(page, places, providers):
    """The solution's Offer: where it is served (places of deployments too), its forms of cooperation and its
    indicative price; none when the page says nothing of the kind."""
    price = compact({"@type": "PriceSpecification", "minPrice": page.price_from, "priceCurrency": "RUB",
                     "description": page.price_note}) if page.price_from is not None else None
    offer = compact({
        "areaServed": places,
        "category": ", ".join(page.cooperation_labels),
        "priceSpecification": price,
        "description": page.price_note if price is None else "",
    })
    return {"@type": "Offer", **offer, **compact({"offeredBy": providers})} if offer else None


def home_json_ld(page, request, noc):
    """The home page: НОЦ as an Organization (contacts from its site settings) and the WebSite with search."""
    home_url = page.get_full_url(request)
    organization_id, website_id = home_url + "#organization", home_url + "#website"
    return {
        "@context": SCHEMA,
        "@graph": [
            compact({
                "@type": "Organization",
                "@id": organization_id,
                "name": noc.organisation_name,
                "url": noc.website or home_url,
                "logo": {"@type": "ImageObject", "url": logo_url(request), "width": 512, "height": 512},
                "email": noc.email,
                "telephone": noc.phone,
                "address": noc.address,
                "description": page_description(page),
            }),
            {
                "@type": "WebSite",
                "@id": website_id,
                "name": page.seo_title or page.title,
                "url": home_url,
                "inLanguage": "ru",
                "publisher": {"@id": organization_id},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": absolute_url(request, SEARCH_PATH)},
                    "query-input": "required name=search_term_string",
                },
            },
        ],
    }

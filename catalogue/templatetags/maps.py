"""`{% solution_map page %}`: the small map of a solution's deployments, framed around them."""
from django import template

from catalogue.geo.svgmap import base_map
from catalogue.outputs.deployment_map import framed, solution_markers, tile_layer

register = template.Library()


@register.inclusion_tag("components/solution_map.html")
def solution_map(page, list_url=""):
    """`{% solution_map page %}`: nothing when no deployment has a point. The deployments come with their places
    as SolutionPage.get_context prefetched them for the list beside the map (or, in a preview, from memory)."""
    markers, view_box = framed(solution_markers(page.deployments.all()))
    return {
        "markers": markers,
        "view_box": view_box,
        "base_map": base_map(),
        "map_id": "solution-map",
        "list_url": list_url,
        "map_title": "Где внедрено: " + "; ".join(marker.label for marker in markers),
        **tile_layer(),
    }

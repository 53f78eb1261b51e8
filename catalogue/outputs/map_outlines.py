"""The region outlines as an SVG image, drawn once per process from the bundled data and cached by browsers:
every map of the site lays its markers over it."""
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from catalogue.geo.svgmap import outlines_svg


@require_GET
@cache_control(public=True, max_age=86400)
def region_outlines(request):
    return HttpResponse(outlines_svg(), content_type="image/svg+xml; charset=utf-8")

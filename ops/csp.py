"""Content-Security-Policy for the whole site, with the exceptions the site needs.

The public site keeps the strict policy from settings.CONTENT_SECURITY_POLICY. Two kinds of response differ:

* the Wagtail admin, whose templates carry inline scripts and styles, gets
  settings.ADMIN_CONTENT_SECURITY_POLICY laid over the policy (scoped to the admin URL prefix only);
* frame-ancestors follows the X-Frame-Options decision already taken for the response, so the two headers never
  disagree: a view marked with Django's ``xframe_options_exempt`` (the embed widget) may be framed by any site,
  one answered with ``SAMEORIGIN`` (Wagtail's preview) by the site itself, every other one by nobody;
* when a map tile layer is configured (settings.MAP_TILES_URL), images may come from its server too.

Wagtail renders a preview by running the page through the whole middleware stack a second time, inside the admin's
preview view (``make_preview_request``). The inner pass writes the public policy with ``frame-ancestors 'none'``
(the page's own X-Frame-Options is still DENY then); the admin view then marks the response SAMEORIGIN. The outer
pass therefore rewrites frame-ancestors of a policy already written, so the preview keeps the public page's strict
policy (what the editor sees is what visitors get) and may be framed by the admin's preview panel.
"""
from urllib.parse import urlsplit

from csp.constants import HEADER, NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:  # a URL configuration without the admin (some tests)
        return None


def tile_origin(template):
    """The origin of a map tile server configured as MAP_TILES_URL (https://tiles.example.ru/{z}/{x}/{y}.png), for
    img-src; None when no tile layer is configured. Subdomain placeholders ({s}.tiles…) become a wildcard."""
    parsed = urlsplit(template or "")
    if parsed.scheme not in ("https", "http") or not parsed.hostname:
        return None
    host = parsed.netloc.replace("{s}", "*")
    return f"{parsed.scheme}://{host}"


def frame_ancestors(response):
    if getattr(response, "xframe_options_exempt", False):
        # No directive at all: `*` would still refuse partners whose page has an opaque origin (sandboxed
        # frames, file:// previews) and, in Chromium, cross-origin loopback parents.
        return None
    if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
        return [SELF]
    return [NONE]


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        replace = {"frame-ancestors": frame_ancestors(response)}
        prefix = admin_prefix()
        if prefix and request.path_info.startswith(prefix):
            replace.update(settings.ADMIN_CONTENT_SECURITY_POLICY)
        # A view's own csp_replace decorator still has the last word.
        parts.replace = {**replace, **(parts.replace or {})}
        tiles = tile_origin(getattr(settings, "MAP_TILES_URL", ""))
        if tiles:
            parts.update = {**(parts.update or {}), "img-src": [tiles]}
        return parts

    def process_response(self, request, response):
        # Only a policy this middleware wrote (it always decides frame-ancestors); a view's own complete header,
        # such as Wagtail's `default-src 'none'` for served documents, is left as the view wrote it.
        if "frame-ancestors" in response.get(HEADER, ""):
            response[HEADER] = with_frame_ancestors(response[HEADER], frame_ancestors(response))
        return super().process_response(request, response)


def with_frame_ancestors(policy, sources):
    """The policy text with its frame-ancestors directive set to ``sources`` (None: no directive)."""
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    kept = [part for part in directives if part.split()[0].lower() != "frame-ancestors"]
    if sources is not None:
        kept.append(" ".join(["frame-ancestors", *sources]))
    return "; ".join(kept)

"""Security headers a browser receives: strict on the public site, relaxed only where the admin or embed needs it."""
from html.parser import HTMLParser

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from django.views.decorators.clickjacking import xframe_options_exempt, xframe_options_sameorigin
from wagtail.fields import StreamField


def directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/catalogue/"])
def test_public_pages_forbid_inline_code_and_framing(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"].split(", ")
    assert "geolocation=()" in response["Permissions-Policy"].split(", ")


@pytest.mark.django_db
def test_admin_gets_inline_code_but_still_no_framing(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_healthz_carries_the_strict_policy(client):
    policy = directives(client.get("/healthz"))
    assert "'unsafe-inline'" not in policy["script-src"]


@xframe_options_exempt
def embed_view(request):
    return HttpResponse("<p>виджет</p>")


@xframe_options_sameorigin
def preview_view(request):
    return HttpResponse("<p>предпросмотр</p>")


urlpatterns = [path("embed/", embed_view), path("preview/", preview_view)]


@override_settings(ROOT_URLCONF=__name__)
def test_frame_ancestors_follow_the_x_frame_options_decision(client):
    embed = client.get("/embed/")
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors" not in directives(embed)  # any partner, even one whose page has an opaque origin
    # Only frame-ancestors is relaxed for an embed: scripts stay as strict as on the public site.
    assert directives(embed)["script-src"] == ["'self'"]

    preview = client.get("/preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(preview)["frame-ancestors"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/catalogue/feed/", "/api/v2/solutions/", "/embed/", "/no-such-page/"])
def test_every_answer_denies_the_browser_features_the_site_never_uses(client, url):
    features = dict(item.split("=") for item in client.get(url)["Permissions-Policy"].split(", "))
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(features)
    assert set(features.values()) == {"()"}


class _FormFields(HTMLParser):
    """The fields a browser would submit from one form of a page (checked boxes, selected options)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_fields(html, form_id):
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "catalogue", "solution", "standard"])
def test_wagtail_preview_of_every_page_type_may_be_framed_by_the_admin_only(admin_client, kind):
    """Through Wagtail's real preview view: the page is rendered by a second pass through the middleware."""
    from wagtail.models import Page

    from home.models import HomePage, StandardPage
    from tests.factories import SolutionPageFactory, catalogue_index

    home = HomePage.objects.get()
    pages = {
        "home": home,
        "catalogue": catalogue_index(),
        "solution": SolutionPageFactory(title="Очистка шахтных вод"),
        "standard": home.add_child(instance=StandardPage(title="О центре", slug="o-centre")),
    }
    page = Page.objects.get(pk=pages[kind].pk)
    edit_form = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    # What the editor's browser does: post the form as it stands, then load the preview into the panel.
    data = form_fields(edit_form, "page-edit-form")
    for field in page.specific._meta.get_fields():  # a StreamField's inputs are drawn by JavaScript: none here
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", ["0"])
    assert admin_client.post(preview_url, data).json()["is_valid"]
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    # The rest is the public page's strict policy: the preview shows what a visitor's browser would allow.
    assert policy["script-src"] == ["'self'"]
    assert list(policy).count("frame-ancestors") == 1
    # The published page itself is still not framable at all.
    if page.live:
        public = admin_client.get(page.url)
        assert directives(public)["frame-ancestors"] == ["'none'"]


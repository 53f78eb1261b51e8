"""Security headers a browser receives: strict on the public site, relaxed only where the admin or embed needs it."""
import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from django.views.decorators.clickjacking import xframe_options_exempt, xframe_options_sameorigin


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

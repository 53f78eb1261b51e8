"""Permissions-Policy: the site uses no camera, microphone, location, payment or USB; say so to every browser,
so that nothing embedded in a page (a video in a solution's story) can ask for them either."""
from django.conf import settings


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response

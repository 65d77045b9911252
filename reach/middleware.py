"""The counting endpoint, answered before the rest of the site's middleware.

A beacon needs none of what the site's stack does for pages (sessions, language,
CSRF, authentication, messages, login lockouts, CSP): it reads a few headers and answers
an empty response. Answered here, right after Django's SecurityMiddleware (HTTPS
redirect and headers still apply), it costs a fraction of a page request -- the way
WhiteNoise answers static files early. The URL pattern stays in ``reach.urls``, so
``{% url 'reach_hit' %}`` works and the view answers even without this middleware."""

from django.urls import reverse

from .views import hit


class BeaconMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if self.path is None:
            self.path = reverse("reach_hit")
        if request.path == self.path:
            return hit(request)
        return self.get_response(request)

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import emblem


@require_safe
@cache_control(public=True, max_age=604800)
def eu_emblem_png(request):
    """The EU emblem as PNG for the newsletter's e-mails (mail clients do not show SVG),
    drawn at twice its display size, with the white border for coloured backgrounds."""
    return HttpResponse(emblem.png(96, border=True), content_type="image/png")


@require_safe
def robots_txt(request):
    if getattr(settings, "SITE_ENVIRONMENT", "") == "production":
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /django-admin/",
        ]
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                lines.append(f"Disallow: {reverse('site_search:search')}")
        lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    else:
        lines = [
            "# Not the production site: crawlers are asked to stay away.",
            "User-agent: *",
            "Disallow: /",
        ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

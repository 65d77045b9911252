from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import emblem


@require_safe
@cache_control(public=True, max_age=604800)
def eu_emblem_png(request):
    """The EU emblem as PNG for the newsletter's e-mails (mail clients do not show SVG),
    drawn at twice its display size, with the white border for coloured backgrounds."""
    return HttpResponse(emblem.png(96, border=True), content_type="image/png")

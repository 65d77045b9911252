"""The counting endpoint the beacon calls after a page has loaded."""

import base64

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import counting

# The no-JavaScript fallback is an <img>: answer it with a transparent 1×1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@csrf_exempt  # no cookie is read or set here, and a count changes nothing a visitor owns
@require_http_methods(["GET", "POST"])
def hit(request):
    """Count one view of the page named by ``p`` (its path) and ``id`` (its page id,
    if it is a Wagtail page), arriving from the site ``r`` (host only).

    Always answers at once, counted or not, and never cached or stored by anyone:
    a cached count would be a lost count."""
    if counting.enabled() and not counting.refusal(request):
        params = request.GET
        path, language = counting.clean_path(params.get("p", ""))
        if path:
            page_id = params.get("id", "")
            page_id = int(page_id) if page_id.isdigit() and len(page_id) < 12 else None
            referrer = counting.clean_host(params.get("r", ""), request.get_host())
            counting.counter.count(request, path, language, page_id, referrer)
    if request.method == "GET":
        response = HttpResponse(PIXEL, content_type="image/gif")
    else:
        response = HttpResponse(status=204)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response

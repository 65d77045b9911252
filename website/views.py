"""Views every site needs outside the language prefix."""

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever the page's <link rel="icon">
    says: served here so no first visit logs a 404."""
    path = finders.find("img/favicon.ico")
    if path:
        return FileResponse(open(path, "rb"), content_type="image/x-icon")
    try:  # after collectstatic, without the app finders
        return FileResponse(
            staticfiles_storage.open("img/favicon.ico"), content_type="image/x-icon"
        )
    except FileNotFoundError as error:
        raise Http404 from error

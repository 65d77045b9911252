"""Responses of Wagtail's document serve view, made safe for the proxies in front.

Wagtail answers every document request itself (its permission check comes first). On
disk, django-sendfile2's nginx backend then answers with an empty body and
``X-Accel-Redirect`` for nginx to send the file; on object storage, with a redirect to
a short-lived signed URL. Either answer belongs to one visitor, so it is marked
``private`` (Varnish never keeps it for the next one), and an X-Accel-Redirect answer
states its real, empty length (Wagtail sets the file's size, which would leave Varnish
waiting for bytes that never come)."""

from django.utils.cache import patch_cache_control


class DocumentResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("X-Accel-Redirect"):
            response.headers.pop("Content-Length", None)
            response.headers.pop("Content-Encoding", None)
            response.content = b""
        if request.path.startswith("/documents/") and response.status_code < 400:
            patch_cache_control(response, private=True)
        return response

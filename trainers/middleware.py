"""Pages answered to a signed-in reader may show what only they may see (a trainer's
kit page lists their restricted documents): no shared cache may keep them."""

from django.utils.cache import patch_cache_control


class PrivateForSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            # Anything that said otherwise no longer holds.
            cache_control = response.get("Cache-Control", "")
            parts = [
                part
                for part in (p.strip() for p in cache_control.split(","))
                if part and not part.startswith(("public", "s-maxage"))
            ]
            response["Cache-Control"] = ", ".join(parts)
        return response

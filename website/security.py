"""Small security helpers used by the settings (the client address lives in
``website.client_address``)."""

import base64
import hashlib

from csp.middleware import CSPMiddleware as BaseCSPMiddleware


def allow_inline_style(request, css):
    """Let one inline <style> with exactly ``css`` through the Content-Security-Policy,
    by its hash.

    A hash rather than a nonce: a page served from the page cache repeats its header
    and body byte for byte, and a nonce that repeats is no nonce. The hash of the same
    CSS is the same every time, so cached pages stay correct."""
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    hashes = getattr(request, "site_csp_style_hashes", [])
    hashes.append(f"'sha256-{digest}'")
    request.site_csp_style_hashes = hashes


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, adding the hashes of the inline styles a page declared
    with ``allow_inline_style`` to its style-src."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        hashes = getattr(request, "site_csp_style_hashes", None)
        if hashes:
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), *hashes]
            parts.update = update
        return parts

"""The client address for rate limits behind the site's reverse proxy.

Production runs behind one TLS-terminating proxy (README), so REMOTE_ADDR is the proxy
itself: every visitor would share one rate-limit bucket. The proxy appends the address
it saw to X-Forwarded-For, so the rightmost entry is the one a client cannot forge."""


def client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META["REMOTE_ADDR"]

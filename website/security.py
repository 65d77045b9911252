"""Small security helpers used by the settings."""


def client_ip(request):
    """The visitor's address for login rate limiting (django-axes).

    Behind the TLS proxy every request comes from the proxy, so the address is the last
    entry of X-Forwarded-For (the one our own proxy appended; earlier entries are whatever
    the client claimed). Without the header, REMOTE_ADDR."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")

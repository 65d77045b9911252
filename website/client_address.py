"""The visitor's address, the one way every part of the site reads it.

django-axes (``AXES_CLIENT_IP_CALLABLE``) and every django-ratelimit limit
(``RATELIMIT_IP_META_KEY``) call ``client_ip``, so a lockout and a rate limit always
count the same visitor.

Behind the reverse proxies REMOTE_ADDR is the last proxy, so the visitor is found in
X-Forwarded-For. Only entries appended by our own proxies can be believed: each proxy
appends the address it was contacted from, so with ``TRUSTED_PROXY_COUNT`` proxies in
front of the application the visitor is the entry the outermost one appended, that
many places from the end of X-Forwarded-For followed by REMOTE_ADDR. Everything to the
left of it is whatever the client sent, and is ignored. The header is read at all only
when the request comes from one of ``TRUSTED_PROXY_IPS``: a client reaching the
application server directly gets its own address, whatever header it forges.

django-ipware (python-ipware) parses the header (IPv6, ports, brackets, junk entries)."""

import ipaddress

from django.conf import settings
from ipware import get_client_ip


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in getattr(settings, "TRUSTED_PROXY_IPS", ()):
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0 or not _is_trusted_proxy(remote):
        return remote
    # REMOTE_ADDR is the innermost proxy; the other proxies (proxies - 1 of them) each
    # appended one entry after the visitor's, so the visitor is the entry before them.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=("HTTP_X_FORWARDED_FOR",),
        strict=False,
    )
    # Fewer entries than proxies: the request skipped a proxy (a health check from the
    # machine itself), so the last hop is all we know.
    return address or remote

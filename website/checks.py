"""Deployment checks of our own (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Several workers need one cache: with a cache per process every per-address rate
    limit (newsletter, directory proposals) is multiplied by the number of workers."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The default cache is kept per process.",
                hint="Set REDIS_URL in production so that rate limits hold across all workers.",
                id="website.W001",
            )
        ]
    return []


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver", ""}


@register(Tags.security, deploy=True)
def public_base_url_check(app_configs, **kwargs):
    """Every absolute link in e-mail (issue articles, unsubscribe links and the
    List-Unsubscribe header, Wagtail's moderation mails) is built on
    WAGTAILADMIN_BASE_URL, because a background task has no request to take the host
    from. Pointing at this machine, those links reach nobody and subscribers cannot
    unsubscribe."""
    from urllib.parse import urlsplit

    url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if (
        parts.scheme not in ("http", "https")
        or host in LOCAL_HOSTS
        or host.endswith(".localhost")
        or host.startswith("127.")
    ):
        return [
            Error(
                f"WAGTAILADMIN_BASE_URL is {url!r}: links in e-mails would point at this "
                "machine, not at the public site.",
                hint="Set WAGTAILADMIN_BASE_URL to the site's public address, such as "
                "https://example.org.",
                id="website.E001",
            )
        ]
    return []

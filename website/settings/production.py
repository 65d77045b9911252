"""Production: every secret and host comes from the environment.

A missing required variable stops start-up with one line naming it, rather than
a traceback, so that whoever deploys sees at once what to set.
"""

import sys

from .base import *  # noqa: F403
from .base import DATABASES, env, redis_cache


def _required(name):
    value = env(name, default="")
    if not value:
        sys.stderr.write(
            f"ImproperlyConfigured: the environment variable {name} must be set "
            "for production (see README.md).\n"
        )
        raise SystemExit(1)
    return value


DEBUG = False
# Crawlers are welcome only here (robots.txt); a staging server sets SITE_ENVIRONMENT=staging.
SITE_ENVIRONMENT = env("SITE_ENVIRONMENT", default="production")
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",")]
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS]
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if env("REDIS_URL", default=""):
    CACHES = redis_cache(
        env("REDIS_URL"), key_prefix=env("CACHE_KEY_PREFIX", default="migration-site")
    )

# Persistent database connections (checked before reuse): a connection per request costs
# several milliseconds on every page the shared cache does not hold.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Background tasks go to the database queue; `manage.py db_worker` consumes it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Hardening (manage.py check --deploy is clean with these) ----------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

# --- Newsletter (rate limits): the client address as the reverse proxy reports it ---
RATELIMIT_IP_META_KEY = "newsletter.client_ip.client_ip"

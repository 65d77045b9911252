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
# The public address, for every absolute link in e-mails (newsletter issues, unsubscribe
# links, Wagtail's notifications): there is no request to take it from there.
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL").rstrip("/")


def _proxy_count():
    value = _required("TRUSTED_PROXY_COUNT")
    if not value.isdigit():
        sys.stderr.write(
            "ImproperlyConfigured: TRUSTED_PROXY_COUNT must be the number of reverse "
            f"proxies in front of gunicorn (0, 1, 2…), not {value!r}.\n"
        )
        raise SystemExit(1)
    return int(value)


# How many proxies append to X-Forwarded-For before gunicorn (deploy/: nginx and
# Varnish, so 2). Required: a wrong guess either lets clients forge their address
# (past the login lockout and rate limits) or puts every visitor behind one address.
TRUSTED_PROXY_COUNT = _proxy_count()
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS]
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Media: on disk behind nginx, or on S3-compatible object storage -----------------
# Documents always go through Wagtail's serve view (its permission check first). On disk,
# nginx then sends the file (X-Accel-Redirect to its internal /private-media/ location,
# deploy/nginx/site.conf); DOCUMENT_SERVING=django streams it from Python instead (no
# nginx in front). On object storage, the view redirects to a signed URL that expires.
if env("DOCUMENT_SERVING", default="nginx") == "nginx":
    SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    SENDFILE_ROOT = str(MEDIA_ROOT)  # noqa: F405
    SENDFILE_URL = "/private-media"

if env("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "website.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "querystring_auth": True,
            "querystring_expire": env.int("S3_SIGNED_URL_SECONDS", default=60),
            "file_overwrite": False,
            "default_acl": None,
            "addressing_style": env("S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
        },
    }
    MEDIA_PUBLIC_DOMAIN = env("S3_PUBLIC_DOMAIN", default="")
    MEDIA_PUBLIC_ACL = env("S3_PUBLIC_ACL", default="public-read")
    WAGTAILDOCS_SERVE_METHOD = "redirect"

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
# The health check is asked over plain HTTP by the proxy and the process manager.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

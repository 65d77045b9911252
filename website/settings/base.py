"""Settings shared by every environment.

Everything that differs between machines (secrets, hosts, database, mail, media)
is read from the environment through django-environ; `dev`, `test` and
`production` only change defaults and hardening.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The project's own apps come first so their templates win.
    "home",
    "news",
    "events",
    "resources",
    "newsletter",
    "search",
    "editorial",
    "glossary",
    "directory",
    "activities",
    "navigation",
    "trainers",
    "registrations",
    "bilingual",
    "reach",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "website.apps.WebsiteConfig",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "reach.middleware.BeaconMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control first among ours (its response phase runs last, after the session
    # and CSRF middleware set their cookies), then the CSP header.
    "website.http_cache.CacheHeadersMiddleware",
    "website.security.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bilingual.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "website.media.DocumentResponseMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "trainers.middleware.PrivateForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite in a git-ignored file of the checkout unless DATABASE_URL names another
# database (PostgreSQL in production and CI: postgres://user@host:5432/name).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
on_postgresql = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if on_postgresql:
    # Django's backend, with a flush that deletes rows (website/database/base.py).
    DATABASES["default"]["ENGINE"] = "website.database"
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
# Turkish is the default language; every public URL starts with /tr/ or /en/.
LANGUAGE_CODE = "tr"
LANGUAGES = [
    ("tr", _("Turkish")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Istanbul"

# --- Static and media --------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Mail ----------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 ; console in development.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Göç ve Sivil Toplum <noreply@example.org>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Cache -----------------------------------------------------------------------
# Redis in production (REDIS_URL), local memory elsewhere.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "site-default",
    }
}


def redis_cache(url, key_prefix="migration-site"):
    """The Redis cache as production uses it. It only holds what can be rebuilt (Wagtail's
    site root paths and renditions lookups, rate-limit counters), so an outage must not
    take the site down: errors are ignored (the cache then misses, rate limits let
    requests through) and logged at most once a minute (website.apps)."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "website.cache_outage"
# With the cache down, django-ratelimit lets requests through rather than refusing all.
RATELIMIT_FAIL_OPEN = True

# --- Background tasks (django-tasks, as Wagtail itself uses) ----------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Wagtail -------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Göç ve Sivil Toplum")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.SiteImage"
WAGTAILDOCS_DOCUMENT_MODEL = "home.SiteDocument"
# Only document types that belong on this site; anything else is refused on upload.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
# Wagtail serves documents itself so that collection privacy is always enforced.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of each staff e-mail address to a third party on
# every admin page (the hash of a known address is easy to match). Staff without an
# uploaded avatar get Wagtail's default image, served by the site itself.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# A new translation starts as a draft, even when its source is live: it reaches
# readers through the translation editor's "Publish" (for users who may publish in
# that tree) or the tree's review, never by being created (bilingual/publishing.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.SiteImageForm"

# --- Search (search app), sitemap and robots.txt (home app) ------------------------
# On PostgreSQL each language is indexed and searched with its own text-search
# configuration (search/backend.py); SQLite keeps Wagtail's default database backend.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend" if on_postgresql else "wagtail.search.backends.database"
    }
}
# "production" lets crawlers in (robots.txt); anything else refuses them.
SITE_ENVIRONMENT = env("SITE_ENVIRONMENT", default="development")

# Restricted documents and pages send visitors to the trainers' sign-in (trainers app),
# never to the CMS login.
WAGTAIL_FRONTEND_LOGIN_URL = "trainers:sign_in"

# --- Trainer access (trainers app) ---------------------------------------------------
# Trainers sign in with one-time e-mail links (django-sesame): each link works once
# (signing in renews last_login, which is part of every token) and for a short time.
SESAME_ONE_TIME = True
SESAME_MAX_AGE = env.int("TRAINER_SIGN_IN_LINK_SECONDS", default=15 * 60)
# The first link, in the approval e-mail, may wait a few days.
TRAINER_WELCOME_LINK_MAX_AGE = env.int("TRAINER_WELCOME_LINK_SECONDS", default=3 * 24 * 3600)
# How long an approval opens the kits, unless the moderator chooses otherwise.
TRAINER_ACCESS_DAYS = env.int("TRAINER_ACCESS_DAYS", default=365)
TRAINER_REQUEST_RATE = env("TRAINER_REQUEST_RATE", default="5/h")
TRAINER_SIGN_IN_RATE = env("TRAINER_SIGN_IN_RATE", default="10/h")

# --- Bilingual editing (bilingual app) -------------------------------------------
# ASCII slugs: the admin's slug field transliterates Turkish letters (ı -> i, ş -> s…)
# and the server does the same (bilingual.slugs, bilingual.text.turkish_slugify).
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Security headers, login rate limiting ---------------------------------------------
# Content-Security-Policy in every environment, so the browser tests see the real one.
# The only inline code is the brand-colour <style> in base.html, allowed by its hash
# (website.security.allow_inline_style): cached pages repeat it, so no nonce.
# The Wagtail admin ships its own inline scripts and styles: it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Failed admin logins: 5 tries per account, from whatever addresses (guesses spread over
# many addresses lock the account too), or per address, whatever the accounts (guessing
# many accounts from one place), then a 15-minute lock.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# --- The client address (website/client_address.py) ----------------------------------
# One answer for the login lockout and every rate limit. How many reverse proxies stand
# in front of the application (each appends to X-Forwarded-For): 0 means none, so the
# header is ignored. The header is read only from a proxy in TRUSTED_PROXY_IPS.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT", default="0")
# (production.py refuses a value that is not a number, with a clear message)
TRUSTED_PROXY_COUNT = int(TRUSTED_PROXY_COUNT) if TRUSTED_PROXY_COUNT.isdigit() else 0
TRUSTED_PROXY_IPS = env.list("TRUSTED_PROXY_IPS", default=["127.0.0.1", "::1"])
AXES_CLIENT_IP_CALLABLE = "website.client_address.client_ip"
RATELIMIT_IP_META_KEY = "website.client_address.client_ip"

# Sitemap entries for public pages that are not Wagtail pages (home/sitemap.py).
SITEMAP_EXTRA_ENTRIES = [
    "directory.sitemap.sitemap_entries",
    "activities.sitemap.sitemap_entries",
    "newsletter.sitemap.sitemap_entries",
]
# Sections of the site search for what is not a page (search/views.py).
SITE_SEARCH_EXTRA_SECTIONS = ["directory.search.matching_organisations"]

# --- HTTP caching (website/http_cache.py, deploy/varnish/site.vcl) -----------------------
# Anonymous answers: how long the shared cache (Varnish) may keep them (a purge on publish
# drops them earlier), and how long a browser may.
CACHE_SHARED_SECONDS = env.int("CACHE_SHARED_SECONDS", default=600)
CACHE_BROWSER_SECONDS = env.int("CACHE_BROWSER_SECONDS", default=60)
# The masthead, menus and footer every page shares, kept in Django's cache (website/
# chrome.py); forgotten when what they show changes, this long at most otherwise.
CHROME_CACHE_SECONDS = env.int("CHROME_CACHE_SECONDS", default=3600)

# Purges sent to Varnish when content changes (website/frontend_cache.py), from the task
# worker. VARNISH_URL is where Varnish listens for them, e.g. http://127.0.0.1:6081;
# without it (development) nothing is purged.
VARNISH_URL = env("VARNISH_URL", default="")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "website.frontend_cache.VarnishBackend", "LOCATION": VARNISH_URL}
    }
# Each language's pages have their own URLs: no rewriting of a purged URL into the others.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# What a change to these shows on: "*" every page (the header, the footer, the labels of
# listings, images and documents in pages), "directory" the NGO directory and the sitemap.
FRONTEND_CACHE_BAN_ON = {
    "home.SiteProfile": "*",
    "home.Partner": "*",
    "home.SocialSettings": "*",
    "navigation.Menu": "*",
    "wagtailsearchpromotions.SearchPromotion": "*",
    "home.SiteImage": "*",
    "home.SiteDocument": "*",
    "newsletter.ConsentText": "*",
    "news.NewsCategory": "*",
    "events.EventType": "*",
    "resources.Topic": "*",
    "activities.Activity": "*",
    "activities.KeyFigure": "*",
    "glossary.GlossaryTerm": "*",
    "wagtailcore.PageViewRestriction": "*",
    "wagtailcore.Locale": "*",
    "wagtailcore.Site": "*",
    "wagtailredirects.Redirect": "*",
    "directory.Organisation": "directory",
    "directory.Province": "directory",
    "directory.FieldOfWork": "directory",
}
# Pages that list a page without being its ancestors, purged with it.
FRONTEND_CACHE_RELATED_PAGES = ["activities.models.pages_showing"]
# Whether every page shows a page (the editors' menus, the footer's privacy link): a
# change to it bans the whole site and forgets the cached chrome (website/chrome.py).
FRONTEND_CACHE_IN_CHROME = ["navigation.models.named_in_chrome"]

# Event registrations (registrations app): personal data is erased this many months
# after the event (the counts stay); the form is rate limited per client address.
REGISTRATION_ERASE_AFTER_MONTHS = env.int("REGISTRATION_ERASE_AFTER_MONTHS", default=6)
REGISTRATION_RATE = env("REGISTRATION_RATE", default="10/10m")

import logging
import threading
import time

from django.apps import AppConfig
from django.conf import settings


class WebsiteConfig(AppConfig):
    """The project package as an app, so its signal handlers (purges of the shared HTTP
    cache) are connected in every process: web servers, `publish_scheduled`, the worker."""

    name = "website"
    label = "website"
    verbose_name = "Website"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
        from .frontend_cache import connect_signals

        connect_signals()

        # A cache outage is logged once a minute, not once per request (django-redis
        # logs every ignored error to this logger; see redis_cache in the settings).
        logging.getLogger(settings.DJANGO_REDIS_LOGGER).addFilter(OncePerInterval(60))


class OncePerInterval(logging.Filter):
    """Lets one record through per interval; the others are dropped."""

    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds
        self.last = None
        self.lock = threading.Lock()

    def filter(self, record):
        now = time.monotonic()
        with self.lock:
            if self.last is not None and now - self.last < self.seconds:
                return False
            self.last = now
            return True

from django.apps import AppConfig


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

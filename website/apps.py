from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The project package as an app, so its signal handlers (page-cache purging) are
    connected in every process: web servers, `publish_scheduled`, the task worker."""

    name = "website"
    label = "website"
    verbose_name = "Website"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
        from .cache import connect_signals

        connect_signals()

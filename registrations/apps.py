from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_moderators(sender, using="default", **kwargs):
    """The Moderators (the communications lead, who runs the events) manage registrations.
    Run after the last app's migrations, when every permission exists."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label:
        return
    from editorial.roles import MODERATORS, grant_app_permissions

    grant_app_permissions(apps, group_name=MODERATORS, app_label="registrations")


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Event registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(grant_moderators, dispatch_uid="registrations_moderators")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainersConfig(AppConfig):
    name = "trainers"
    verbose_name = _("Trainer access")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.documents.models import document_served

        from . import signals

        post_migrate.connect(signals.grant_moderator_permissions, dispatch_uid="trainers_perms")
        document_served.connect(signals.record_direct_download, dispatch_uid="trainers_direct")

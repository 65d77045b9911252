"""Keep roles right as the site grows: a new language's home page gets the role
permissions and the review workflow; the newsletter app's permissions go to the
Newsletter managers after every migrate. Also the signal a rejected review sends."""

from django.apps import apps as django_apps
from django.db.models.signals import post_migrate, post_save
from django.dispatch import Signal

from . import roles

# Sent by ``ReviewTask`` (sender ``WorkflowState``; ``instance``, ``user``) when a moderator
# rejects a page: the review is over, the draft kept. Wagtail has no signal that says so:
# its ``workflow_rejected`` means "changes requested", and ``workflow_cancelled`` is also
# sent when an author withdraws their own page.
review_declined = Signal()


def set_up_new_home(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.depth != 2:
        return
    roles.set_up_home(django_apps, instance)


def grant_newsletter_permissions(sender, using="default", **kwargs):
    # post_migrate is sent once per app that has models; the last one sees every
    # app's permissions (created by django.contrib.auth's own post_migrate handler).
    with_models = [config for config in django_apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label:
        return
    roles.grant_app_permissions(django_apps)


def sync_trees_unless_raw(instance, raw=False, **kwargs):
    """wagtail-localize synchronises the trees whenever a LocaleSynchronization is
    saved, also while fixtures or a test database snapshot are being loaded (raw
    saves), when the locales it points at may not be there yet."""
    if not raw:
        instance.sync_trees()


def connect():
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    from home.models import HomePage

    post_save.connect(set_up_new_home, sender=HomePage, dispatch_uid="editorial_new_home")
    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(
        sync_trees_unless_raw, sender=LocaleSynchronization, dispatch_uid="editorial_sync_trees"
    )
    post_migrate.connect(grant_newsletter_permissions, dispatch_uid="editorial_newsletter_perms")

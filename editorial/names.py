"""Workflow, task and group names in the reader's language.

Wagtail and Django keep these names as data and show them as stored, in every screen,
e-mail and action label ("Submit to …"). The roles and the review workflow this project
creates are stored under their English names (``editorial.roles``: code, migrations and
natural keys know them by those names). When one of them is loaded, its name becomes a
``ShownName``: the stored name for the database, comparisons and natural keys, which
turns into the active language's words wherever it is turned into text, as templates,
``%`` formatting and form widgets do. So a Turkish editor's "Submit to …" action names
"Yayın öncesi inceleme" and an English one's "Review before publishing", and Wagtail's
e-mails, rendered in each recipient's language, name the task in that language. A
Turkish administrator who saves a role's form saves the stored name, not the Turkish
words. Names typed by administrators are shown as typed.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_init, post_save, pre_save
from django.utils.translation import override, pgettext_lazy
from wagtail.models import Task, Workflow

from . import roles

NAMES = {
    roles.EDITORS: pgettext_lazy("admin group", "Editors"),
    roles.MODERATORS: pgettext_lazy("admin group", "Moderators"),
    roles.TRANSLATORS: pgettext_lazy("admin group", "Translators"),
    roles.NEWSLETTER_MANAGERS: pgettext_lazy("admin group", "Newsletter managers"),
    roles.WORKFLOW_NAME: pgettext_lazy("workflow", "Review before publishing"),
    roles.TASK_NAME: pgettext_lazy("workflow task", "Moderators' review"),
    # Wagtail's own first workflow and task (its migrations make them; disabled here).
    "Moderators approval": pgettext_lazy("workflow", "Moderators approval"),
}


def stored_name(shown):
    """The stored name whose translation, in any of the site's languages, is ``shown``."""
    for stored, translated in NAMES.items():
        for language, _label in settings.LANGUAGES:
            with override(language):
                if str(translated) == shown:
                    return stored
    return shown


class ShownName(str):
    """A stored name that displays itself in the active language."""

    def __str__(self):
        return str(NAMES[str.__str__(self)])


def show_translated(sender, instance, **kwargs):
    if "name" in instance.get_deferred_fields():
        return
    if instance.name in NAMES:
        instance.name = ShownName(instance.name)


def store_untranslated(sender, instance, raw=False, **kwargs):
    """A form shows a role's name translated and posts it back so; and Django's
    serialisers turn field values into text, so ``dumpdata`` writes the name in the
    active language (natural keys keep the stored one) and ``loaddata`` (a raw save)
    puts the stored name back."""
    if isinstance(instance.name, ShownName):
        return
    stored = stored_name(instance.name)
    if stored == instance.name:
        return
    if not raw and instance.pk is None and sender._default_manager.filter(name=stored).exists():
        return  # a new object typed with a role's translated name stays as typed
    instance.name = stored


def named_models():
    """Group, Workflow and every kind of Task: signals are sent with the instance's
    own class, and a task is loaded as its specific kind too."""
    return [Group, Workflow] + [m for m in apps.get_models() if issubclass(m, Task)]


def connect():
    for model in named_models():
        uid = f"names-{model._meta.label}"
        post_init.connect(show_translated, sender=model, dispatch_uid=uid)
        pre_save.connect(store_untranslated, sender=model, dispatch_uid=uid)
        post_save.connect(show_translated, sender=model, dispatch_uid=uid)

"""Moderators (the communications lead) get the donor report: ``roles.GROUP_PERMISSIONS``
now gives them ``roles.DONOR_REPORT``, which Reports → "Donor report (CSV)" and "Reach"
ask for. Until now no group had it, so only a superuser could export the report.

An existing installation has the permission, and ``ensure_groups`` adds it as it added
the others. On a new one, migrations run before Django creates the models' permissions
(on ``post_migrate``), so the activities app's are created here first, the way Django
itself creates them; its ``post_migrate`` then finds them made."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial import roles


def forwards(apps, schema_editor):
    app_label, _codename = roles.DONOR_REPORT
    create_permissions(
        global_apps.get_app_config(app_label),
        verbosity=0,
        using=schema_editor.connection.alias,
        apps=apps,
    )
    roles.ensure_groups(apps)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = roles.DONOR_REPORT
    group = Group.objects.filter(name=roles.MODERATORS).first()
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if group is not None and permission is not None:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_review_task_publish_as_pair"),
        ("activities", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

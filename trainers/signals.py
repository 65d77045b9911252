"""Signal handlers: the moderators' permissions, and downloads from direct document URLs."""

from django.apps import apps as global_apps

MODERATOR_PERMISSIONS = [
    ("trainers", "view_accessrequest"),
    ("trainers", "change_accessrequest"),
    ("trainers", "view_trainer"),
    ("trainers", "change_trainer"),
    ("trainers", "add_consenttext"),
    ("trainers", "change_consenttext"),
]


def grant_moderator_permissions(sender, apps=global_apps, **kwargs):
    """Moderators decide access requests and revoke access (after every migrate, so a new
    installation and an old one end up the same)."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    from editorial.roles import MODERATORS

    group = Group.objects.filter(name=MODERATORS).first()
    if group is None:
        return
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def record_direct_download(sender, instance, request=None, **kwargs):
    """A trainer opened a restricted document by its own URL (/documents/…): record it
    against the granted kit that holds it. The kits' own routes record themselves."""
    if request is None:
        return
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtaildocs_serve":
        return
    from .access import ReaderAccess, record_download

    access = ReaderAccess(request)
    if access.trainer is None or not access.is_restricted(instance):
        return
    record_download(request, access.kit_for(instance), instance, route="direct")

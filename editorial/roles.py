"""The editorial roles and what each may do.

The functions take an ``apps`` registry so the same code runs in the data migration
(historical models) and at run time (``django.apps.apps``), e.g. when a new
language's home page appears.

Page permissions sit on each language's home page, never on the tree root:

=====================  =========================  ==============================
group                  source tree (Turkish)      translation trees (English, …)
=====================  =========================  ==============================
Editors                add, change                add, change
Moderators             add, change, publish,      add, change, publish,
                       lock, unlock               lock, unlock
Translators            none                       change, publish
Newsletter managers    none                       none
=====================  =========================  ==============================

Publishing (and unpublishing) needs ``publish``: editors submit their drafts to the
review workflow instead. Translators may publish *translations* (the content was
approved in Turkish; wagtail-localize's translation editor has only a "Publish"
action), but never the Turkish source pages.
"""

from django.conf import settings

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
NEWSLETTER_MANAGERS = "Newsletter managers"
ROLES = [EDITORS, MODERATORS, TRANSLATORS, NEWSLETTER_MANAGERS]

WORKFLOW_NAME = "Review before publishing"
TASK_NAME = "Moderators' review"

MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
PAGE_PERMISSIONS = {
    EDITORS: {"source": ["add_page", "change_page"], "translation": ["add_page", "change_page"]},
    MODERATORS: {"source": MODERATOR_PAGE_PERMISSIONS, "translation": MODERATOR_PAGE_PERMISSIONS},
    TRANSLATORS: {"source": [], "translation": ["change_page", "publish_page"]},
}

# Model permissions, as (app_label, codename).
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
# Reports → "Donor report (CSV)" and "Reach" ask for it (activities and reach apps); it
# also opens the activities listing, read-only.
DONOR_REPORT = ("activities", "view_activity")
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
GROUP_PERMISSIONS = {
    EDITORS: [ADMIN_ACCESS, SUBMIT_TRANSLATION],
    MODERATORS: [ADMIN_ACCESS, SUBMIT_TRANSLATION, DONOR_REPORT],
    TRANSLATORS: [ADMIN_ACCESS, SUBMIT_TRANSLATION],
    NEWSLETTER_MANAGERS: [ADMIN_ACCESS],
}
# Permissions on the root collection (images and documents are shared by all).
COLLECTION_PERMISSIONS = {
    EDITORS: MEDIA_PERMISSIONS,
    MODERATORS: MEDIA_PERMISSIONS,
    TRANSLATORS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
}
NEWSLETTER_APP_LABEL = "newsletter"


def source_language():
    return settings.LANGUAGE_CODE.split("-")[0]


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def ensure_groups(apps):
    """The four groups with their admin-wide and collection permissions."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, codename in GROUP_PERMISSIONS.get(name, []):
            permission = _permission(apps, app_label, codename)
            if permission is not None:
                group.permissions.add(permission)
        for app_label, codename in COLLECTION_PERMISSIONS.get(name, []):
            permission = _permission(apps, app_label, codename)
            if permission is not None and root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return groups


def grant_tree_permissions(apps, home):
    """Give each role its page permissions on ``home`` (a language's home page)."""
    Group = apps.get_model("auth", "Group")
    Locale = apps.get_model("wagtailcore", "Locale")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    language = Locale.objects.get(pk=home.locale_id).language_code
    kind = "source" if language == source_language() else "translation"
    for group_name, permissions in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in permissions[kind]:
            permission = _permission(apps, "wagtailcore", codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=home.pk, permission=permission
                )


def assign_workflow(apps, home):
    """Put ``home`` (and so its whole tree) under the review workflow."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return
    WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


def set_up_home(apps, home):
    grant_tree_permissions(apps, home)
    assign_workflow(apps, home)


def grant_app_permissions(apps, group_name=NEWSLETTER_MANAGERS, app_label=NEWSLETTER_APP_LABEL):
    """Every permission of ``app_label``'s models, for ``group_name``.

    The newsletter app's models are made in parallel with this one, so this runs
    after every ``migrate`` and picks up whatever models the app has by then. The
    group itself comes from the editorial migration: a flushed test database has
    none, and making one here would clash with the snapshot restored after it."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return []
    permissions = list(Permission.objects.filter(content_type__app_label=app_label))
    access = _permission(apps, *ADMIN_ACCESS)
    if access is not None:
        permissions.append(access)
    group.permissions.add(*permissions)
    return permissions

"""Editorial roles, their page permissions on each language tree, the review
workflow on both homes, and English kept in sync with Turkish by wagtail-localize.

Runs on a fresh database right after the home app made the Turkish home; the
English home is made later (as a translation) and gets the same set-up from
``editorial.signals``."""

from django.db import migrations

from editorial import roles


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ReviewTask = apps.get_model("editorial", "ReviewTask")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")

    groups = roles.ensure_groups(apps)

    # The review workflow: one task, moderated by the Moderators group.
    workflow, _ = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _ = ContentType.objects.get_or_create(app_label="editorial", model="reviewtask")
        task = ReviewTask.objects.create(name=roles.TASK_NAME, content_type=task_type, active=True)
        task.groups.add(groups[roles.MODERATORS])
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)

    # Wagtail's own defaults put Editors and Moderators on the tree root and the
    # "Moderators approval" workflow there; move both to each language's home.
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        GroupPagePermission.objects.filter(
            page=root, group__name__in=[roles.EDITORS, roles.MODERATORS]
        ).delete()
        WorkflowPage.objects.update_or_create(page_id=root.pk, defaults={"workflow": workflow})
    Workflow.objects.filter(name="Moderators approval").exclude(pk=workflow.pk).update(active=False)

    for home in Page.objects.filter(depth=2):
        roles.set_up_home(apps, home)

    # Synchronised trees: every other language follows the source language.
    source = Locale.objects.filter(language_code=roles.source_language()).first()
    if source is not None:
        for locale in Locale.objects.exclude(pk=source.pk):
            LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("home", "0002_initial_site"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

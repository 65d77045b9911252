"""Admin wiring: the translation report (Reports menu), the page's translation
status (page header menu), the dashboard panels, and a guard for translations
whose source page was deleted."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page, PageLogEntry, TaskState
from wagtail.permissions import policy_registry

from events.models import EventPage
from website.admin_access import PermissionMenuItem, explain_refusal

from . import drafts, translation_status, views

# --- URLs and menu ---------------------------------------------------------------

MISSING_TRANSLATIONS = _("Missing translations")


@hooks.register("register_admin_urls")
def register_admin_urls():
    report = explain_refusal(MISSING_TRANSLATIONS)
    return [
        path(
            "reports/translations/",
            report(views.TranslationStatusReportView.as_view()),
            name="editorial_translation_report",
        ),
        path(
            "reports/translations/results/",
            report(views.TranslationStatusReportView.as_view(results_only=True)),
            name="editorial_translation_report_results",
        ),
        path(
            "translation-status/<int:page_id>/",
            explain_refusal(_("Translation status"))(views.page_status),
            name="editorial_page_translation_status",
        ),
        path(
            "translation-status/<int:page_id>/sync/",
            explain_refusal(_("Sync translations of this section"))(views.sync_section),
            name="editorial_sync_section",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return PermissionMenuItem(
        MISSING_TRANSLATIONS,
        reverse("editorial_translation_report"),
        permissions=views.TranslationStatusReportView.any_permission_required,
        any_of=True,
        policy=policy_registry.get_by_type(Page),
        name="missing-translations",
        icon_name="wagtail-localize-language",
        order=250,
    )


# --- The page's translation status ------------------------------------------------


@hooks.register("register_page_header_buttons")
def translation_status_header_button(page, user, view_name=None, next_url=None):
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    rows = translation_status.for_page(page)
    if not rows:
        return
    summary = ", ".join(f"{row.locale.get_display_name()}: {row.label}" for row in rows[:3])
    yield ListingButton(
        gettext("Translation status (%(summary)s)") % {"summary": summary},
        reverse("editorial_page_translation_status", args=[page.pk]),
        priority=62,
        icon_name="wagtail-localize-language",
    )


# --- Translations of a deleted source -----------------------------------------------


@hooks.register("before_edit_page")
def explain_translation_of_deleted_source(request, page):
    """When a translation's source page is deleted, wagtail-localize drops its
    translation records and the translation lives on as an ordinary page. Say so
    to whoever opens it, instead of leaving the translator wondering where the
    translation editor went. Nothing is deleted or changed."""
    if page.alias_of_id:
        return None
    if request.method == "POST":
        return _refuse_stale_translation_editor_post(request, page)
    source_language = translation_status.source_language()
    if page.locale.language_code == source_language:
        return None
    has_source = (
        Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .exclude(pk=page.pk)
        .exists()
    )
    was_translated = PageLogEntry.objects.filter(
        page_id=page.pk, action="wagtail.copy_for_translation"
    ).exists()
    if was_translated and not has_source:
        messages.warning(
            request,
            gettext(
                "The page this translation was made from has been deleted. The translation "
                "is kept and can be edited here as an independent page."
            ),
        )
    return None


def _refuse_stale_translation_editor_post(request, page):
    """wagtail-localize's editor posts only ``action=publish``. If its translation
    record is gone (source deleted while the editor was open), Wagtail's own edit
    view would receive that incomplete form and fail; answer with a message instead."""
    from wagtail_localize.models import Translation

    if "action" not in request.POST or "title" in request.POST:
        return None
    if Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).exists():
        return None  # a live translation: wagtail-localize handles the post
    messages.error(
        request,
        gettext(
            "This translation's source page has been deleted, so the translation editor "
            "can no longer publish it. Nothing was changed; the page is now edited here."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- Dashboard ------------------------------------------------------------------------


class ReviewQueuePanel(Component):
    name = "editorial_waiting_for_review"
    template_name = "editorial/panels/waiting_for_review.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = (
            TaskState.objects.reviewable_by(request.user)
            .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
            .select_related("workflow_state__requested_by", "task")
            .order_by("-started_at")[:10]
        )
        states = list(states)
        pages = Page.objects.in_bulk(
            [
                int(s.workflow_state.object_id)
                for s in states
                if s.workflow_state.object_id.isdigit()
            ]
        )
        items = [
            {"state": s, "page": pages.get(int(s.workflow_state.object_id))}
            for s in states
            if s.workflow_state.object_id.isdigit()
        ]
        return {"items": [item for item in items if item["page"] is not None]}


class MyDraftsPanel(Component):
    name = "editorial_my_drafts"
    template_name = "editorial/panels/my_drafts.html"
    order = 95

    def get_context_data(self, parent_context):
        return {"drafts": drafts.for_user(parent_context["request"].user)}


class MissingTranslationsPanel(Component):
    name = "editorial_missing_translations"
    template_name = "editorial/panels/missing_translations.html"
    order = 96

    def get_context_data(self, parent_context):
        rows = [row for row in translation_status.compute() if row.needs_work]
        counts = {}
        for row in rows:
            counts.setdefault(row.locale, 0)
            counts[row.locale] += 1
        return {"rows": rows[:8], "counts": counts, "total": len(rows)}


def upcoming_events(limit=5):
    """The next events, in any language and live or not: editors prepare them here."""
    return list(
        EventPage.objects.filter(start__gte=timezone.now())
        .select_related("locale")
        .order_by("start")[:limit]
    )


class UpcomingEventsPanel(Component):
    name = "editorial_upcoming_events"
    template_name = "editorial/panels/upcoming_events.html"
    order = 97

    def get_context_data(self, parent_context):
        return {"events": upcoming_events()}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    user = request.user
    # Ours replaces Wagtail's "Awaiting your review" so the list is not shown twice.
    panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
    panels.append(ReviewQueuePanel())
    panels.append(MyDraftsPanel())
    if views.can_see_translation_status(user):
        panels.append(MissingTranslationsPanel())
        panels.append(UpcomingEventsPanel())

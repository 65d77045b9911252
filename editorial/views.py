"""Admin views: the translation status report, one page's translation status, and
"sync translations" for a page and everything below it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from website.spreadsheets import LocalisedSpreadsheetExportMixin

from . import translation_status


def can_see_translation_status(user):
    return policy_registry.get_by_type(Page).user_has_any_permission(
        user, ["add", "change", "publish"]
    )


class TranslationStatusReportView(LocalisedSpreadsheetExportMixin, ReportView):
    """Pages whose translation is missing or older than its source, per language; its
    export follows the project's spreadsheet rules (website.spreadsheets)."""

    results_template_name = "editorial/reports/translation_status_results.html"
    page_title = _("Missing and outdated translations")
    header_icon = "wagtail-localize-language"
    index_url_name = "editorial_translation_report"
    index_results_url_name = "editorial_translation_report_results"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100
    list_export = ["source_title", "language", "status_label", "translation_title"]
    export_headings = {
        "source_title": _("Source page"),
        "language": _("Language"),
        "status_label": _("Status"),
        "translation_title": _("Translation"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    @cached_property
    def language(self):
        code = self.request.GET.get("language", "")
        return code if Locale.objects.filter(language_code=code).exists() else ""

    @cached_property
    def status(self):
        status = self.request.GET.get("status", "")
        return status if status in translation_status.NEEDS_WORK else ""

    def get_queryset(self):
        rows = translation_status.needing_work(self.language or None, self.status or None)
        for row in rows:  # flat attributes for the spreadsheet export
            row.source_title = row.source.title
            row.language = row.locale.get_display_name()
            row.status_label = str(row.label)
            row.translation_title = row.translation.title if row.translation else ""
        return rows

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["locales"] = Locale.objects.exclude(
            language_code=translation_status.source_language()
        ).order_by("language_code")
        context["current_language"] = self.language
        context["current_status"] = self.status
        context["status_labels"] = {
            key: translation_status.STATUS_LABELS[key] for key in translation_status.NEEDS_WORK
        }
        return context


def page_status(request, page_id):
    """One page pair: status per language, what changed, links to act on it."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        messages.error(request, gettext("That page no longer exists, so it has no translations."))
        return redirect("editorial_translation_report")
    if not page.permissions_for_user(request.user).can_edit() and not can_see_translation_status(
        request.user
    ):
        raise PermissionDenied
    rows = translation_status.for_page(page)
    return TemplateResponse(
        request,
        "editorial/page_translation_status.html",
        {
            "page": page,
            "rows": rows,
            "can_sync": request.user.has_perm("wagtail_localize.submit_translation"),
        },
    )


def _sync_section(page, user, publish):
    """Update wagtail-localize's copy of each page's source content (its strings)
    for ``page`` and its descendants, and re-save the translations the user may edit:
    published only where asked and the user may publish that translation, drafts
    otherwise (``bilingual.admin_views.save_translations``). View restrictions are not
    touched (only the privacy dialog changes them). Pages translated outside
    wagtail-localize are left alone."""
    from wagtail_localize.models import TranslationSource

    from bilingual.admin_views import save_translations

    synced = skipped = 0
    for source_page in page.get_descendants(inclusive=True).filter(alias_of__isnull=True):
        source = TranslationSource.objects.get_for_instance_or_none(source_page)
        translations = source.translations.filter(enabled=True) if source else None
        if not translations or not translations.exists():
            skipped += 1
            continue
        source.update_from_db()
        save_translations(translations.select_related("target_locale", "source"), user, publish)
        synced += 1
    return synced, skipped


@require_POST
def sync_section(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        messages.error(request, gettext("That page no longer exists; nothing was synchronised."))
        return redirect("editorial_translation_report")
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    page = page.specific
    publish = bool(request.POST.get("publish"))
    synced, skipped = _sync_section(page, request.user, publish)
    messages.success(
        request,
        gettext(
            "Translations synchronised for %(synced)d page(s) under “%(title)s”; "
            "%(skipped)d page(s) have no wagtail-localize translation and were left unchanged."
        )
        % {"synced": synced, "title": page.get_admin_display_title(), "skipped": skipped},
    )
    return redirect(reverse("editorial_page_translation_status", args=[page.pk]))

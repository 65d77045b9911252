from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.admin_access import PermissionMenuItem, explain_refusal

from .models import Topic
from .views import DownloadsReportView


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


register_snippet(TopicViewSet)

KIT_DOWNLOADS = _("Training kit downloads")


@hooks.register("register_admin_urls")
def register_report_urls():
    explained = explain_refusal(KIT_DOWNLOADS)
    return [
        path(
            "reports/kit-downloads/",
            explained(DownloadsReportView.as_view()),
            name="resources_downloads_report",
        ),
        path(
            "reports/kit-downloads/results/",
            explained(DownloadsReportView.as_view(results_only=True)),
            name="resources_downloads_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    # The report's own check: a page permission anywhere in either tree.
    return PermissionMenuItem(
        KIT_DOWNLOADS,
        reverse("resources_downloads_report"),
        permissions=DownloadsReportView.any_permission_required,
        any_of=True,
        policy=policy_registry.get_by_type(Page),
        name="kit-downloads",
        icon_name="download",
        order=1300,
    )

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from website.admin_access import PermissionMenuItem, explain_refusal
from website.report_period import ReportPeriodForm

from .models import Activity, KeyFigure
from .reporting import report_csv


class ActivityViewSet(SnippetViewSet):
    model = Activity
    icon = "list-ol"
    list_display = ["__str__", "status", "planned_start", "planned_end", "locale"]
    list_filter = ["status", "locale"]
    search_fields = ["title"]


class KeyFigureViewSet(SnippetViewSet):
    model = KeyFigure
    icon = "order"
    list_display = ["label", "display_value", "unit", "date", "locale"]
    list_filter = ["locale"]


class ResultsGroup(SnippetViewSetGroup):
    items = (ActivityViewSet, KeyFigureViewSet)
    menu_icon = "list-ol"
    menu_label = _("Activities and results")
    menu_name = "activities"
    menu_order = 300


register_snippet(ResultsGroup)


DONOR_REPORT = _("Donor report (CSV)")
# Who may read the activities may report on them (granted to Moderators: editorial.roles).
DONOR_REPORT_PERMISSION = "activities.view_activity"


def donor_report_view(request):
    if not request.user.has_perm(DONOR_REPORT_PERMISSION):
        raise PermissionDenied
    form = ReportPeriodForm(request.GET or None)
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        response = HttpResponse(
            report_csv(start, end, get_language()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="activities-{start}-{end}.csv"'
        return response
    return render(request, "activities/admin/donor_report.html", {"form": form})


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path(
            "reports/donor-report/",
            explain_refusal(DONOR_REPORT)(donor_report_view),
            name="activities_donor_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        DONOR_REPORT,
        reverse("activities_donor_report"),
        permissions=DONOR_REPORT_PERMISSION,
        icon_name="list-ol",
        order=900,
    )

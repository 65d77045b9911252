"""Admin: Reports → Reach (a period's figures) and the dashboard panel (last 30 days)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError
from wagtail import hooks
from wagtail.admin.ui.components import Component

from website.admin_access import PermissionMenuItem, explain_refusal, user_has
from website.report_period import ReportPeriodForm

from . import figures
from .counting import counter

REACH = _("Reach")
# The people who may read the donor report (activities) may read the reach figures.
REACH_PERMISSIONS = ["reach.view_dailypagecount", "activities.view_activity"]


def can_see_reach(user):
    return user_has(user, REACH_PERMISSIONS, any_of=True)


def _languages(totals):
    names = dict(settings.LANGUAGES)
    return [{"code": code, "name": names[code], **values} for code, values in totals.items()]


def report_view(request):
    if not can_see_reach(request.user):
        raise PermissionDenied
    start, end = figures.last_days(30)
    form = ReportPeriodForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    # Today's views are still in Redis: bring them in so the report is up to the minute.
    try:
        counter.flush(wait=False)
    except RedisError:
        pass  # the rows already written are shown; the rest waits for the next flush
    totals = figures.totals(start, end)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "languages": _languages(totals),
        "total_views": sum(v["views"] for v in totals.values()),
        "total_visits": sum(v["visits"] for v in totals.values()),
        "pages": figures.top_pages(start, end),
        "referrers": figures.top_referrers(start, end),
        "activities": figures.activity_rows(start, end),
        "kits": figures.kit_rows(start, end),
    }
    return render(request, "reach/admin/report.html", context)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/reach/", explain_refusal(REACH)(report_view), name="reach_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        REACH,
        reverse("reach_report"),
        permissions=REACH_PERMISSIONS,
        any_of=True,
        icon_name="view",
        order=910,
    )


class ReachPanel(Component):
    name = "reach_last_30_days"
    template_name = "reach/admin/panel.html"
    order = 95

    def get_context_data(self, parent_context):
        start, end = figures.last_days(30)
        totals = figures.totals(start, end)
        return {
            "start": start,
            "end": end,
            "languages": _languages(totals),
            "pages": figures.top_pages(start, end, limit=5),
        }


@hooks.register("construct_homepage_panels")
def add_reach_panel(request, panels):
    if can_see_reach(request.user):
        panels.append(ReachPanel())

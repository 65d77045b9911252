from django.core.exceptions import PermissionDenied
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

from website.spreadsheets import LocalisedSpreadsheetExportMixin

PERMISSION = "wagtailsearchpromotions.change_searchpromotion"


class PopularSearchTermsView(LocalisedSpreadsheetExportMixin, SearchTermsReportView):
    """Wagtail's "Search terms" report, open to everyone who may manage promoted
    results (the communications team), not only to superusers. The terms are what the
    public typed, so its export follows the project's spreadsheet rules: "=1+1" stays
    text (website.spreadsheets)."""

    index_url_name = "site_search_admin:search_terms"
    index_results_url_name = "site_search_admin:search_terms_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied  # explained by the URL's website.admin_access wrapper
        return ReportView.dispatch(self, request, *args, **kwargs)

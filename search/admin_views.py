from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

PERMISSION = "wagtailsearchpromotions.change_searchpromotion"


class PopularSearchTermsView(SearchTermsReportView):
    """Wagtail's "Search terms" report, open to everyone who may manage promoted
    results (the communications team), not only to superusers."""

    index_url_name = "site_search_admin:search_terms"
    index_results_url_name = "site_search_admin:search_terms_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return ReportView.dispatch(self, request, *args, **kwargs)

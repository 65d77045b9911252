from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from website.admin_access import PermissionMenuItem, explain_refusal

from .admin_views import PERMISSION, PopularSearchTermsView

SEARCH_TERMS = _("Search terms")
explained = explain_refusal(SEARCH_TERMS)
urlpatterns = [
    path("", explained(PopularSearchTermsView.as_view()), name="search_terms"),
    path(
        "results/",
        explained(PopularSearchTermsView.as_view(results_only=True)),
        name="search_terms_results",
    ),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search-terms/", include((urlpatterns, "site_search_admin")))]


@hooks.register("register_reports_menu_item")
def register_search_terms_report():
    return PermissionMenuItem(
        SEARCH_TERMS,
        reverse("site_search_admin:search_terms"),
        permissions=PERMISSION,
        name="popular-search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    # Ours shows the same report to a wider audience; one entry is enough.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]

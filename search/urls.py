"""Language-prefixed URLs of the search app (included inside i18n_patterns):
/tr/ara/ and /en/search/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "site_search"

urlpatterns = [
    path(_("search/"), views.search, name="search"),
]

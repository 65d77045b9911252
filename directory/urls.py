"""The public directory, with URLs in each language (/tr/stk-rehberi/, /en/ngo-directory/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "directory"

urlpatterns = [
    path(_("ngo-directory/"), views.directory_index, name="index"),
    path(_("ngo-directory/propose/"), views.propose, name="propose"),
    path(_("ngo-directory/propose/thanks/"), views.proposal_received, name="proposal_received"),
    path(_("ngo-directory/<slug:slug>/"), views.organisation_detail, name="detail"),
]

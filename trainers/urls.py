"""Language-prefixed URLs of trainer access (inside i18n_patterns):
/tr/egitmenler/… and /en/trainers/…"""

from django.urls import include, path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "trainers"

urlpatterns = [
    path(
        pgettext_lazy("URL", "trainers/"),
        include(
            [
                path(pgettext_lazy("URL", "request-access/"), views.request_access, name="request"),
                path(
                    pgettext_lazy("URL", "request-received/"),
                    views.request_received,
                    name="request_received",
                ),
                path(pgettext_lazy("URL", "sign-in/"), views.sign_in, name="sign_in"),
                path(pgettext_lazy("URL", "check-your-inbox/"), views.link_sent, name="link_sent"),
                path(pgettext_lazy("URL", "sign-in-link/"), views.link, name="link"),
                path(pgettext_lazy("URL", "account/"), views.account, name="account"),
                path(pgettext_lazy("URL", "sign-out/"), views.sign_out, name="sign_out"),
                path(pgettext_lazy("URL", "signed-out/"), views.signed_out, name="signed_out"),
                path(pgettext_lazy("URL", "delete-my-data/"), views.erase, name="erase"),
                path(pgettext_lazy("URL", "data-deleted/"), views.erased, name="erased"),
            ]
        ),
    ),
]

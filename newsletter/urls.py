"""Language-prefixed URLs of the newsletter app (included inside i18n_patterns):
/tr/bulten/… and /en/newsletter/…"""

from django.urls import include, path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "newsletter"

urlpatterns = [
    path(
        pgettext_lazy("URL", "newsletter/"),
        include(
            [
                path("", views.signup, name="signup"),
                path(pgettext_lazy("URL", "check-your-inbox/"), views.sent, name="sent"),
                path(pgettext_lazy("URL", "confirm/<str:token>/"), views.confirm, name="confirm"),
                path(pgettext_lazy("URL", "new-link/"), views.resend, name="resend"),
                path(
                    pgettext_lazy("URL", "unsubscribe/<str:token>/"),
                    views.unsubscribe,
                    name="unsubscribe",
                ),
            ]
        ),
    ),
]

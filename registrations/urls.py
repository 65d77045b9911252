"""Language-prefixed URLs of event registration (included inside i18n_patterns):
/tr/etkinlik-kaydi/… and /en/event-registration/…"""

from django.urls import include, path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "registrations"

urlpatterns = [
    path(
        pgettext_lazy("URL", "event-registration/"),
        include(
            [
                path("<int:event_id>/", views.register, name="register"),
                path(pgettext_lazy("URL", "registered/<str:token>/"), views.done, name="done"),
                path(pgettext_lazy("URL", "cancel/<str:token>/"), views.cancel, name="cancel"),
            ]
        ),
    ),
]

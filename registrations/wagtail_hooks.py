from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.admin_access import PermissionMenuItem, explain_refusal
from website.spreadsheets import LocalisedSpreadsheetExportMixin

from . import admin_views
from .models import ConsentText, Registration


class SeatCountedPermissionPolicy(ModelPermissionPolicy):
    """Registrations begin and end only through the paths that count seats: the event
    page's form, the cancel link and the organiser's roster page. The admin's generic add
    and delete views would skip the count and the waiting list (a seat freed by a delete
    would never reach the first in line), so nobody is given them, superusers included."""

    SEAT_COUNTED_ACTIONS = ("add", "delete")

    def user_has_permission(self, user, action):
        if action in self.SEAT_COUNTED_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.SEAT_COUNTED_ACTIONS]
        if not allowed:
            return super().users_with_any_permission(["change"]).none()
        return super().users_with_any_permission(allowed)


register_permission_policy(
    Registration, SeatCountedPermissionPolicy(Registration), exact_class=True
)


class RegistrationIndexView(LocalisedSpreadsheetExportMixin, IndexView):
    """Wagtail's listing, whose CSV and xlsx exports open cleanly in Turkish and English
    spreadsheets: a registrant's "=HYPERLINK(…)" stays text, the status reads "Yeri
    onaylandı", not "confirmed", and times are Istanbul's (website.spreadsheets)."""

    language_fields = ("consent_language",)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrants")
    add_to_admin_menu = False
    index_view_class = RegistrationIndexView
    list_display = ["name", "email", "organisation", "roster", "mode", "status", "attended"]
    list_filter = ["roster", "status", "mode", "attended", "language"]
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    list_export = [
        "roster",
        "name",
        "organisation",
        "email",
        "language",
        "mode",
        "status",
        "needs",
        "answers_text",
        "attended",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "consent_version",
        "erased_at",
    ]
    export_headings = {"answers_text": _("Answers"), "roster": _("Event")}
    export_filename = "registrations"
    form_fields = ["attended"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Registration.objects.select_related("roster")


registration_viewset = RegistrationViewSet("registrations_registration")


class ConsentTextViewSet(SnippetViewSet):
    model = ConsentText
    icon = "form"
    menu_label = _("Registration consent texts")
    list_display = ["__str__", "version", "locale"]
    add_to_admin_menu = False


register_snippet(ConsentTextViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return registration_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    explained = explain_refusal(_("Event registrations"))
    urls = [
        path("", explained(admin_views.roster_list_view), name="rosters"),
        path("<int:pk>/", explained(admin_views.roster_view), name="roster"),
    ]
    return [path("event-registrations/", include((urls, "registrations_admin")))]


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Events"),
                reverse("registrations_admin:rosters"),
                permissions=admin_views.PERMISSION,
                icon_name="date",
                order=1,
            ),
            PermissionMenuItem.for_listing(
                Registration,
                _("Registrants"),
                reverse("registrations_registration:index"),
                icon_name="group",
                order=2,
            ),
            PermissionMenuItem.for_listing(
                ConsentText,
                _("Consent texts"),
                reverse("wagtailsnippets_registrations_consenttext:list"),
                icon_name="form",
                order=3,
            ),
        ]
    )
    return SubmenuMenuItem(_("Registrations"), menu, icon_name="group", order=350)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "registrations.close", _("Close registration"), _("Registration closed")
    )
    actions.register_action(
        "registrations.reopen", _("Reopen registration"), _("Registration reopened")
    )
    actions.register_action(
        "registrations.message", _("E-mail the registrants"), _("Message sent to registrants")
    )

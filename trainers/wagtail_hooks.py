"""Trainer access in the Wagtail admin (the request queue, trainers, the consent text),
and the check every direct document URL goes through."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.admin_access import PermissionMenuItem, explain_refusal

from . import admin_views
from .access import ReaderAccess, is_cms_user
from .models import AccessRequest, ConsentText


@hooks.register("before_serve_document", order=-10)
def serve_restricted_documents_to_trainers(document, request):
    """Runs before Wagtail's own collection check: a restricted document goes only to
    those ``ReaderAccess`` allows; anonymous readers are sent to the trainers' sign-in,
    signed-in readers without access get a page that says why."""
    access = ReaderAccess(request)
    if not access.is_restricted(document) or access.allows(document):
        return None
    if not access.signed_in:
        url = reverse("trainers:sign_in")
        return HttpResponseRedirect(url + "?" + urlencode({"next": request.get_full_path()}))
    response = render(
        request,
        "trainers/no_access.html",
        {"trainer": access.trainer, "document": document},
        status=403,
    )
    add_never_cache_headers(response)
    return response


@hooks.register("before_serve_page", order=-10)
def keep_restricted_pages_from_ended_trainers(page, request, serve_args, serve_kwargs):
    """Wagtail lets any signed-in user through a "logged-in users" page restriction;
    a trainer counts only while their access lasts."""
    user = request.user
    if not user.is_authenticated or is_cms_user(user):
        return None
    access = ReaderAccess(request)
    if access.trainer is None or access.is_active_trainer:
        return None
    if not page.get_view_restrictions().exists():
        return None
    response = render(request, "trainers/no_access.html", {"trainer": access.trainer}, status=403)
    add_never_cache_headers(response)
    return response


class ConsentTextViewSet(SnippetViewSet):
    model = ConsentText
    icon = "doc-full"
    menu_label = _("Trainer consent texts")
    add_to_admin_menu = False
    list_display = ["version", "text", "locale"]


register_snippet(ConsentTextViewSet)


ACCESS_REQUESTS = _("Access requests")
TRAINERS = _("Trainers")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "trainers/requests/",
            explain_refusal(ACCESS_REQUESTS)(admin_views.request_list),
            name="trainers_requests",
        ),
        path(
            "trainers/requests/<int:pk>/",
            explain_refusal(_("Access request"))(admin_views.request_review),
            name="trainers_request",
        ),
        path(
            "trainers/",
            explain_refusal(TRAINERS)(admin_views.trainer_list),
            name="trainers_list",
        ),
        path(
            "trainers/<int:pk>/revoke/",
            explain_refusal(_("Revoke access"))(admin_views.trainer_revoke),
            name="trainers_revoke",
        ),
    ]


class RequestsMenuItem(PermissionMenuItem):
    """The queue's item, with the number of requests waiting in its label (the sidebar
    is built from ``render_component``; Wagtail no longer calls ``get_context``)."""

    def render_component(self, request):
        component = super().render_component(request)
        pending = AccessRequest.objects.filter(status=AccessRequest.Status.PENDING).count()
        if pending:
            component.label = f"{self.label} ({pending})"
        return component


@hooks.register("register_admin_menu_item")
def register_trainers_menu():
    menu = Menu(
        items=[
            RequestsMenuItem(
                ACCESS_REQUESTS,
                reverse("trainers_requests"),
                permissions=admin_views.REQUESTS_PERMISSION,
                name="trainer-requests",
                icon_name="mail",
                order=100,
            ),
            PermissionMenuItem(
                TRAINERS,
                reverse("trainers_list"),
                permissions=admin_views.TRAINERS_PERMISSION,
                name="trainers",
                icon_name="user",
                order=200,
            ),
            PermissionMenuItem.for_listing(
                ConsentText,
                _("Consent texts"),
                reverse("wagtailsnippets_trainers_consenttext:list"),
                name="trainer-consent",
                icon_name="doc-full",
                order=300,
            ),
        ]
    )
    return SubmenuMenuItem(
        _("Trainer access"), menu, name="trainer-access", icon_name="group", order=450
    )

"""The newsletter in the Wagtail admin: one "Newsletter" menu with issues, subscribers,
consent texts and the erasure log, plus the send page of an issue."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from website.admin_access import explain_refusal
from website.spreadsheets import LocalisedSpreadsheetExportMixin

from . import admin_views
from .models import ConsentText, ErasureRecord, NewsletterIssue, Subscriber


class RestrictedPolicy(ModelPermissionPolicy):
    """Model permissions, minus the actions nobody may take here."""

    def __init__(self, model, denied=()):
        super().__init__(model)
        self.denied = set(denied)

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.denied])


# Subscribers come only through the signup form (their consent is part of the row);
# the erasure log is written by the erase action alone.
register_permission_policy(Subscriber, RestrictedPolicy(Subscriber, denied={"add"}))
register_permission_policy(
    ErasureRecord, RestrictedPolicy(ErasureRecord, denied={"add", "change", "delete"})
)


class EraseSubscriberView(DeleteView):
    """Right to erasure: the row goes (with its deliveries and admin log entries, which
    carry the address as their label) and a hashed audit entry stays."""

    page_title = _("Erase subscriber")

    def get_page_subtitle(self):
        return ""

    def delete_action(self):
        admin_views.erase_subscriber(self.object, self.request.user)

    def get_success_message(self):
        return _("The subscriber was erased for good; an audit entry was recorded.")


class SubscriberIndexView(LocalisedSpreadsheetExportMixin, IndexView):
    """The subscriber listing, whose CSV and xlsx exports neutralise formulas and
    characters a spreadsheet cannot hold, and read "Onaylandı" and Istanbul's time, not
    "confirmed" and UTC (website.spreadsheets)."""

    language_fields = ("consent_language",)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    index_view_class = SubscriberIndexView
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "name", "organisation", "language", "status", "created_at"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name", "organisation"]
    search_backend_name = None
    list_export = [
        "email",
        "name",
        "organisation",
        "language",
        "status",
        "consent_version",
        "consent_language",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    export_filename = "newsletter-subscribers"
    form_fields = ["name", "organisation", "language", "status"]
    delete_view_class = EraseSubscriberView
    copy_view_enabled = False
    inspect_view_enabled = True


class IssueEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.pk:
            buttons.append(
                Button(
                    _("Send…"),
                    url=reverse("newsletter_admin:send", args=[self.object.pk]),
                    icon_name="mail",
                    priority=5,
                )
            )
        return buttons


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    list_display = ["subject", "locale", "status", "sent_at", "updated_at"]
    list_filter = ["status", "locale"]
    search_fields = ["subject"]
    search_backend_name = None
    edit_view_class = IssueEditView
    copy_view_enabled = False


class ConsentTextViewSet(SnippetViewSet):
    model = ConsentText
    icon = "doc-full"
    menu_label = _("Consent texts")
    list_display = ["version", "text", "locale"]
    copy_view_enabled = False


class ErasureRecordViewSet(SnippetViewSet):
    model = ErasureRecord
    icon = "history"
    menu_label = _("Erasure log")
    list_display = ["erased_at", "erased_by", "email_hash", "subscriber_status"]
    copy_view_enabled = False


class NewsletterGroup(SnippetViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 250
    items = (NewsletterIssueViewSet, SubscriberViewSet, ConsentTextViewSet, ErasureRecordViewSet)


register_snippet(NewsletterGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    from django.urls import include

    return [
        path(
            "newsletter-send/",
            include(
                (
                    [
                        path(
                            "<int:pk>/",
                            explain_refusal(_("Send newsletter"))(admin_views.send_issue_view),
                            name="send",
                        ),
                    ],
                    "newsletter_admin",
                ),
                namespace="newsletter_admin",
            ),
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def issue_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue) and user.has_perm(admin_views.SEND_PAGE_PERMISSION):
        yield ListingButton(
            _("Send…"),
            url=reverse("newsletter_admin:send", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "newsletter.erase", _("Erase subscriber"), _("Subscriber erased for good")
    )
    actions.register_action("newsletter.send", _("Send newsletter"), _("Newsletter queued"))
    actions.register_action(
        "newsletter.send_test", _("Send test newsletter"), _("Test newsletter sent")
    )

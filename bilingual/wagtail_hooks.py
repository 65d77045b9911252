"""Admin wiring of the bilingual app: wagtail-localize's submit and sync views with
target-tree permission checks (``admin_views``), and the page log's own entries."""

from django.urls import path
from wagtail import hooks

from . import admin_views, privacy, publishing


@hooks.register("register_admin_urls", order=-100)
def checked_localize_urls():
    # Same URLs as wagtail-localize's own views, listed first so that these answer.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            admin_views.CheckedSubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            admin_views.CheckedUpdateTranslationsView.as_view(),
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            admin_views.refuse_convert_to_alias,
        ),
    ]


@hooks.register("construct_page_action_menu")
def without_convert_to_alias(menu_items, request, context):
    """wagtail-localize's "Convert back to alias" would put the other language's text,
    live and unreviewed, under this language's URL."""
    menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in publishing.LOG_ACTIONS.items():
        actions.register_action(action, label, label)


hooks.register("before_serve_document", privacy.document_linked_only_from_private_pages)

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .checks import deprecated_terms_in, page_text
from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "list-ul"
    menu_label = gettext_lazy("Glossary")
    list_display = ["term", "deprecated_terms", "locale"]
    list_filter = ["locale"]
    search_fields = ["term", "deprecated_terms", "note"]
    search_backend_name = None
    ordering = ["folded_term"]


register_snippet(GlossaryTermViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_deprecated_terms(request, page):
    """A saved draft (or published page) that uses a deprecated glossary term gets a
    warning naming the preferred term. It warns, it does not block."""
    for deprecated, preferred in deprecated_terms_in(page_text(page.specific), page.locale):
        messages.warning(
            request,
            _(
                "Terminology: “%(deprecated)s” is a deprecated term; "
                "the glossary prefers “%(preferred)s”."
            )
            % {"deprecated": deprecated, "preferred": preferred},
        )

"""The reader's fallback for a page that has no translation yet."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Page


def untranslated(request, page_id):
    """``/en/untranslated/<id>/``: the page in its own language inside this language's
    chrome, with a notice saying so. Not indexed (``noindex``), canonical at the
    original; once a translation is live this URL redirects to it."""
    language = translation.get_language()
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=1).first()
    if page is None:
        raise Http404
    if page.locale.language_code == language:
        return redirect(page.get_url(request))
    translated = (
        page.get_translations().live().public().filter(locale__language_code=language).first()
    )
    if translated is not None:
        return redirect(translated.get_url(request))
    page = page.specific
    context = page.get_context(request)
    original_language = page.locale.language_code
    context["untranslated"] = {
        "language": original_language,
        "language_name": translation.get_language_info(original_language)["name_translated"],
        "url": page.get_url(request),
    }
    response = TemplateResponse(request, page.get_template(request), context)
    response["X-Robots-Tag"] = "noindex"
    return response

from django import template

from bilingual.languages import active_language
from resources.models import TrainingKitPage

register = template.Library()


@register.inclusion_tag("resources/includes/featured_kits.html", takes_context=True)
def featured_kits(context, limit=3):
    """The featured kits of the active language, newest first (one query + renditions)."""
    language = active_language()
    kits = (
        TrainingKitPage.objects.live()
        .public()
        .filter(featured=True, locale__language_code=language)
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions")
        .order_by("-publication_date", "title")[:limit]
    )
    return {"kits": list(kits), "request": context.get("request")}

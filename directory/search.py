"""The NGO directory in the site search (search app, SITE_SEARCH_EXTRA_SECTIONS):
listed organisations whose name or acronym contains the query, matched as the
directory's own name filter matches, so "see all" shows the same organisations."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from bilingual.text import fold_for_search

from .models import Organisation

SHOWN = 5


def matching_organisations(query):
    folded = fold_for_search(query).strip()
    if not folded:
        return None
    organisations = Organisation.objects.listed().filter(search_key__contains=folded)
    shown = list(organisations.order_by("name").values_list("name", "slug")[: SHOWN + 1])
    if not shown:
        return None
    return {
        "key": "directory",
        # The results summary counts them: more than shown costs one count query.
        "count": organisations.count() if len(shown) > SHOWN else len(shown),
        "title": _("Organisations in the NGO directory"),
        "items": [
            {"title": name, "url": reverse("directory:detail", kwargs={"slug": slug})}
            for name, slug in shown[:SHOWN]
        ],
        "more_label": _("See all matching organisations"),
        # Only when there are more than we show: a count query otherwise spared.
        "more_url": (
            reverse("directory:index") + "?" + urlencode({"q": query}) if len(shown) > SHOWN else ""
        ),
    }

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Partner, SiteProfile


class SiteProfileViewSet(SnippetViewSet):
    model = SiteProfile
    icon = "site"
    list_display = ["site_name", "locale"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "role", "locale"]
    list_filter = ["role", "locale"]
    search_fields = ["name", "acronym"]


class SiteIdentityGroup(SnippetViewSetGroup):
    items = (SiteProfileViewSet, PartnerViewSet)
    menu_icon = "site"
    menu_label = _("Site identity")
    menu_name = "site-identity"


register_snippet(SiteIdentityGroup)

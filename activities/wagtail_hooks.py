from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Activity, KeyFigure


class ActivityViewSet(SnippetViewSet):
    model = Activity
    icon = "list-ol"
    list_display = ["__str__", "status", "planned_start", "planned_end", "locale"]
    list_filter = ["status", "locale"]
    search_fields = ["title"]


class KeyFigureViewSet(SnippetViewSet):
    model = KeyFigure
    icon = "order"
    list_display = ["label", "display_value", "unit", "date", "locale"]
    list_filter = ["locale"]


class ResultsGroup(SnippetViewSetGroup):
    items = (ActivityViewSet, KeyFigureViewSet)
    menu_icon = "list-ol"
    menu_label = _("Activities and results")
    menu_name = "activities"
    menu_order = 300


register_snippet(ResultsGroup)

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Menu


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    list_display = ["slot", "locale"]
    list_filter = ["slot", "locale"]
    add_to_admin_menu = True
    menu_order = 300


register_snippet(MenuViewSet)

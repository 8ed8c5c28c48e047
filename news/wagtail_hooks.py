from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsItem


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "calendar-alt"
    menu_label = "News and events"
    menu_order = 100
    add_to_admin_menu = True
    list_display = ["title", "kind", "date", UpdatedAtColumn()]
    list_filter = ["kind", "live"]
    ordering = ["-date"]


register_snippet(NewsItemViewSet)

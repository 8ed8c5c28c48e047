from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Publication


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "publication_type", "date", "featured", UpdatedAtColumn()]
    list_filter = ["publication_type", "featured", "live"]
    ordering = ["-date"]


register_snippet(PublicationViewSet)

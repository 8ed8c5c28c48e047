"""Dashboard panels: each role sees what it can act on when it logs in."""

from django.urls import reverse
from wagtail.admin.ui.components import Component


class SnippetSummaryPanel(Component):
    """A short table of snippets (title, status, last change) linking to their edit views."""

    template_name = "core/admin/snippet_summary_panel.html"
    order = 150

    def __init__(self, name, heading, queryset, empty_message, limit=8):
        self.name = name
        self.heading = heading
        self.queryset = queryset
        self.empty_message = empty_message
        self.limit = limit

    def get_context_data(self, parent_context):
        model = self.queryset.model
        items = list(self.queryset.select_related("latest_revision")[: self.limit])
        edit_url_name = model.snippet_viewset.get_url_name("edit")
        for item in items:
            item.edit_url = reverse(edit_url_name, args=[item.pk])
        return {"panel_id": self.name, "heading": self.heading, "items": items, "empty_message": self.empty_message}

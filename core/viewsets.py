"""The admin of a routed item (news items, publications), written once: listing, exports, chooser,
search and the dashboard panel of each model's own role."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages import create as page_create
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets

from .admin_panels import SnippetSummaryPanel
from .exports import SafeExportMixin
from .permissions import OriginalsGuardMixin, OriginalsPermissionPolicy, OwnItemsSnippetChooserViewSet


class TranslationStatusColumn(Column):
    """Each other language's translation of an English item: up to date, outdated or missing."""

    cell_template_name = "core/admin/translation_status_cell.html"

    def __init__(self):
        super().__init__("translation_status", label=_("Translations"), accessor=lambda item: item.translation_status())


class RoutedItemIndexView(SafeExportMixin, snippets.IndexView):
    listing_prefetch = ("themes",)  # what the listing's columns read, fetched up front

    def get_base_queryset(self):
        items = super().get_base_queryset().select_related("locale").with_translation_dates()
        return items.prefetch_related(*self.listing_prefetch)


class NoAutosaveBeforeCreation:
    """A create view's form without autosave: it saved a draft as soon as a title was typed (an abandoned form
    left it behind), and one still in flight when Publish was pressed made Publish post a second copy. Once the
    item or page exists, its edit view autosaves as Wagtail's does."""

    def get_context_data(self, **kwargs):
        self.autosave_enabled = False  # what Wagtail's create views read for the form and its indicator
        return super().get_context_data(**kwargs)


class SitePageViewSet(PageViewSet):
    """Wagtail's page admin for every page type, but for a new page's form, as for new items'."""

    add_view_class = type("CreateView", (NoAutosaveBeforeCreation, page_create.CreateView), {})


class RoutedItemViewSet(snippets.SnippetViewSet):
    chooser_viewset_class = OwnItemsSnippetChooserViewSet
    index_view_class = RoutedItemIndexView
    add_view_class = type("CreateView", (NoAutosaveBeforeCreation, snippets.CreateView), {})
    # Every view acting on one item checks the right on that item: translators' stops at originals.
    edit_view_class = type("EditView", (OriginalsGuardMixin, snippets.EditView), {})
    delete_view_class = type("DeleteView", (OriginalsGuardMixin, snippets.DeleteView), {})
    # Withdrawing (unpublishing, or cancelling a scheduled publish) is never cleared: its own action.
    unpublish_view_class = type(
        "UnpublishView", (OriginalsGuardMixin, snippets.UnpublishView), {"permission_required": "unpublish"}
    )
    revisions_unschedule_view_class = type(
        "RevisionsUnscheduleView",
        (OriginalsGuardMixin, snippets.RevisionsUnscheduleView),
        {"permission_required": "unpublish"},
    )
    lock_view_class = type("LockView", (OriginalsGuardMixin, snippets.LockView), {})
    unlock_view_class = type("UnlockView", (OriginalsGuardMixin, snippets.UnlockView), {})
    listing_prefetch = ("themes",)
    add_to_admin_menu = True
    search_backend_name = None  # a plain database search, so drafts just saved are found at once
    ordering = ["-date", "-pk"]
    export_headings = {"status_string": _("Status"), "theme_names": _("Themes")}
    # The dashboard panel (SnippetSummaryPanel) shown to those who may change the model's items.
    dashboard_panel_name = dashboard_heading = dashboard_empty_message = None

    def register_permissions(self):
        register_permission_policy(self.model, OriginalsPermissionPolicy(self.model), exact_class=True)
        super().register_permissions()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(listing_prefetch=self.listing_prefetch, **kwargs)

    def get_dashboard_queryset(self):
        """The items the panel lists, most recently changed first."""
        return self.model.objects.order_by("-latest_revision__created_at")

    def dashboard_panel(self, request):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            return None
        return SnippetSummaryPanel(
            self.dashboard_panel_name,
            self.dashboard_heading,
            self.get_dashboard_queryset(),
            self.dashboard_empty_message,
        )

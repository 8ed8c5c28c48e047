from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.snippets import bulk_actions as snippet_bulk_actions
from wagtail.snippets.models import get_snippet_models, register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.views import bulk_actions as user_bulk_actions

from .admin_dates import WrittenDateField, WrittenDateInput
from .models import EmailDelivery, Theme
from .permissions import (
    OwnItemsBulkActionMixin,
    PermittedDocumentsAdminAPIViewSet,
    PermittedImagesAdminAPIViewSet,
    clearance_action_menu,
    submit_synced_translation,
    user_may_see,
)
from .viewsets import RoutedItemViewSet, SitePageViewSet

# Clearance: Publish and Unpublish as the permission policy says; a translation submitted, not published, by
# those who submit (before wagtail-localize's own hook, order 0).
hooks.register("construct_snippet_action_menu", clearance_action_menu)
hooks.register("before_edit_snippet", submit_synced_translation, order=-1)

# Every date of the admin's forms typed and shown as the site writes it; date-times keep Wagtail's own.
register_form_field_override(
    models.DateField, override={"form_class": WrittenDateField, "widget": WrittenDateInput}, exact_class=True
)


@hooks.register("insert_global_admin_js")
def date_pickers_keep_typed_dates():
    return format_html('<script src="{}"></script>', static("core/admin/date_pickers.js"))


@hooks.register("insert_global_admin_css")
def date_pickers_leave_save_in_reach():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin/date_pickers.css"))


# After Wagtail's own page viewset (order -1), which it replaces for every page type.
@hooks.register("register_admin_viewset")
def register_page_viewset():
    return SitePageViewSet()


# After Wagtail's own registrations (order 0), so these endpoints replace them.
@hooks.register("construct_admin_api", order=100)
def restrict_admin_api(router):
    router.register_endpoint("documents", PermittedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", PermittedImagesAdminAPIViewSet)


# Every bulk action Wagtail registers, registered again after it (order 100): the registry keeps the last
# class registered for a model and action, so each refuses a model the user has no right on.
for package in (page_bulk_actions, snippet_bulk_actions, image_bulk_actions, document_bulk_actions, user_bulk_actions):
    for name in package.__all__:
        action_class = getattr(package, name)
        own_items_only = type(name, (OwnItemsBulkActionMixin, action_class), {"__module__": __name__})
        hooks.register("register_bulk_action", own_items_only, order=100)


@hooks.register("construct_page_chooser_queryset")
def choose_only_public_pages_without_rights_on_pages(pages, request):
    """Staff roles link to pages with no right on them: they choose among the pages visitors can open."""
    if user_may_see(request.user, Page):
        return pages
    return pages.live().public()


class EmailFailingPanel(Component):
    """Tells administrators that mail is not going out (password resets, moderation notices), and since when."""

    name = "email-failing"
    order = 10  # above everything else on the dashboard
    template_name = "core/admin/email_failing_panel.html"

    def __init__(self, failure):
        self.failure = failure

    def get_context_data(self, parent_context):
        return {"failure": self.failure}


@hooks.register("construct_homepage_panels")
def warn_administrators_of_failing_email(request, panels):
    # Administrators only: they can fix the settings, and nobody else learns about the server.
    if request.user.is_superuser and (failure := EmailDelivery.failure()):
        panels.append(EmailFailingPanel(failure))


# The taxonomy every content app tags its items with.
class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(ThemeViewSet)


@hooks.register("construct_homepage_panels")
def add_routed_item_panels(request, panels):
    """Each role's dashboard panel of its own items (news drafts, recently changed publications)."""
    for model in get_snippet_models():
        if isinstance(model.snippet_viewset, RoutedItemViewSet) and (
            panel := model.snippet_viewset.dashboard_panel(request)
        ):
            panels.append(panel)

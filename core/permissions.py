"""What a staff role may see of models it has no rights on: nothing, in choosers, bulk actions and admin APIs alike.

Two kinds of item reach roles without rights on them, and only as visitors see them:

- pages: both roles link their bodies to pages (rich-text links, call-to-action blocks) with no right on
  pages, so the page chooser offers them the pages visitors can open, never a draft (core/wagtail_hooks.py);
- themes: both roles tag their items with themes, which have no drafts: the theme field and chooser list all.

Nothing else crosses: news items and publications never point at each other, images are one library both
roles share, and documents belong to publication managers (a news editor's rich text offers document
links, but the document chooser lists only documents the user may choose: none for a news editor).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.views import chooser
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

# Every right that lets a role work with a model; any one of them lets it see the model's items.
WORKING_ACTIONS = ["add", "change", "delete", "choose", "view", "publish"]


def user_may_see(user, model):
    return policy_registry.get_by_type(model).user_has_any_permission(user, WORKING_ACTIONS)


class OwnItemsOnlyMixin:
    """A view listing or naming a model's items: refused to a user with no right on that model."""

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see(request.user, self.get_listed_model()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_listed_model(self):
        return self.model_class  # as Wagtail's chooser views name it


class OwnItemsBulkActionMixin(OwnItemsOnlyMixin):
    """A bulk action refusing a model the user has no right on, before it lists anything.

    Wagtail's confirmation pages list by title and status every selected item the user may not act on,
    whatever the model (``items_with_no_access``); with no right on the model, that is every item.
    """

    def get_listed_model(self):
        return self.model


class OwnItemsChooseView(OwnItemsOnlyMixin, ChooseView):
    pass


class OwnItemsChooseResultsView(OwnItemsOnlyMixin, ChooseResultsView):
    pass


class OwnItemsChosenView(OwnItemsOnlyMixin, SnippetChosenView):
    pass


class OwnItemsChosenMultipleView(OwnItemsOnlyMixin, SnippetChosenMultipleView):
    pass


class OwnItemsSnippetChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser only the model's own role opens: drafts' titles and status stay within it.

    The chosen views too: given ids, they answer with the items' titles.
    """

    choose_view_class = OwnItemsChooseView
    choose_results_view_class = OwnItemsChooseResultsView
    chosen_view_class = OwnItemsChosenView
    chosen_multiple_view_class = OwnItemsChosenMultipleView


class PermittedCollectionItemsMixin:
    """An admin API endpoint listing only the items the user may choose (Wagtail's lists them all)."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        permitted = policy.instances_user_has_any_permission_for(self.request.user, ["choose", "change"])
        return super().get_queryset().filter(pk__in=permitted.values("pk"))


class PermittedDocumentsAdminAPIViewSet(PermittedCollectionItemsMixin, DocumentsAdminAPIViewSet):
    pass


class PermittedImagesAdminAPIViewSet(PermittedCollectionItemsMixin, ImagesAdminAPIViewSet):
    pass


def visible_pages(user):
    """The pages a user may name in the page chooser: all for those with rights on pages, otherwise the
    ones visitors can open (core/wagtail_hooks.py narrows the chooser's listings the same way)."""
    return Page.objects.all() if user_may_see(user, Page) else Page.objects.live().public()


class PublicPagesBrowseView(chooser.BrowseView):
    """The page chooser opened at a page: only at one the user may name (Wagtail shows its title)."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not visible_pages(request.user).filter(pk=parent_page_id).exists():
            raise Http404
        return super().get(request, parent_page_id)


class PublicPagesChosenMultipleView(chooser.ChosenMultipleView):
    """The titles of chosen pages, by id: only of pages the user may name."""

    def get(self, request):
        ids = [value for value in request.GET.getlist("id") if value.isdigit()]
        if visible_pages(request.user).filter(pk__in=ids).count() != len(set(ids)):
            raise Http404
        return super().get(request)

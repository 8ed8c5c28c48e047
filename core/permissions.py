"""What a staff role may see of models it has no rights on: nothing, in choosers and admin APIs alike."""

from django.core.exceptions import PermissionDenied
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

# Every right that lets a role work with a model; any one of them lets it see the model's items.
WORKING_ACTIONS = ["add", "change", "delete", "choose", "view", "publish"]


def user_may_see(user, model):
    return policy_registry.get_by_type(model).user_has_any_permission(user, WORKING_ACTIONS)


class OwnItemsOnlyMixin:
    """A view listing a model's items: refused to a user with no right on that model."""

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see(request.user, self.model_class):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OwnItemsChooseView(OwnItemsOnlyMixin, ChooseView):
    pass


class OwnItemsChooseResultsView(OwnItemsOnlyMixin, ChooseResultsView):
    pass


class OwnItemsSnippetChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser only the model's own role opens: drafts' titles and status stay within it."""

    choose_view_class = OwnItemsChooseView
    choose_results_view_class = OwnItemsChooseResultsView


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

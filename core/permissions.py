"""What a staff role may see of models it has no rights on: nothing, in choosers, bulk actions and admin APIs alike.

Two kinds of item reach roles without rights on them, and only as visitors see them:

- pages: both roles link their bodies to pages (rich-text links, call-to-action blocks) with no right on
  pages, so the page chooser offers them the pages visitors can open, never a draft (core/wagtail_hooks.py);
- themes: both roles tag their items with themes, which have no drafts: the theme field and chooser list all.

Nothing else crosses: news items and publications never point at each other, images are one library both
roles share, and documents belong to publication managers (a news editor's rich text offers document
links, but the document chooser lists only documents the user may choose: none for a news editor).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin.views import chooser
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import GroupApprovalTask, Page, WorkflowMixin, WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.action_menu import UnpublishMenuItem
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.views import snippets_api
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

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


def publishes_directly(user, model):
    """Whether ``user`` may publish ``model``'s items without clearance: anyone with the right while no workflow
    is assigned to the model (Settings › Workflows); under one, superusers and the reviewers of its tasks, whose
    approval publishes. Asked many times a request, answered once per user and model."""
    answers = user.__dict__.setdefault("_publishes_directly", {})
    if model not in answers:
        workflow = None if user.is_superuser else model.get_default_workflow()
        answers[model] = workflow is None or (
            GroupApprovalTask.objects.filter(
                workflow_tasks__workflow=workflow, active=True, groups__in=user.groups.all()
            ).exists()
        )
    return answers[model]


class OriginalsPermissionPolicy(ModelPermissionPolicy):
    """A routed item's rights, where changing an original (the English an item is translated from) takes
    one more: ``edit_original``. Translators hold the others, so they translate and publish translations
    but cannot change, publish, unpublish or delete what they translate from.

    Under clearance (a workflow assigned to the model) the right to publish no longer publishes: those who
    hold it submit, and only those who clear publish (``publishes_directly``). Unpublishing is its own
    action, on the same right and never cleared: a takedown waits for nobody."""

    ORIGINAL_ACTIONS = {"change", "delete", "publish", "unpublish", "lock", "unlock"}

    def user_has_permission(self, user, action):
        if action == "unpublish":
            return super().user_has_permission(user, "publish")
        if action == "publish" and not publishes_directly(user, self.model):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if (
            action in self.ORIGINAL_ACTIONS
            and instance.is_original()
            and not self.user_has_permission(user, "edit_original")
        ):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= self.ORIGINAL_ACTIONS and not self.user_has_permission(user, "edit_original"):
            return instances.exclude(locale__language_code=settings.LANGUAGE_CODE)
        return instances

    def submits_for_clearance(self, user):
        """Whether the user's publishing goes through clearance: they hold the right, but not to publish directly."""
        return super().user_has_permission(user, "publish") and not self.user_has_permission(user, "publish")


class OriginalsGuardMixin:
    """An admin view acting on one item: refused, before it shows or saves anything, when the user's
    right on the model does not reach this item (see ``OriginalsPermissionPolicy``)."""

    def dispatch(self, request, *args, **kwargs):
        instance = getattr(self, "object", None) or self.get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, self.permission_required, instance
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# wagtail-localize's admin views name any snippet or page to anyone with admin access (its snippet API lists
# every title, its report every translation); these, at the same addresses (unodc_site/urls.py), keep
# each role to the models it works with.


class OwnItemsSnippetTranslationMixin:
    """A wagtail-localize view of one snippet model, named in the address: only for the model's roles."""

    def dispatch(self, request, *args, **kwargs):
        model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
        if not user_may_see(request.user, model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OwnItemsSubmitSnippetTranslationView(OwnItemsSnippetTranslationMixin, SubmitSnippetTranslationView):
    pass


class OwnItemsSnippetsAPIViewSet(OwnItemsSnippetTranslationMixin, snippets_api.SnippetViewSet):
    pass


class PageRolesSubmitPageTranslationView(SubmitPageTranslationView):
    """Translating a page: for the roles with rights on pages (translators have them on each language's
    pages), never for those without, whose submission would replace a language's aliases."""

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see(request.user, Page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OwnSourcesUpdateTranslationsView(UpdateTranslationsView):
    """Bringing translations up to date with their English (and publishing them): for the roles that may
    change what is translated, and publish it when they ask to."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, pk=kwargs["translation_source_id"]).get_source_instance()
        publishing = request.method == "POST" and request.POST.get("publish_translations")
        if isinstance(source, Page):
            rights = source.permissions_for_user(request.user)
            allowed = rights.can_edit() and (not publishing or rights.can_publish())
        else:
            policy = policy_registry.get_by_type(type(source))
            actions = ["change", "publish"] if publishing else ["change"]
            allowed = all(policy.user_has_permission(request.user, action) for action in actions)
        if not allowed:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OwnTranslationsReportView(TranslationsReportView):
    """wagtail-localize's report of translations, listing those of the models the user works with."""

    def get_queryset(self):
        translated_types = ContentType.objects.filter(pk__in=TranslationSource.objects.values("specific_content_type"))
        visible_types = [kind.pk for kind in translated_types if user_may_see(self.request.user, kind.model_class())]
        # Ordered, as a paginated listing must be (the upstream report is not): the newest first.
        translations = super().get_queryset().filter(source__specific_content_type__in=visible_types)
        return translations.order_by("-created_at", "-pk")


# Clearance in the editors. Wagtail offers Publish to whoever holds the right (not asking the permission policy)
# and hides Unpublish while an item awaits clearance (locked to its author); wagtail-localize's editor publishes
# a translation to whoever holds the right. These two hooks (core/wagtail_hooks.py) follow the policy instead.


def clearance_action_menu(menu_items, request, context):
    """construct_snippet_action_menu: Publish only for those who may publish directly; Unpublish on a live
    item for all who may unpublish it, also while it awaits clearance."""
    policy = policy_registry.get_by_type(context["model"])
    if not policy.user_has_permission(request.user, "publish"):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    instance = context.get("instance")
    if (
        context["view"] == "edit"
        and getattr(instance, "live", False)
        and not any(item.name == "action-unpublish" for item in menu_items)
        and policy.user_has_permission_for_instance(request.user, "unpublish", instance)
    ):
        # After "Cancel workflow", the default action of an item locked for clearance: never the takedown.
        menu_items.append(UnpublishMenuItem(order=9000))
        menu_items.sort(key=lambda item: item.order)


def submit_synced_translation(request, instance):
    """before_edit_snippet, ahead of wagtail-localize's: its "Publish in <language>", pressed by someone whose
    publishing goes through clearance, saves the translation as a draft and submits it (or resubmits it after
    changes were requested). wagtail-localize itself would write it over the live row and publish it."""
    if request.method != "POST" or request.POST.get("action") != "publish" or not isinstance(instance, WorkflowMixin):
        return None
    policy = policy_registry.get_by_type(type(instance))
    workflow = instance.get_workflow()
    translation = Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
    ).first()
    if not (
        workflow
        and translation
        and isinstance(policy, OriginalsPermissionPolicy)
        and policy.submits_for_clearance(request.user)
    ):
        return None
    # What wagtail-localize's save_target does to the row, done to a revision only (the edit view has checked
    # the user's right to change this translation).
    source, locale = translation.source, translation.target_locale
    original, draft = source.as_instance(), source.get_translated_instance(locale)
    copy_synchronised_fields(original, draft)
    ingest_segments(original, draft, source.locale, locale, source._get_segments_for_translation(locale, fallback=True))
    try:
        with transaction.atomic():
            draft.save_revision(user=request.user)
            state = draft.current_workflow_state
            if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(request.user)
            elif not state:
                workflow.start(draft, request.user)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(
            request,
            _("'%(title)s' in %(language)s was submitted for clearance: it is published when approved.")
            % {"title": draft, "language": locale.get_display_name()},
        )
    return redirect(request.path)

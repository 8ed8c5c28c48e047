from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.permissions import user_may_see

from .models import HelpLines


def is_in_public_use(document):
    """Whether something a visitor can open uses the document: a live publication's file, a link in a
    live page's body. A model that says nothing of its public objects never makes a document public."""
    users = {}
    for reference in ReferenceIndex.get_references_to(document).select_related("content_type"):
        users.setdefault(reference.content_type.model_class(), set()).add(reference.object_id)
    return any(
        model.public_objects().filter(pk__in=object_ids).exists()
        for model, object_ids in users.items()
        if hasattr(model, "public_objects")
    )


@hooks.register("before_serve_document")
def serve_documents_only_while_public(document, request):
    """A document follows what uses it: a draft's or a withdrawn publication's file is not public.

    Staff who work with documents still open every one; everyone else gets a 404, as for a document
    that never existed (telling them it exists would say something too).
    """
    if not user_may_see(request.user, type(document)) and not is_in_public_use(document):
        raise Http404


class HelpLinesViewSet(SnippetViewSet):
    """The help lines, in Settings where they always were: the English ones, and a translation per language
    (wagtail-localize's *Translate*)."""

    model = HelpLines
    icon = "help"
    menu_label = _("Help lines")
    add_to_settings_menu = True
    list_display = ["__str__", "locale"]


register_snippet(HelpLinesViewSet)

"""Snippets that have public URLs through the index page that routes them."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.cache import cached_for_content, cached_unless_preview, query_digest

from .models import BasePage, Theme
from .pagination import paginate


class RoutedSnippetMixin:
    """For a snippet shown at ``<index page URL><slug>/``.

    The index page is looked up once per content change (see ``cached_for_content``), so a
    listing of any length costs no query for its item URLs.
    """

    index_page_model = None  # "app_label.ModelName" of the routing page

    @classmethod
    def get_index_page(cls, request=None):
        """The live, public page that routes these items in the active language; during a request, read
        once per content change.

        None while there is none, or while it is private: then the items are not public either.
        """

        def find():
            pages = apps.get_model(cls.index_page_model).objects.live().public()
            return pages.filter(locale__language_code=get_language()).first()

        if request is None:
            return find()
        return cached_for_content(request, f"index-page:{cls._meta.label_lower}", find)

    @classmethod
    def paths_in_every_language(cls):
        """A function giving an item's address from its language and slug, under that language's live,
        public index page (None in a language without one): the index pages of every language read at
        once, for the language switcher and the sitemap (``get_url`` gives the active language's)."""
        index_pages = apps.get_model(cls.index_page_model).objects.live().public().select_related("locale")
        # Each index page's URL worked out once, not once per item.
        prefixes = {page.locale.language_code: (page.url, page) for page in index_pages}

        def item_path(language, slug):
            if language not in prefixes:
                return None
            url, index_page = prefixes[language]
            return url + index_page.reverse_subpage("detail", kwargs={"slug": slug})

        return item_path

    @classmethod
    def public_objects(cls, request=None):
        """The items a visitor can reach: live, while the page that routes them is live and public."""
        if cls.get_index_page(request) is None:
            return cls.objects.none()
        return cls.objects.live()

    def get_url(self, request=None):
        index_page = self.get_index_page(request)
        if index_page is None:
            return None
        return index_page.get_url(request) + index_page.reverse_subpage("detail", kwargs={"slug": self.slug})

    def get_cached_paths(self):
        """The paths, under the index page's URL, of the responses showing this item, to purge when it
        changes (as Wagtail's Page.get_cached_paths): the listing and the item's own page."""
        index_page = self.get_index_page()
        return ["", index_page.reverse_subpage("detail", kwargs={"slug": self.slug})] if index_page else []

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(item=self, page=self.get_index_page(request))
        return context


class SnippetIndexPage(RoutablePageMixin, BasePage):
    """A page listing live snippets, paginated, and serving each at its slug."""

    show_untranslated = models.BooleanField(
        _("list items not yet translated"),
        default=False,
        help_text=_(
            "In a language other than English, also list the English items not yet translated into it, "
            "marked as English. Untranslated items keep their address either way."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("show_untranslated")]

    snippet_model = None
    detail_template = None
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True

    def get_filter_form_class(self):
        raise NotImplementedError

    def content_cache_key(self, request):
        """The listing's: per day (what is upcoming changes at midnight) and query (its filters and page). An
        item's page gives its own (``detail``)."""
        return f"listing:{self.pk}:{timezone.localdate().isoformat()}:{query_digest(request)}"

    def get_filter_form(self, request):
        def live_years():
            items = self.snippet_model.objects.live().in_language(with_untranslated=self.show_untranslated)
            return [day.year for day in items.dates("date", "year", order="DESC")]

        years = cached_for_content(request, f"years:{self.snippet_model._meta.label_lower}", live_years)
        themes = cached_for_content(request, "filter-themes", Theme.taxonomy)
        theme_names = cached_for_content(request, "theme-names", Theme.names_in_language)
        return self.get_filter_form_class()(request.GET or None, years=years, themes=themes, theme_names=theme_names)

    @path("", name="listing")
    def listing(self, request):
        filter_form = self.get_filter_form(request)
        listed = self.snippet_model.objects.for_listing(with_untranslated=self.show_untranslated)
        listed, listing_context = self.arrange_listing(filter_form, filter_form.filter(listed))
        # Today's date too: what is upcoming (news.NewsIndexPage.arrange_listing) changes at midnight.
        key = f"{self.pk}:{timezone.localdate().isoformat()}:{filter_form.active_key()}"
        # Read when the listing is rendered, not when its HTML is kept ({% cached_content %}): a 404 past the end then.
        items = SimpleLazyObject(lambda: paginate(request, listed, key=key))
        active_filters = filter_form.active_filters()
        return self.render(
            request,
            context_overrides={
                "items": items,
                "filter_form": filter_form,
                "active_filters": active_filters,
                # One filter makes a useful landing page; combinations are left out of search engines.
                "noindex": len(active_filters) > 1,
                **listing_context,
            },
        )

    def arrange_listing(self, filter_form, items):
        """The filtered items in the order listed (newest first), and any context the listing needs to
        show them: a subclass may order a filtered listing otherwise (the news page lists upcoming events
        first, apart)."""
        return items, {}

    @path("<slug:slug>/", name="detail")
    def detail(self, request, slug):
        def read():  # a 404 (no such item) is raised, not kept
            item = self.get_item(slug, self.snippet_model.objects.for_detail())
            return {"item": item, **self.get_detail_context(request, item)}

        # Read once per content generation, in the shared cache only: an entry per item would push the furniture
        # out of each worker's copies.
        context = cached_unless_preview(request, f"item:{self.pk}:{slug}", read, per_worker=False)
        # Today's date too: whether an event is upcoming changes at midnight.
        content_key = f"item:{self.pk}:{slug}:{timezone.localdate().isoformat()}"
        return self.render(
            request, template=self.detail_template, context_overrides={**context, "content_key": content_key}
        )

    def get_item(self, slug, items):
        """The item of ``items`` at ``slug`` in this page's language, else (not yet translated into it) in
        English; a 404 if there is none."""
        # Both read at once (a slug is unique in each language): this page's language first.
        items = items.filter(slug=slug).select_related("locale")
        wanted = items.filter(
            models.Q(locale_id=self.locale_id) | models.Q(locale__language_code=settings.LANGUAGE_CODE)
        )
        item = min(wanted, key=lambda item: item.locale_id != self.locale_id, default=None)
        if item is None:
            raise Http404
        return item

    def get_detail_context(self, request, item):
        """Extra context for an item's page, such as related content: read, not querysets (it is cached)."""
        return {}


def redirect_old_slug(sender, instance, update_fields=None, **kwargs):
    """Keep a live item's old address working when its slug changes: a permanent redirect to the new one.

    Saving a draft only writes revision fields; the slug column changes when the item is published.
    """
    if instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    old_slug = sender.objects.filter(pk=instance.pk, live=True).values_list("slug", flat=True).first()
    index_page = sender.get_index_page()
    if old_slug in (None, instance.slug) or index_page is None:
        return
    from wagtail.contrib.redirects.models import Redirect

    old_path = Redirect.normalise_path(index_page.url + index_page.reverse_subpage("detail", kwargs={"slug": old_slug}))
    Redirect.objects.filter(old_path=old_path, site=None).delete()
    Redirect.add_redirect(
        old_path,
        redirect_to=index_page,
        page_route_path=index_page.reverse_subpage("detail", kwargs={"slug": instance.slug}),
        automatically_created=True,
    )

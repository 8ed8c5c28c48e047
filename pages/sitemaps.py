"""The sitemap: every page and routed item in each language it is written in, at its own address, naming
its translations as hreflang alternates (Google reads them there as it reads them in a page's head)."""

from collections import defaultdict, namedtuple
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page, Site

from core.addresses import absolute_url

from .seo import real_translations

# One address of the sitemap, with its translations' (itself included): {language code: path}.
Entry = namedtuple("Entry", "path lastmod translations")


class TranslationsSitemap(Sitemap):
    """Content whose translations are objects of their own, sharing a ``translation_key``.

    Django's ``i18n`` mode serves one object in every language; here each translation is listed once, at
    its own address, naming every translation of the same content. A constant number of queries: the
    translations are grouped in memory.
    """

    def translations(self):
        """(translation key, language code, path, last published) of each public translation."""
        raise NotImplementedError

    def items(self):
        translations = list(self.translations())
        by_key = defaultdict(dict)
        for key, language, path, _lastmod in translations:
            by_key[key][language] = path
        return [Entry(path, lastmod, by_key[key]) for key, _language, path, lastmod in translations]

    def get_urls(self, page=1, site=None, protocol=None):
        """Each entry at SITE_URL, whatever the request came with (as the canonical links)."""
        urls = [
            {
                "item": entry,
                "location": absolute_url(entry.path),
                "lastmod": entry.lastmod,
                "alternates": alternates(entry),
            }
            for entry in self.paginator.page(page).object_list
        ]
        # The response's Last-Modified, as Django's sitemaps give it.
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def alternates(entry):
    """Where the content has translations, all of them, itself included (as Google asks), in the UN's
    order, then English as x-default, for a visitor in none of these languages."""
    if len(entry.translations) <= 1:
        return []
    links = [(code, entry.translations[code]) for code, _name in settings.LANGUAGES if code in entry.translations]
    if settings.LANGUAGE_CODE in entry.translations:
        links.append(("x-default", entry.translations[settings.LANGUAGE_CODE]))
    return [{"lang_code": code, "location": absolute_url(path)} for code, path in links]


class PageSitemap(TranslationsSitemap, WagtailSitemap):
    """The live, public pages of the site's tree in every language that are translations in their own
    right; the aliases kept in step with English show the English page, which is listed itself.

    Wagtail's sitemap view hands its sitemaps the request, whose site root paths every page's URL reuses.
    """

    def translations(self):
        site = self.get_wagtail_site()
        # Wagtail's record of the site's tree in each language, which its page URLs are built from.
        roots = [root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk]
        trees = [Q(url_path__startswith=root) for root in roots]
        pages = real_translations(Page.objects.live().public()).filter(reduce(or_, trees))
        for page in pages.select_related("locale").order_by("path"):
            yield page.translation_key, page.locale.language_code, page.get_url(self.request), page.last_published_at


class RoutedSnippetSitemap(TranslationsSitemap):
    """A routed snippet's live items, each translation at its address under its language's index page."""

    def __init__(self, model):
        self.model = model

    def translations(self):
        path = self.model.paths_in_every_language()
        items = self.model.objects.live().order_by("-date", "-pk")
        fields = ("translation_key", "locale__language_code", "slug", "last_published_at")
        for key, language, slug, last_published_at in items.values_list(*fields):
            address = path(language, slug)
            if address:  # None while its language's index page is not public: nor is the item
                yield key, language, address, last_published_at

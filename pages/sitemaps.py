"""The sitemap: every page and routed item in each language it is written in, at its own address, naming
its translations as hreflang alternates (Google reads them there as it reads them in a page's head).

``/sitemap.xml`` is an index of sections (pages, news, publications), each served in pages of ``limit``
addresses at ``/sitemap-<section>.xml?p=N``. Each response is rendered once per content generation
(``core.cache.cached_for_content``): after that, one cache read, whatever the number of items; after any
change, nothing taken down is served from it again.
"""

from collections import defaultdict, namedtuple
from functools import cache, cached_property, reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap, views
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page, Site

from core.addresses import absolute_url
from core.cache import cached_response
from core.serving import find_site
from news.models import NewsItem
from publications.models import Publication

from .seo import real_translations

# One address of the sitemap, with its translations' (itself included): {language code: path}.
Entry = namedtuple("Entry", "path lastmod translations")


class TranslationsSitemap(Sitemap):
    """Content whose translations are objects of their own, sharing a ``translation_key``.

    Django's ``i18n`` mode serves one object in every language; here each translation is listed once, at
    its own address, naming every translation of the same content. One page costs a count, the page's
    rows and their translations' rows, whatever the number of items.
    """

    # A page is read and rendered by the first request after a change, within that request (its time for
    # 1,000 addresses, about 100 kB, is in docs/performance.md); later requests read the bytes. Larger pages
    # make that first request slower; smaller ones lengthen the index, every publish's purge and the cache
    # entries (15 pages at 10,000 news items and 2,000 publications).
    limit = 1000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        """The public translations, in an order that never changes between two pages of one generation:
        a query that the paginator counts, then reads one page of."""
        raise NotImplementedError

    def translations(self, items):
        """(translation key, language code, path, last published) of each of ``items`` that has an address."""
        raise NotImplementedError

    def get_urls(self, page=1, site=None, protocol=None):
        """Each entry at SITE_URL, whatever the request came with (as the canonical links)."""
        paginator = self.paginator
        listed = list(self.translations(paginator.page(page).object_list))
        # Their translations may be on other pages: read by key, from the same public items.
        keys = {key for key, _language, _path, _lastmod in listed}
        by_key = defaultdict(dict)
        for key, language, path, _lastmod in self.translations(paginator.object_list.filter(translation_key__in=keys)):
            by_key[key][language] = path
        urls = [
            {
                "item": entry,
                "location": absolute_url(entry.path),
                "lastmod": entry.lastmod,
                "alternates": alternates(entry),
            }
            for entry in (Entry(path, lastmod, by_key[key]) for key, _language, path, lastmod in listed)
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

    Made with the request, whose site it lists and whose site root paths every page's URL reuses.
    """

    def items(self):
        try:
            site = self.get_wagtail_site()
        except Site.DoesNotExist:  # none yet (the launch content being loaded, whose publishes purge the sitemap)
            return Page.objects.none()
        # Wagtail's record of the site's tree in each language, which its page URLs are built from.
        roots = [root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk]
        trees = [Q(url_path__startswith=root) for root in roots]
        pages = real_translations(Page.objects.live().public()).filter(reduce(or_, trees))
        return pages.select_related("locale").order_by("path")

    def translations(self, items):
        for page in items:
            yield page.translation_key, page.locale.language_code, page.get_url(self.request), page.last_published_at


class RoutedSnippetSitemap(TranslationsSitemap):
    """A routed snippet's live items, each translation at its address under its language's index page."""

    model = None

    def items(self):
        fields = ("translation_key", "locale__language_code", "slug", "last_published_at")
        return self.model.objects.live().order_by("-date", "-pk").values_list(*fields)

    @cached_property
    def item_path(self):
        # Memoised: a page's items are read again with their translations, for the alternates.
        return cache(self.model.paths_in_every_language())

    def translations(self, items):
        for key, language, slug, last_published_at in items:
            address = self.item_path(language, slug)
            if address:  # None while its language's index page is not public: nor is the item
                yield key, language, address, last_published_at


class NewsSitemap(RoutedSnippetSitemap):
    model = NewsItem


class PublicationSitemap(RoutedSnippetSitemap):
    model = Publication


# Each made for one request (PageSitemap lists the request's site).
SECTIONS = {"pages": PageSitemap, "news": NewsSitemap, "publications": PublicationSitemap}


def section_paths(request=None, past_the_end=False):
    """The address of every page of each section, as the index names them (the first without ``?p=``),
    for the request's site (else the default site). ``past_the_end``: also the page after each section's
    last, which a takedown may just have emptied, for a purge to reach it."""
    paths = []
    for name, section in SECTIONS.items():
        first = reverse("sitemap_section", kwargs={"section": name})
        last = section(request).paginator.num_pages + (1 if past_the_end else 0)
        paths += [first] + [f"{first}?p={number}" for number in range(2, last + 1)]
    return paths


def urlset_xml(urls):
    """What Django's sitemap.xml template makes of ``urls`` (its view's ``urlset``: the location, last change and
    alternates each section gives), written without the template, which took half of a page's first rendering
    after each publish (docs/performance.md)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in urls:
        lines.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            # As the template's |date:"Y-m-d": the day in the site's time zone.
            lines.append(f"<lastmod>{timezone.localtime(url['lastmod']).date().isoformat()}</lastmod>")
        lines += [
            f'<xhtml:link rel="alternate" hreflang="{escape(link["lang_code"])}" href="{escape(link["location"])}"/>'
            for link in url["alternates"]
        ]
        lines.append("</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def cached_sitemap(request, key, render):
    """``core.cache.cached_response`` per site.

    Not per language, although ``cached_for_content`` keys name it: outside the language prefixes the
    language is always English, and the sitemap names every language's addresses whatever it is.
    """
    # The site whose pages are listed: the one the request's host names, else the default (PageSitemap).
    site = find_site(request)
    return cached_response(request, f"sitemap:{site.pk if site else None}:{key}", render)


@views.x_robots_tag
def sitemap_index(request):
    """Django's index of sitemaps, at SITE_URL as every address of the sitemap (Django's own view names
    the request's host), counting each section's items once per content generation."""

    def render():
        listed = [views.SitemapIndexItem(absolute_url(path)) for path in section_paths(request)]
        return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": listed}, content_type="application/xml")

    return cached_sitemap(request, "index", render)


def sitemap_section(request, section):
    """One page of one section, by Django's view.

    A page past the end or not a number is a 404; only the pages that exist are kept, each once
    whatever the spelling of its number (Django's view reads ``p`` with ``int()`` too)."""
    if section not in SECTIONS:
        raise Http404("No such section of the sitemap")
    try:
        number = int(request.GET.get("p", 1))
    except ValueError:
        raise Http404("No such page of the sitemap") from None
    sitemaps = {section: SECTIONS[section](request)}

    def render():
        response = views.sitemap(request, sitemaps, section=section)  # its pages, 404s, headers and last change
        response.content = urlset_xml(response.context_data["urlset"])
        return response

    return cached_sitemap(request, f"{section}:{number}", render)

"""What a page tells search engines and social networks: canonical URL, description, share image, JSON-LD."""

import json

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.addresses import absolute_url
from core.cache import cached_for_content
from core.images import SHARE_IMAGE
from core.models import with_own_content
from core.serving import find_site
from core.structured_data import ORGANIZATION

# JSON inside <script> must not be able to close the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def breadcrumb_trail(request, page, item=None):
    """(title, URL) from home to the current page; the current page's URL is None.

    The ancestors are read once per content change, shared by the breadcrumbs and the JSON-LD.
    """
    if page is None or page.depth <= 2:
        return []

    def find_ancestors():
        return list(page.get_ancestors().filter(depth__gt=1))

    # A new page's preview has no pk yet: its trail is never shared with another's.
    ancestors = cached_for_content(request, f"ancestors:{page.pk}", find_ancestors) if page.pk else find_ancestors()
    trail = [
        # The site root is "Home" in the trail, as in the main navigation, whatever its title.
        (_("Home") if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
        for ancestor in ancestors
    ]
    if item is not None:
        trail += [(page.title, page.get_url(request)), (item.title, None)]
    else:
        trail.append((page.title, None))
    return trail


def localized_site_root(request):
    """The site's home page in the visitor's language (its translation, or the alias kept in step),
    read once per content change."""
    site = find_site(request)
    if site is None:
        return None
    return cached_for_content(request, f"root:{site.pk}", lambda: site.root_page.localized)


def content_language(page, item=None, request=None):
    """The language the content shown is written in: a news item's or publication's own; a page's own
    language once its translation is published, English before (see ``core.models.with_own_content``)."""
    if item is not None:
        # A new item's preview has no locale yet: it is saved in English unless added as a translation.
        return item.locale.language_code if item.locale_id else settings.LANGUAGE_CODE
    if page is None or page.pk is None or get_language() == settings.LANGUAGE_CODE:
        return get_language()
    if page.alias_of_id is not None:
        return settings.LANGUAGE_CODE

    def shows_own_content():
        return Page.objects.filter(with_own_content(), pk=page.pk).exists()

    own = cached_for_content(request, f"own-content:{page.pk}", shows_own_content) if request else shows_own_content()
    return get_language() if own else settings.LANGUAGE_CODE


def real_translations(pages):
    """Those of ``pages`` that are translations in their own right: not aliases kept in step with English,
    nor copies of it submitted for translation and not yet published."""
    return pages.filter(with_own_content())


def page_translations(page):
    """The address of the page in each language where it is live, by language, and whether it is a
    translation there (else an alias, or a copy not yet published, showing the English with a notice)."""
    translated = ExpressionWrapper(with_own_content(), output_field=BooleanField())
    pages = page.get_translations(inclusive=True).live().select_related("locale").annotate(translated=translated)
    return {version.locale.language_code: (version.get_url(), version.translated) for version in pages}


def item_versions(item):
    """A news item's or publication's address in each language, under that language's index page: its
    translation's (whose slug may differ), else the English item's, shown in English with a notice."""
    model = type(item)
    translations = model.objects.live().filter(translation_key=item.translation_key)
    slugs = dict(translations.values_list("locale__language_code", "slug"))
    path = model.paths_in_every_language()
    versions = {}
    for code, _name in settings.LANGUAGES:
        slug = slugs.get(code, slugs.get(settings.LANGUAGE_CODE))
        address = path(code, slug) if slug else None
        if address:
            versions[code] = (address, code in slugs)
    return versions


def language_versions(request, page, item=None):
    """This page in each language, in the UN's order, for the language switcher and hreflang links.

    Each is ``(code, name in that language, path, translated)``: the page's or item's translation where
    there is one, else its address in that language, which shows the English with a notice. Read once per
    content change.
    """
    if not hasattr(request, "_language_versions"):
        versions = {}
        # A new page's or item's preview has no pk yet, nor translations.
        if item is not None and item.pk:
            key = f"translations:{item._meta.label_lower}:{item.pk}"
            versions = cached_for_content(request, key, lambda: item_versions(item))
        elif item is None and isinstance(page, Page) and page.pk:
            versions = cached_for_content(request, f"translations:{page.pk}", lambda: page_translations(page))
        request._language_versions = []
        query = request.META.get("QUERY_STRING")  # a listing's filters and page, kept
        for code, _name in settings.LANGUAGES:
            if code in versions:
                path, translated = versions[code]
                path = f"{path}?{query}" if query else path
            else:
                path, translated = translate_url(request.get_full_path(), code), False
            request._language_versions.append((code, get_language_info(code)["name_local"], path, translated))
    return request._language_versions


def share_image_url(image):
    if image is None:
        return absolute_url(static("img/share.png"))
    return absolute_url(image.get_rendition(SHARE_IMAGE).url)


def page_metadata(request, page, item=None):
    """Title, description, canonical URL, share image and JSON-LD for a page or a routed item on it."""
    # At SITE_URL whatever scheme or host the request came with: a cached page is right for everyone;
    # content not yet translated has its English address as canonical.
    language = content_language(page, item, request)
    canonical = absolute_url(request.path if language == get_language() else translate_url(request.path, language))
    if item is not None:
        title, description = item.title, item.summary
        image = getattr(item, "image", None) or getattr(item, "cover_image", None)
    else:
        title = page.seo_title or page.title if page else ""
        description = getattr(page, "meta_description", "")
        image = getattr(page, "share_image", None)
    trail = breadcrumb_trail(request, page, item) or ([(page.title, None)] if page else [])
    graph = []
    if trail:
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": name,
                        "item": absolute_url(url) if url else canonical,
                    }
                    for position, (name, url) in enumerate(trail, start=1)
                ],
            }
        )
    if page is not None and page.depth == 2:
        graph.append(ORGANIZATION)
    if item is not None:
        data = {"name": item.title, "url": canonical, "description": description, "image": share_image_url(image)}
        graph.append(data | item.structured_data())
    versions = language_versions(request, page, item)
    translated = [(code, path) for code, _name, path, is_translation in versions if is_translation]
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        # Search engines are told of the other languages only where a translation exists.
        "alternates": [(code, absolute_url(path)) for code, path in translated] if len(translated) > 1 else [],
        "image": share_image_url(image),
        "og_type": "article" if item is not None else "website",
        "json_ld": json.dumps({"@context": "https://schema.org", "@graph": graph}).translate(_SCRIPT_ESCAPES),
    }

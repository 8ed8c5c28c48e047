import hashlib
import re

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from core.cache import ADDRESS_CACHE_SECONDS, cached_for_content, cached_unless_preview
from core.models import BasePage, Theme
from news.models import NewsItem

from ..models import HelpLines, SectionPage
from ..search import MAX_QUERY_LENGTH, highlight
from ..seo import breadcrumb_trail, content_language, language_versions, localized_site_root, page_metadata

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The site root's live, public menu pages, each by its menu label (else its title), with the one the
    visitor is in marked as current."""
    request = context["request"]
    current = context.get("page")
    root = localized_site_root(request)
    items = []
    if root is not None:
        menu = cached_for_content(
            request,
            f"menu-labels:{root.pk}",  # a new key: menus cached before the labels existed lack them
            lambda: list(BasePage.with_own_fields(root.get_children().live().public().in_menu(), "menu_label")),
        )
        for child in menu:
            is_current = current is not None and current.path.startswith(child.path)
            # On a routed item (a news item under /news/) its index page is current, but not the page shown.
            is_exact = is_current and current.pk == child.pk and context.get("item") is None
            label = child.menu_label or child.title
            items.append({"page": child, "label": label, "is_current": is_current, "is_exact": is_exact})
    return {
        "request": request,
        "root": root,
        "items": items,
        "at_root": current is not None and current.pk == getattr(root, "pk", None),
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the visitor's language."""
    request = context["request"]
    root = localized_site_root(request)
    return root.get_url(request) if root is not None else "/"


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from home to the current page; a routed item adds itself after its index page."""
    return {"trail": breadcrumb_trail(context["request"], context.get("page"), context.get("item"))}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Each language named in itself, linking to this page in that language."""
    request = context["request"]
    return {"versions": language_versions(request, context.get("page"), context.get("item")), "current": get_language()}


def language_attributes(language):
    """``lang`` and ``dir`` for text in ``language``."""
    return format_html(' lang="{}" dir="{}"', language, "rtl" if get_language_info(language)["bidi"] else "ltr")


def lang_attributes(language):
    """``language_attributes`` where ``language`` is not the visitor's (English not yet translated,
    inside an Arabic page too); empty otherwise."""
    return "" if language == get_language() else language_attributes(language)


@register.simple_tag(takes_context=True)
def content_lang_attributes(context):
    """For the page's own content: see ``lang_attributes``."""
    return lang_attributes(content_language(context.get("page"), context.get("item"), context.get("request")))


@register.simple_tag(takes_context=True)
def ui_lang_attributes(context):
    """Inside content marked as another language: ``lang`` and ``dir`` of the visitor's language for the
    site's own words there (labels, dates, the downloads); empty where the content is in it."""
    return language_attributes(get_language()) if content_lang_attributes(context) else ""


@register.simple_tag(takes_context=True)
def visitors_help_lines(context):
    """The help lines in the visitor's language, else the English ones (``HelpLines.for_request``)."""
    return HelpLines.for_request(context["request"])


@register.simple_tag(takes_context=True)
def theme_label(context, theme):
    """A theme's name in the visitor's language where its translation is published, else in English,
    marked as English."""
    names = cached_for_content(context["request"], "theme-names", Theme.names_in_language)
    name, language = names.get(theme.pk, (theme.name, settings.LANGUAGE_CODE))
    attributes = lang_attributes(language)
    return format_html("<span{}>{}</span>", attributes, name) if attributes else name


@register.filter
def item_lang_attributes(item):
    """For a listed item's title and summary: see ``lang_attributes``."""
    return lang_attributes(item.locale.language_code)


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Canonical URL, description, social sharing tags and JSON-LD for the page being rendered: for a page, rendered
    once per content generation, language and address, in the shared cache only and briefly (the address has the
    visitor's query string); anything else (an error page at any address, the search) on every request."""
    request, page, item, noindex = context["request"], context.get("page"), context.get("item"), context.get("noindex")

    def render():
        return render_to_string("includes/page_meta.html", {**page_metadata(request, page, item), "noindex": noindex})

    if page is None:
        return render()
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"html:page-meta:{page.pk}:{getattr(item, 'pk', None)}:{address}:{bool(noindex)}"
    return mark_safe(cached_unless_preview(request, key, render, timeout=ADDRESS_CACHE_SECONDS, per_worker=False))


@register.simple_tag(takes_context=True)
def item_url(context, item):
    """The public URL of anything routed by an index page: a news item, a publication, a publication's file."""
    return item.get_url(context.get("request"))


@register.simple_tag
def elided_page_range(page_obj):
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.filter
def dialable(number):
    """A phone number as written ("+44 (0)800 0121 700") as tel: and sms: links need it ("+448000121700")."""
    return re.sub(r"[^\d+]", "", str(number).replace("(0)", ""))


@register.inclusion_tag("pages/includes/search_result.html", takes_context=True)
def search_result(context, result):
    """A search result of any kind: what it is, its date, link and summary with the query marked."""
    kind, date, iso_date = result.search_result_details()
    query = context["query"]
    return {
        "kind": kind,
        "date": date,
        "iso_date": iso_date,
        "url": result.get_url(context["request"]),
        "title": highlight(result.title, query),
        "summary": highlight(getattr(result, "summary", ""), query),
    }


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> to the news feeds, for browsers and feed readers to discover."""
    request = context["request"]
    index_page = NewsItem.get_index_page(request)
    if index_page is None:
        return {}
    base = index_page.get_url(request)
    return {"rss": base + index_page.reverse_subpage("feed"), "atom": base + index_page.reverse_subpage("atom_feed")}


@register.simple_tag(takes_context=True)
def section_pages_for(context, item):
    """The section pages of a themed item's themes, for "More on this theme"; read once per content generation."""
    key = f"section-pages-for:{item._meta.label_lower}:{item.pk}"
    return cached_unless_preview(
        context["request"], key, lambda: list(SectionPage.for_themes_of(item)), per_worker=False
    )


@register.simple_tag(takes_context=True)
def related_news_for(context, item):
    """The newest news items sharing a theme with ``item``; none while the news pages are not public. Read once
    per content generation."""
    request = context["request"]
    if NewsItem.get_index_page(request) is None:
        return []
    key = f"related-news-for:{item._meta.label_lower}:{item.pk}"
    return cached_unless_preview(request, key, lambda: list(item.related(NewsItem)), per_worker=False)


@register.simple_tag
def search_query_max_length():
    """The longest search the site accepts, for the header's search box (the search page has its form)."""
    return MAX_QUERY_LENGTH

"""One site search over live pages, news items and publications."""

import re

from django import forms
from django.conf import settings
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from core.cache import cached_for_content
from news.models import NewsItem
from publications.models import Publication

from .seo import localized_site_root

# Each kind contributes at most this many of its best matches, so a search costs the same
# few queries however large the site grows; nobody pages through more than this. On PostgreSQL
# they are the best of at most core.search.RANKED_MATCHES matches, however many texts match.
RESULTS_PER_KIND = 100
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search this site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Your search is too long. Use fewer words (at most %(limit_value)d characters).")
        },
    )


def _lower_score_is_better():
    # SQLite's FTS5 bm25() ranks better matches lower; PostgreSQL's ts_rank ranks them higher.
    return connection.vendor == "sqlite"


def search_terms(query):
    """The words of a query, without the punctuation and operators a search engine would parse."""
    return " ".join(re.findall(r"\w+", query)[:20])


def search_site(query, site, request=None):
    """Live, public results of every kind for ``query``, best first."""
    # Looked up once whatever kinds the first page of results holds, so a search costs the same queries;
    # items are public only while the page that routes them is.
    routed_models = [model for model in (NewsItem, Publication) if model.get_index_page(request) is not None]

    query = search_terms(query)
    if not query:
        return []

    # The pages of the visitor's language: its translations, and aliases of the English ones.
    root = localized_site_root(request) if request else site.root_page.localized
    pages = Page.objects.descendant_of(root, inclusive=True)
    page_hits = list(pages.live().public().search(query).annotate_score("_score")[:RESULTS_PER_KIND])
    specific_pages = {page.pk: page for page in Page.objects.filter(pk__in=[hit.pk for hit in page_hits]).specific()}
    results = []
    for hit in page_hits:
        page = specific_pages[hit.pk]
        page._score = hit._score
        results.append(page)
    for model in routed_models:
        results += items_in_language(model, query, request)
    results.sort(key=lambda result: result._score, reverse=not _lower_score_is_better())
    return results


def items_in_language(model, query, request=None):
    """The best matches among ``model``'s items in the visitor's language and the English ones not yet
    translated into it (a search backend filters on fields, not on ``in_language``'s subquery)."""
    language, english = get_language(), settings.LANGUAGE_CODE

    def find_locales():
        return dict(Locale.objects.values_list("language_code", "id"))

    locales = cached_for_content(request, "locale-ids", find_locales) if request else find_locales()
    wanted = {locales[language], locales[english]}
    items = model.objects.live().filter(locale_id__in=wanted).select_related("locale")
    hits = list(items.search(query).annotate_score("_score")[:RESULTS_PER_KIND])
    if language == english:
        return hits
    english_keys = [hit.translation_key for hit in hits if hit.locale_id == locales[english]]
    translated = model.objects.filter(locale__language_code=language, translation_key__in=english_keys)
    translated_keys = set(translated.values_list("translation_key", flat=True))
    return [hit for hit in hits if hit.locale_id != locales[english] or hit.translation_key not in translated_keys]


def highlight(text, query):
    """Escape ``text`` and mark each word of the query in it."""
    words = sorted({word for word in re.findall(r"\w{2,}", query)}, key=len, reverse=True)[:10]
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)
    pattern = re.compile("|".join(re.escape(escape(word)) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match[0]}</mark>", escaped))

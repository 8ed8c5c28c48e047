"""One site search over live pages, news items and publications."""

import hashlib
import re
from operator import attrgetter
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from core.cache import cached_for_content
from core.models import BasePage
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


class Hit(NamedTuple):
    """One match: what kind of thing it is (the model whose ``search_results`` reads it), its key, its score."""

    model: type
    pk: int
    score: float


def search_site(query, request):
    """Live, public matches of every kind for ``query``, best first, as hits: ranking reads keys and scores
    only, and ``shown_results`` then reads the objects of the hits a page of results shows.

    Ranked once per content generation while asked for again within SEARCH_CACHE_SECONDS (a word in every
    text takes 50-60 ms to rank, docs/performance.md), in the shared cache only: its keys are what visitors type.
    """
    query = search_terms(query)
    if not query:
        return []
    # The pages of the visitor's language: its translations, and aliases of the English ones.
    root = localized_site_root(request)
    if root is None:
        return []
    return cached_for_content(
        request,
        f"search:{hashlib.sha256(f'{root.pk}:{query}'.encode()).hexdigest()}",
        lambda: rank_matches(query, root, request),
        timeout=settings.SEARCH_CACHE_SECONDS,
        per_worker=False,
    )


def rank_matches(query, root, request):
    """The best RESULTS_PER_KIND matches of each kind under ``root``, as hits, best first."""
    # Looked up once whatever kinds the first page of results holds, so a search costs the same queries;
    # items are public only while the page that routes them is.
    routed_models = [model for model in (NewsItem, Publication) if model.get_index_page(request) is not None]
    pages = Page.objects.descendant_of(root, inclusive=True).live().public().only("pk")
    page_hits = pages.search(query).annotate_score("_score")[:RESULTS_PER_KIND]
    hits = [Hit(BasePage, page.pk, page._score) for page in page_hits]
    for model in routed_models:
        hits += [Hit(model, item.pk, item._score) for item in items_in_language(model, query, request)]
    hits.sort(key=attrgetter("score"), reverse=not _lower_score_is_better())
    return hits


def shown_results(hits):
    """The objects of ``hits`` in their order, one query per kind; any taken down since it was found is left out."""
    keys_by_model = {}
    for hit in hits:
        keys_by_model.setdefault(hit.model, []).append(hit.pk)
    found = {(model, obj.pk): obj for model, keys in keys_by_model.items() for obj in model.search_results(keys)}
    return [found[hit.model, hit.pk] for hit in hits if (hit.model, hit.pk) in found]


def items_in_language(model, query, request):
    """The best matches among ``model``'s items in the visitor's language and the English ones not yet
    translated into it (a search backend filters on fields, not on ``in_language``'s subquery)."""
    language, english = get_language(), settings.LANGUAGE_CODE

    locales = cached_for_content(request, "locale-ids", lambda: dict(Locale.objects.values_list("language_code", "id")))
    wanted = {locales[language], locales[english]}
    items = model.objects.live().filter(locale_id__in=wanted).only("pk", "locale_id", "translation_key")
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

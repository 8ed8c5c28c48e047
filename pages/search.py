"""One site search over live pages, news items and publications."""

import re

from django import forms
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from news.models import NewsItem
from publications.models import Publication

# Each kind contributes at most this many of its best matches, so a search costs the same
# few queries however large the site grows; nobody pages through more than this.
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

    page_hits = list(
        Page.objects.in_site(site).live().public().search(query).annotate_score("_score")[:RESULTS_PER_KIND]
    )
    specific_pages = {page.pk: page for page in Page.objects.filter(pk__in=[hit.pk for hit in page_hits]).specific()}
    results = []
    for hit in page_hits:
        page = specific_pages[hit.pk]
        page._score = hit._score
        results.append(page)
    for model in routed_models:
        results += list(model.objects.live().search(query).annotate_score("_score")[:RESULTS_PER_KIND])
    results.sort(key=lambda result: result._score, reverse=not _lower_score_is_better())
    return results


def highlight(text, query):
    """Escape ``text`` and mark each word of the query in it."""
    words = sorted({word for word in re.findall(r"\w{2,}", query)}, key=len, reverse=True)[:10]
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)
    pattern = re.compile("|".join(re.escape(escape(word)) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match[0]}</mark>", escaped))

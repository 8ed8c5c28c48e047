"""RSS 2.0 and Atom feeds of the latest live news items, optionally of one theme or kind."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.models import Theme
from core.text import clean_text

from .choices import Kind

FEED_LENGTH = 20


class NewsFeed(Feed):
    """Text is cleaned here as on save (core.text): rows saved before may hold characters XML refuses."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, index_page):
        """The feed's scope: the index page, and a theme or kind from the query string if valid."""
        self.request = request
        theme = Theme.objects.filter(slug=request.GET.get("theme", "")).first()
        kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else None
        return {"index_page": index_page, "theme": theme, "kind": kind}

    def title(self, scope):
        parts = [_("UNODC Global Programme against Trafficking in Persons"), scope["index_page"].title]
        if scope["theme"]:
            parts.append(scope["theme"].name)
        if scope["kind"]:
            parts.append(Kind(scope["kind"]).label)
        return clean_text(" – ".join(str(part) for part in parts))

    # Every address at SITE_URL, as the pages' canonical links (Django would use the request's host).
    def link(self, scope):
        return absolute_url(scope["index_page"].get_url(self.request))

    def feed_url(self, scope):
        return absolute_url(self.request.path)

    def description(self, scope):
        return clean_text(scope["index_page"].summary)

    def items(self, scope):
        index_page = scope["index_page"]
        items = index_page.snippet_model.objects.live().in_language(with_untranslated=index_page.show_untranslated)
        items = items.order_by("-date", "-pk").defer("body")
        if scope["theme"]:
            items = items.filter(themes=scope["theme"])
        if scope["kind"]:
            items = items.filter(kind=scope["kind"])
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return clean_text(item.title)

    def item_description(self, item):
        return clean_text(item.summary)

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_pubdate(self, item):
        # The item's own date (an event's first day), as the listings show it.
        return datetime.datetime.combine(item.date, datetime.time.min, tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description

"""Keep caches true to what is published: the page cache here, and a CDN or proxy in front."""

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, published, unpublished

from unodc_site.cache import content_changed

from .models import InitiativeAim, InitiativeMilestone, Theme
from .routing import RoutedSnippetMixin

logger = logging.getLogger(__name__)

# Everything a public page can show. Renditions, revisions and logs are left out: creating
# them changes nothing a visitor sees.
VISIBLE_CONTENT = (
    Page,
    Site,
    Theme,
    InitiativeAim,
    InitiativeMilestone,
    BaseSiteSetting,
    AbstractImage,
    AbstractDocument,
)


def is_visible_content(model):
    return issubclass(model, VISIBLE_CONTENT + (RoutedSnippetMixin,)) or model._meta.label in {
        "publications.PublicationFile",
        "wagtailredirects.Redirect",
    }


def invalidate_pages(sender, instance=None, created=False, **kwargs):
    # For many-to-many changes the sender is the through model; the instance tells what changed.
    model = type(instance) if instance is not None else sender
    if created and issubclass(model, BaseSiteSetting):
        return  # created with its defaults on first read, during a page view: nothing visible changed
    if is_visible_content(model):
        content_changed()


def urls_showing(obj):
    """Absolute URLs of the responses that show ``obj``: itself, its listing, the home page, feeds, sitemap."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    root = site.root_url.rstrip("/")
    paths = {"/", "/sitemap.xml"}
    if isinstance(obj, RoutedSnippetMixin):
        index_page = obj.get_index_page()
        if index_page is not None:
            index_url = index_page.url
            paths |= {index_url, index_url + index_page.reverse_subpage("detail", kwargs={"slug": obj.slug})}
            if hasattr(obj, "is_event"):
                paths |= {index_url + "feed/", index_url + "feed/atom/"}
        paths |= {page.url for page in obj.section_pages()}
    elif isinstance(obj, Page):
        paths.add(obj.url)
    return sorted(root + path for path in paths if path)


def purge_frontend_cache(sender, instance, **kwargs):
    if not isinstance(instance, (Page, RoutedSnippetMixin)):
        return
    try:
        purge_urls_from_cache(urls_showing(instance))
    except Exception:  # a CDN outage must not stop an editor publishing
        logger.exception("Could not purge the front-end cache for %r", instance)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(invalidate_pages, dispatch_uid=f"invalidate_pages_{id(signal)}")
    m2m_changed.connect(invalidate_pages, dispatch_uid="invalidate_pages_m2m")
    for signal in (published, unpublished, page_published, page_unpublished, post_delete):
        signal.connect(purge_frontend_cache, dispatch_uid=f"purge_frontend_cache_{id(signal)}")

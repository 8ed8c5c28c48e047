"""Keep caches true to what is published: the page cache here, and a CDN or proxy in front."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, GroupPagePermission, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, published, unpublished
from wagtail.tasks import update_reference_index_task

from core.addresses import absolute_url, site_hostname_and_port
from core.cache import content_changed
from core.models import Theme
from core.purging import purge_urls
from core.routing import RoutedSnippetMixin
from publications.models import PublicationFile

from .models import HelpLines, InitiativeAim, InitiativeMilestone, SectionPage
from .roles import TRANSLATED_PAGE_PERMISSIONS
from .sitemaps import section_paths

logger = logging.getLogger(__name__)

# Everything a public page can show. Renditions, revisions and logs are left out: creating
# them changes nothing a visitor sees.
VISIBLE_CONTENT = (
    Page,
    Site,
    Theme,
    BaseViewRestriction,  # pages made private or public again
    InitiativeAim,
    InitiativeMilestone,
    BaseSiteSetting,
    HelpLines,
    AbstractImage,
    AbstractDocument,
    RoutedSnippetMixin,  # news items, publications
    PublicationFile,
    Redirect,
)


def is_visible_content(model):
    return issubclass(model, VISIBLE_CONTENT)


# Fields a save touches when it only records a draft or a lock (Wagtail's autosave does this every
# few seconds while an editor types): nothing a visitor sees changes.
DRAFT_BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def invalidate_pages(sender, instance=None, created=False, update_fields=None, **kwargs):
    # For many-to-many changes the sender is the through model; the instance tells what changed.
    model = type(instance) if instance is not None else sender
    if created and issubclass(model, BaseSiteSetting):
        return  # created with its defaults on first read, during a page view: nothing visible changed
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    if is_visible_content(model):
        content_changed()


def urls_showing(obj):
    """Absolute URLs (at SITE_URL, which caches in front key on) of the responses that show ``obj``:
    itself, its listing, the home page, feeds; each at its address in every language, where it is shown
    in English until translated. Then the sitemap, which has one address: its index and every page of
    its sections (a page's privacy changes what the news section lists too)."""
    # Found in English (an editor's admin may be in another language), then put in every language.
    with translation.override(settings.LANGUAGE_CODE):
        paths = {"/"}
        if isinstance(obj, RoutedSnippetMixin):
            index_page = obj.get_index_page()
            if index_page is not None:
                paths |= {index_page.url + path for path in obj.get_cached_paths()}
            paths |= {page.url for page in SectionPage.for_themes_of(obj)}
        elif isinstance(obj, Page):
            paths.add(obj.url)
        paths = {translate_url(path, code) for path in paths if path for code, _name in settings.LANGUAGES}
    paths |= {reverse("sitemap"), *section_paths(past_the_end=True)}
    return sorted(absolute_url(path) for path in paths)


def purge_frontend_cache(sender, instance, **kwargs):
    if isinstance(instance, PageViewRestriction):  # a page made private or public again
        instance = instance.page
    if not isinstance(instance, (Page, RoutedSnippetMixin)):
        return
    urls = urls_showing(instance)

    def purge():
        try:
            purge_urls.enqueue(urls)
        except Exception:  # neither a CDN outage nor a queue failing must stop an editor publishing
            logger.exception("Could not purge the front-end cache for %r", instance)

    # After the commit: purged earlier, the proxy could fetch the old page again straight away.
    transaction.on_commit(purge)


def point_default_site_at_site_url(**kwargs):
    """Wagtail's default Site at SITE_URL's host and port, so its page URLs, sitemap and purges use it."""
    hostname, port = site_hostname_and_port()
    for site in Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port):
        if Site.objects.filter(hostname=hostname, port=port).exists():
            logger.error(
                "SITE_URL names %s:%s, which another Site already has: the default Site is left alone.", hostname, port
            )
            return
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])


def give_translators_each_language(sender, instance, created, raw=False, **kwargs):
    """A language's home page (made when its tree is first kept in step with English) gives the roles
    that translate its rights on every page of that language, and on none in English."""
    if not created or raw or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    page_permissions = Permission.objects.filter(content_type__app_label="wagtailcore")
    for group_name, actions in TRANSLATED_PAGE_PERMISSIONS.items():
        for group in Group.objects.filter(name=group_name):
            for action in actions:
                permission = page_permissions.get(codename=f"{action}_page")
                GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=permission)


def restrict_aliases_as_their_page(sender, instance, **kwargs):
    """A page made private or public again: its aliases (its untranslated versions in the other
    languages) follow. Wagtail copies restrictions to an alias only when making it, and listings, menus
    and search read each page's own (``public()``). After the commit, once a group restriction's groups
    are saved too."""
    transaction.on_commit(lambda: copy_restrictions_to_aliases(instance.page_id))


def copy_restrictions_to_aliases(page_id):
    restrictions = list(PageViewRestriction.objects.filter(page_id=page_id).prefetch_related("groups"))
    for alias_id in Page.objects.filter(alias_of_id=page_id).values_list("pk", flat=True):
        PageViewRestriction.objects.filter(page_id=alias_id).delete()
        for restriction in restrictions:
            copy = PageViewRestriction.objects.create(
                page_id=alias_id, restriction_type=restriction.restriction_type, password=restriction.password
            )
            copy.groups.set(restriction.groups.all())


def index_public_references_now(sender, instance, **kwargs):
    """Whether a document may be downloaded follows the live pages and items that use it, read from Wagtail's
    reference index (wagtail_hooks.is_in_public_use). Wagtail leaves the index to the task worker; what a publish
    makes public is indexed in the publish's own transaction, once its child rows (a publication's files) are
    saved too, so a file taken out of a live publication is gone with the publish, whether or not a worker runs."""
    update_reference_index_task.call(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def connect(app_config):
    for signal in (post_save, post_delete):
        signal.connect(invalidate_pages, dispatch_uid=f"invalidate_pages_{id(signal)}")
    m2m_changed.connect(invalidate_pages, dispatch_uid="invalidate_pages_m2m")
    for signal in (published, unpublished, page_published, page_unpublished, post_delete):
        signal.connect(purge_frontend_cache, dispatch_uid=f"purge_frontend_cache_{id(signal)}")
    post_save.connect(give_translators_each_language, dispatch_uid="give_translators_each_language")
    for signal in (published, page_published):
        signal.connect(index_public_references_now, dispatch_uid=f"index_public_references_now_{id(signal)}")
    post_save.connect(purge_frontend_cache, sender=PageViewRestriction, dispatch_uid="purge_frontend_cache_privacy")
    for signal in (post_save, post_delete):
        signal.connect(
            restrict_aliases_as_their_page, sender=PageViewRestriction, dispatch_uid=f"restrict_aliases_{id(signal)}"
        )
    # A release may change what pages show (templates, data migrations): cached furniture is rebuilt.
    post_migrate.connect(content_changed, sender=app_config, dispatch_uid="content_changed_post_migrate")
    post_migrate.connect(point_default_site_at_site_url, sender=app_config, dispatch_uid="default_site_at_site_url")

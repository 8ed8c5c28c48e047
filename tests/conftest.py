import pytest
from django.core.cache import caches

from .factories import make_site_tree


def clear_caches():
    """Empty every cache: pages, Wagtail's site root paths and image renditions."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def fresh_caches():
    # Caches outlive the database rollback between tests; each test builds its own site.
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def site_tree(db):
    return make_site_tree()


@pytest.fixture
def client(client):
    """A test client on the default site's host name."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def wagtail_base_rows(transactional_db):
    """The rows Wagtail's migrations create, which an earlier transactional test's flush removed."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")

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

import pytest
from django.core.cache import cache

from .factories import make_site_tree


@pytest.fixture(autouse=True)
def fresh_cache():
    # Wagtail caches site root paths; each test builds its own site.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    return make_site_tree()


@pytest.fixture
def client(client):
    """A test client on the default site's host name."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client

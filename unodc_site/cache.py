"""Caching of anonymous public pages, invalidated whenever published content changes.

Every cached page is keyed by a content *generation*; any change to what visitors can see
(a page, news item, publication, image, document, theme or site setting saved, published,
unpublished or deleted) moves the generation on, so no visitor ever gets a stale page. A
CDN or caching proxy in front is purged for the URLs that show the changed item.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"


class FaultTolerantRedisCache(RedisCache):
    """Redis that behaves as an always-empty cache while Redis is unreachable, so pages still render."""

    def _tolerate(method, default=None):  # noqa: N805 - a decorator used in the class body
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except Exception as error:  # redis-py raises ConnectionError, TimeoutError, ...
                if "redis" not in type(error).__module__:
                    raise
                logger.warning("Cache unavailable: %s", error)
                return default() if callable(default) else default

        return wrapper

    get = _tolerate(RedisCache.get)
    get_many = _tolerate(RedisCache.get_many, default=dict)
    set = _tolerate(RedisCache.set)
    set_many = _tolerate(RedisCache.set_many, default=list)
    add = _tolerate(RedisCache.add, default=False)
    delete = _tolerate(RedisCache.delete, default=False)
    delete_many = _tolerate(RedisCache.delete_many)
    incr = _tolerate(RedisCache.incr, default=0)
    touch = _tolerate(RedisCache.touch, default=False)
    has_key = _tolerate(RedisCache.has_key, default=False)
    clear = _tolerate(RedisCache.clear)
    del _tolerate


def _fresh_generation():
    # A clock reading, never a small number: a generation lost to eviction or culling then
    # restarts above every earlier one, so no entry of an old generation can become current again.
    return time.time_ns()


def content_generation():
    return cache.get_or_set(GENERATION_KEY, _fresh_generation, timeout=None) or 0


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def content_changed(**kwargs):
    """Signal receiver: what visitors see has changed, so every cached page is stale.

    Moved on at once and again when the change commits: a request that read the old rows
    between the two stored them under the first generation, which the second abandons.
    """
    _next_generation()
    transaction.on_commit(_next_generation)


CONTENT_CACHE_SECONDS = 24 * 3600  # older generations expire instead of filling the cache


def request_generation(request):
    """The content generation of this request, read once: a page and its furniture agree on it."""
    if not hasattr(request, "_content_generation"):
        request._content_generation = content_generation()
    return request._content_generation


def cached_for_content(request, key, build):
    """``build()``'s result, built at most once per content generation and kept for the request.

    For what every page shows around its content (navigation, site settings, index pages,
    breadcrumbs): read from the database once after each change instead of on every request.
    The result must be picklable and must not hold the request.
    """
    memo = request.__dict__.setdefault("_content_cache", {})
    if key not in memo:
        versioned_key = f"content:{request_generation(request)}:{key}"
        # Stored in a 1-tuple, so a result of None is told apart from a miss (or Redis being down).
        stored = cache.get(versioned_key)
        if stored is None:
            stored = (build(),)
            cache.set(versioned_key, stored, timeout=CONTENT_CACHE_SECONDS)
        memo[key] = stored[0]
    return memo[key]


class AnonymousPageCacheMiddleware:
    """Serve and store whole public pages for visitors who are not logged in.

    Only GET requests without a session cookie are cached, and only plain 200 responses
    that set no cookie: nothing personal (CSRF tokens, messages, the editors' user bar) is ever
    stored or shared.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        key = f"page:{request_generation(request)}:{address}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=self.timeout)
            cache.set(key, response.render() if hasattr(response, "render") else response, self.timeout)
            response["X-Cache"] = "MISS"
        return response

    def is_cacheable_request(self, request):
        return (
            self.timeout > 0
            and request.method == "GET"
            # Wagtail's previews without an editor's request are dummy GETs of "/": never the public page.
            and not getattr(request, "is_dummy", False)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not any(request.path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)
        )

    def is_cacheable_response(self, request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "_messages", None)
            and "private" not in response.get("Cache-Control", "")
            and not request.user.is_authenticated
        )


class PrivatePagesMiddleware:
    """Logged-in users' and non-GET responses must never be stored by a CDN or browser cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
        return response

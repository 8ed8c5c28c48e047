"""Caching of anonymous public pages, never past a change to what is published.

Why a takedown is final whatever the caches do:

- The *content generation* lives in the database (``core.models.ContentGeneration``) and is moved on
  by every visible change inside that change's own transaction, so a request that can read the new
  rows reads the new generation too. Nothing else holds the truth about what is published.
- Every entry of the app's cache (pages, navigation, settings) is keyed by the generation read from
  the database at the start of the request. A cache that loses entries only costs a render; one that
  keeps them (a hung Redis that comes back) or restores them (a restart from an RDB snapshot) holds
  only keys of generations the database has left behind, which no request asks for again.
- Shared caches in front (nginx, a CDN) are purged on commit and, in case a purge is lost, may keep
  a page only ``SHARED_CACHE_SECONDS`` (``s-maxage``) before asking again; browsers keep nothing
  (``max-age=0``) and revalidate with the page's ETag. While the app answers an error or not at all,
  nginx may serve its last good copy; an answer of 404, 410 or a redirect replaces it at once.
"""

import hashlib
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.translation import get_language

from .breaker import breaker_for
from .models import ContentGeneration
from .text import clean_text


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool: Django builds a new one for
    every call, and building one (its table of reply handlers) cost more than the call itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]


class FaultTolerantRedisCache(RedisCache):
    """Redis that behaves as an always-empty cache while Redis is unreachable, so pages still render.

    Each call has a short deadline (``REDIS_TIMEOUT_SECONDS``, for connecting and for each answer) and,
    after a failure, Redis is not called at all for ``REDIS_RETRY_SECONDS``: a hung server costs a
    worker one timeout per interval, not one per call.
    """

    def __init__(self, server, params):
        timeout = settings.REDIS_TIMEOUT_SECONDS
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self.breaker = breaker_for(f"Redis cache at {redact_password(self._servers[0])}", "REDIS_RETRY_SECONDS")

    def _tolerate(method, default=None):  # noqa: N805 - a decorator used in the class body
        def wrapper(self, *args, **kwargs):
            if not self.breaker.is_open:
                try:
                    return method(self, *args, **kwargs)
                except Exception as error:  # redis-py raises ConnectionError, TimeoutError, ...
                    if "redis" not in type(error).__module__:
                        raise
                    self.breaker.record_failure(error)
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

    def ping(self):
        """Whether Redis answers (for /healthz): not while the breaker is open (it failed moments ago),
        so a hung Redis costs /healthz one timeout per interval, and the log one warning."""
        if self.breaker.is_open:
            return False
        try:
            self._cache.get_client(write=True).ping()
        except Exception as error:
            if "redis" not in type(error).__module__:
                raise
            self.breaker.record_failure(error)
            return False
        return True


def redact_password(url):
    address = urlsplit(url)
    if address.password:
        address = address._replace(netloc=f"{address.username or ''}:***@{address.hostname}:{address.port}")
    return address.geturl()


def content_generation():
    return ContentGeneration.current()


def content_changed(**kwargs):
    """Signal receiver: what visitors see has changed, so every cached entry is stale.

    Runs inside the change's transaction: committed with it, or rolled back with it.
    """
    ContentGeneration.advance()


CONTENT_CACHE_SECONDS = 24 * 3600  # older generations expire instead of filling the cache
# For entries keyed by an address a visitor writes (any query string): as briefly as the app keeps a page.
ADDRESS_CACHE_SECONDS = 300


class ProcessCache(LocMemCache):
    """Each worker's own copies of what cached_for_content has read from the shared cache (and of what
    core.serving found), for the current content generation only: keyed by it like the shared entries, so never
    stale, and emptied when a request reads a newer one, so a worker holds one generation's entries at most. A
    copy per read (pickled), so no request can change what the next one reads."""

    generation = None

    def follow(self, generation):
        if generation != self.generation:
            self.clear()
            self.generation = generation


process_cache = ProcessCache("content", {"TIMEOUT": CONTENT_CACHE_SECONDS, "OPTIONS": {"MAX_ENTRIES": 5_000}})
# The pages AnonymousPageCacheMiddleware served last in this worker: a few hundred, up to 100 kB each (a sitemap page).
page_copies = ProcessCache("pages", {"OPTIONS": {"MAX_ENTRIES": 300}})


def request_generation(request):
    """The content generation of this request, read once: a page and its furniture agree on it."""
    if not hasattr(request, "_content_generation"):
        request._content_generation = content_generation()
        process_cache.follow(request._content_generation)
        page_copies.follow(request._content_generation)
    return request._content_generation


def cached_for_content(request, key, build, timeout=CONTENT_CACHE_SECONDS, per_worker=True):
    """``build()``'s result, built at most once per content generation and kept for the request.

    For what every page shows around its content (navigation, site settings, index pages,
    breadcrumbs): read from the database once after each change instead of on every request.
    Kept per language, as most of it is in the visitor's language. The result must be picklable
    and must not hold the request. ``per_worker=False`` keeps it in the shared cache only, for
    results keyed by what visitors type, which must not push the furniture out of the workers' copies.
    """
    memo = request.__dict__.setdefault("_content_cache", {})
    key = f"{get_language()}:{key}"
    if key not in memo:
        versioned_key = f"content:{request_generation(request)}:{key}"
        # Stored in a 1-tuple, so a result of None is told apart from a miss (or Redis being down).
        stored = process_cache.get(versioned_key) if per_worker else None
        if stored is None:
            stored = cache.get(versioned_key)
            if stored is None:
                stored = (build(),)
                cache.set(versioned_key, stored, timeout=timeout)
            if per_worker:
                process_cache.set(versioned_key, stored)
        memo[key] = stored[0]
    return memo[key]


def cached_unless_preview(request, key, build, **options):
    """``cached_for_content`` for what a preview shows of the draft itself (its themes, its related items, its
    HTML): built for every preview, and never stored where a visitor's request would read it."""
    if getattr(request, "is_preview", False):
        return build()
    return cached_for_content(request, key, build, **options)


def cached_response(request, key, render, **options):
    """The response ``render()`` gives, kept (its bytes and headers) per content generation, language and ``key``
    (``cached_for_content``'s options): for what is built whole from the content, such as the sitemap and the news
    feeds, which the first request after a change renders and later ones read. ``render()`` gives a 200 that sets
    no cookie; a 404 is raised, not kept."""

    def build():
        response = render()
        if hasattr(response, "render"):
            response.render()
        # Not Last-Modified (the newest item's date, which a takedown of an older one leaves as it was): a client
        # asking "if modified since" would be told nothing changed. The ETag of the bytes answers it instead.
        return response.content, {name: value for name, value in response.headers.items() if name != "Last-Modified"}

    content, headers = cached_for_content(request, key, build, **options)
    return HttpResponse(content, headers=headers)


def is_public_path(path):
    return not any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)


def query_parameters(request):
    return [(name, value) for name, values in request.GET.lists() for value in values]


def known_query(request):
    """The query parameters the site reads, in a fixed order: what a cached response may depend on."""
    return sorted(
        (name, value) for name, value in query_parameters(request) if name in settings.PUBLIC_QUERY_PARAMETERS
    )


def query_digest(request):
    """The query parameters the site reads, as a key part of fixed length: a visitor may write a long query."""
    return hashlib.sha256(urlencode(known_query(request)).encode()).hexdigest()


class CanonicalQueryMiddleware:
    """Send a public URL carrying parameters the site never reads (``?utm_source=``, ``?x=1``) to the
    URL without them, permanently: a visitor cannot make new cache entries or renders by varying them.

    Values lose their control characters the same way (``core.text``), so none reaches a lookup
    (PostgreSQL refuses NUL). A redirect rather than a 400: a search pasted from Word (with U+000B)
    still gets its results, and every variant is one cached page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and is_public_path(request.path):
            known = settings.PUBLIC_QUERY_PARAMETERS
            parameters = query_parameters(request)
            canonical = [(name, clean_text(value)) for name, value in parameters if name in known]
            if canonical != parameters:
                query = urlencode(canonical)
                return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Serve and store whole public pages for visitors who are not logged in.

    Only GET requests without a session cookie are cached, and only plain 200 responses
    that set no cookie: nothing personal (CSRF tokens, messages, the editors' user bar) is ever
    stored or shared. The key is what changes the response: the generation, scheme, host, path and
    the parameters the site reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        stored_here = not any(request.path.startswith(prefix) for prefix in settings.PAGE_CACHE_SHARED_ONLY_PATHS)
        key = None
        if stored_here:
            try:
                generation = request_generation(request)
            except DatabaseError:  # the view meets the same fault, and says so (503)
                return self.get_response(request)
            address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(known_query(request))}"
            key = f"page:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"
            # This worker's copy first: as safe as the shared one (the same key, of the generation just read), without
            # Redis's round trip.
            cached = page_copies.get(key)
            if cached is None:
                cached = cache.get(key)
                if cached is not None:
                    # For what is left of its time in the shared cache: what is upcoming changes at midnight.
                    page_copies.set(key, cached, getattr(cached, "kept_until", 0) - time.time())
            if cached is not None:
                cached["X-Cache"] = "HIT"
                return cached
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            # Browsers ask again each time (a 304 while unchanged); shared caches keep it briefly.
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_SECONDS)
            if hasattr(response, "render"):
                response.render()
            # As one piece: a feed is written in hundreds, and gunicorn sends each one to the socket on its own.
            response.content = response.content
            set_response_etag(response)
            if stored_here:
                response.kept_until = time.time() + self.timeout
                cache.set(key, response, self.timeout)
                response["X-Cache"] = "MISS"
        return response

    def is_cacheable_request(self, request):
        return (
            self.timeout > 0
            and request.method == "GET"
            # Wagtail's previews without an editor's request are dummy GETs of "/": never the public page.
            and not getattr(request, "is_dummy", False)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and is_public_path(request.path)
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
    """Logged-in users' and non-GET responses must never be stored by a CDN or browser cache; any other
    response that says nothing (a 404, a redirect, a document) must be asked for again each time, so
    nothing taken down lives on in a cache that guessed a lifetime for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A page served from the app's cache is answered before the user is known: an anonymous visitor's.
        user = getattr(request, "user", None)
        if request.method not in ("GET", "HEAD") or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

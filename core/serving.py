"""Wagtail's page view, finding each address's page once per content generation in each worker.

Wagtail finds the page of a request by walking the tree from the site's root: the site, the language's root page,
the page at each step, a query each, on every request. Which page an address leads to changes only with what is
published, so each worker keeps the answer for the current content generation (``core.cache``): the page found (with
what it reads as it is served) and how many of the address's parts it took. The rest of the address is routed again
by the page itself, as Wagtail does (a routable index page resolves its item's slug with no query), so each request
gets its own route.
"""

from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .cache import process_cache, request_generation
from .models import BasePage


def serve(request, path):
    key = f"route:{request_generation(request)}:{get_language()}:{request._get_raw_host()}:{path}"
    found = process_cache.get(key)
    if found is None:
        result = Page.route_for_request(request, path)
        site = find_site(request)
        # Only what a later request cannot route for itself: the page, read as it is served (BasePage.read_for_serving),
        # and how many parts of the address led to it.
        found = (site, result and (result.page, result.page.depth - site.root_page.depth))
        if result and isinstance(result.page, BasePage):
            result.page.read_for_serving()
        process_cache.set(key, found)
    else:
        site, page_found = found
        # Wagtail's own per-request records of the site and route (Site.find_for_request, Page.route_for_request).
        request._wagtail_site = site
        request._wagtail_route_for_request = page_found and route_rest(request, path, *page_found)
    return wagtail_views.serve(request, path)


def route_rest(request, path, page, parts_taken):
    try:
        return page.route(request, [part for part in path.split("/") if part][parts_taken:])
    except Http404:
        return None


def find_site(request):
    """``Site.find_for_request``, which queries on every request, kept per content generation and host in each
    worker (and, as Wagtail does, for the request)."""
    # What Wagtail matches a site by: the host's name (one of ALLOWED_HOSTS) and the port the server was reached on.
    key = f"site:{request_generation(request)}:{split_domain_port(request.get_host())[0]}:{request.get_port()}"
    found = process_cache.get(key)
    if found is None:
        found = (Site.find_for_request(request),)  # a 1-tuple: no site (None) is kept too
        process_cache.set(key, found)
    request._wagtail_site = found[0]
    return found[0]

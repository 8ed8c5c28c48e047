"""The site's public address (SITE_URL), the one base of every absolute URL it gives out.

Canonical links, OpenGraph and JSON-LD, feeds, the sitemap and the URLs purged from caches in front
all use it, so they agree with each other whatever scheme or host a request arrived with.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(url):
    """``url`` (a path, or a URL that is already absolute) at the site's public address."""
    if urlsplit(url).scheme:
        return url
    return settings.SITE_URL + url


def site_hostname_and_port():
    """What Wagtail's default Site must hold for its root URL to be SITE_URL."""
    address = urlsplit(settings.SITE_URL)
    return address.hostname, address.port or (443 if address.scheme == "https" else 80)

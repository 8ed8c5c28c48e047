"""What a page tells search engines and social networks: canonical URL, description, share image, JSON-LD."""

import json

from django.templatetags.static import static
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.cache import cached_for_content
from core.images import SHARE_IMAGE
from core.structured_data import ORGANIZATION

# JSON inside <script> must not be able to close the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def breadcrumb_trail(request, page, item=None):
    """(title, URL) from home to the current page; the current page's URL is None.

    The ancestors are read once per content change, shared by the breadcrumbs and the JSON-LD.
    """
    if page is None or page.depth <= 2:
        return []

    def find_ancestors():
        return list(page.get_ancestors().filter(depth__gt=1))

    # A new page's preview has no pk yet: its trail is never shared with another's.
    ancestors = cached_for_content(request, f"ancestors:{page.pk}", find_ancestors) if page.pk else find_ancestors()
    trail = [
        # The site root is "Home" in the trail, as in the main navigation, whatever its title.
        (_("Home") if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
        for ancestor in ancestors
    ]
    if item is not None:
        trail += [(page.title, page.get_url(request)), (item.title, None)]
    else:
        trail.append((page.title, None))
    return trail


def share_image_url(image):
    if image is None:
        return absolute_url(static("img/share.png"))
    return absolute_url(image.get_rendition(SHARE_IMAGE).url)


def page_metadata(request, page, item=None):
    """Title, description, canonical URL, share image and JSON-LD for a page or a routed item on it."""
    # At SITE_URL whatever scheme or host the request came with: a cached page is right for everyone.
    canonical = absolute_url(request.path)
    if item is not None:
        title, description = item.title, item.summary
        image = getattr(item, "image", None) or getattr(item, "cover_image", None)
    else:
        title = page.seo_title or page.title if page else ""
        description = getattr(page, "meta_description", "")
        image = getattr(page, "share_image", None)
    trail = breadcrumb_trail(request, page, item) or ([(page.title, None)] if page else [])
    graph = []
    if trail:
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": name,
                        "item": absolute_url(url) if url else canonical,
                    }
                    for position, (name, url) in enumerate(trail, start=1)
                ],
            }
        )
    if page is not None and page.depth == 2:
        graph.append(ORGANIZATION)
    if item is not None:
        data = {"name": item.title, "url": canonical, "description": description, "image": share_image_url(image)}
        graph.append(data | item.structured_data())
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "image": share_image_url(image),
        "og_type": "article" if item is not None else "website",
        "json_ld": json.dumps({"@context": "https://schema.org", "@graph": graph}).translate(_SCRIPT_ESCAPES),
    }

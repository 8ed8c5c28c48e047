from django import forms, template
from django.utils.safestring import mark_safe

from core.cache import ADDRESS_CACHE_SECONDS, cached_unless_preview
from core.serving import find_site

register = template.Library()


@register.tag
def cached_fragment(parser, token):
    """``{% cached_fragment "name" value ... %}...{% endcached_fragment %}``: the HTML inside, rendered once per
    content generation, language and combination of the values (``core.cache.cached_for_content``), for what many
    requests show alike: the site's header and footer, the cards of listed items. What is inside must depend on
    nothing else of the request. Previews always render it."""
    name, *values = token.split_contents()[1:]
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, [parser.compile_filter(each) for each in (name, *values)])


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, key_parts):
        self.nodelist = nodelist
        self.key_parts = key_parts

    def key(self, context):
        return ":".join(["html", *(str(part.resolve(context)) for part in self.key_parts)])

    def cache_options(self, context):
        return {}

    def render(self, context):
        request = context.get("request")
        key = self.key(context)
        if request is None or key is None:
            return self.nodelist.render(context)
        render = lambda: self.nodelist.render(context)  # noqa: E731
        return mark_safe(cached_unless_preview(request, key, render, **self.cache_options(context)))


@register.tag
def cached_content(parser, token):
    """``{% cached_content %}...{% endcached_content %}``: a page's main content, rendered once per content
    generation and language for the key its view gives (``content_key``: ``BasePage.content_cache_key``, an item's
    page, a listing's query, a search), kept in the shared cache only (an entry per news item or query would push
    the furniture out of the workers' copies). Rendered on every request where the view gives none (an error page).
    Previews always render it. What is read only for the content is best read lazily, when it is rendered."""
    nodelist = parser.parse(("endcached_content",))
    parser.delete_first_token()
    return CachedContentNode(nodelist, [])


class CachedContentNode(CachedFragmentNode):
    def key(self, context):
        key = context.get("content_key")
        request = context.get("request")
        # Only a GET's: the content copies the request's query into its links, and other methods are not sent to
        # the canonical query (core.cache.CanonicalQueryMiddleware) first. Per site: links are relative to it.
        if not key or request is None or request.method not in ("GET", "HEAD"):
            return None
        site = find_site(request)
        return f"html:content:{site and site.pk}:{key}"

    def cache_options(self, context):
        # A listing's key holds the query a visitor writes: kept as briefly as the app keeps a page, or as the
        # view says (search results, as long as their ranking).
        return {"per_worker": False, "timeout": context.get("content_cache_seconds", ADDRESS_CACHE_SECONDS)}


@register.simple_tag(takes_context=True)
def filter_field(context, field):
    """A listing filter's field as Django renders it (``{{ field }}``). A select is rendered once per content
    generation, language and choice shown selected (its choices come from the content: Django renders each option
    with a template of its own), kept in the shared cache only; any other field (a search box) on every request."""
    request = context.get("request")
    if request is None or not isinstance(field.field.widget, forms.Select):
        return str(field)
    value = str(field.value())
    selected = value if value in {str(choice) for choice, _label in field.field.widget.choices} else ""
    key = f"html:filter-field:{type(field.form).__name__}:{field.name}:{selected}:{bool(field.errors)}"
    return mark_safe(cached_unless_preview(request, key, lambda: str(field), per_worker=False))

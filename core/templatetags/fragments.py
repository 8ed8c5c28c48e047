from django import template
from django.utils.safestring import mark_safe

from core.cache import cached_unless_preview

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

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        key = ":".join(["html", *(str(part.resolve(context)) for part in self.key_parts)])
        return mark_safe(cached_unless_preview(request, key, lambda: self.nodelist.render(context)))

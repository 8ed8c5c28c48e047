from django import forms, template
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


@register.simple_tag(takes_context=True)
def filter_field(context, field):
    """A listing filter's field as Django renders it (``{{ field }}``). A select is rendered once per content
    generation, language and choice shown selected (its choices come from the content: Django renders each option
    with a template of its own), kept in the shared cache only; any other field (a search box) on every request."""
    request = context.get("request")
    if request is None or not isinstance(field.field.widget, forms.Select):
        return str(field)
    choices = {str(value) for value, _label in field.field.widget.choices}
    selected = str(field.value()) if str(field.value()) in choices else ""
    key = f"html:filter-field:{type(field.form).__name__}:{field.name}:{selected}:{bool(field.errors)}"
    return mark_safe(cached_unless_preview(request, key, lambda: str(field), per_worker=False))

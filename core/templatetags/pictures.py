from django import template
from django.template.base import Token, TokenType
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

from core.images import PICTURES

register = template.Library()


@register.tag
def picture_of(parser, token):
    """``{% picture_of image "article" alt=... sizes=... %}``: Wagtail's ``{% picture %}`` with the specs of
    ``core.images.PICTURES["article"]``, which saving an image creates, so templates and saving agree."""
    tag_name, image, name, *attributes = token.split_contents()
    try:
        specs = PICTURES[name.strip("\"'")]
    except KeyError:
        raise template.TemplateSyntaxError(f"{tag_name}: core.images.PICTURES has no picture {name}") from None
    contents = " ".join(["picture", image, specs, *attributes])
    return wagtail_image_tag(parser, Token(TokenType.BLOCK, contents, token.position, token.lineno))

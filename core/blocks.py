"""StreamField blocks shared by every body on the site: pages, news items and publications."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
        help_text=_("Use h2 for sections; h3 only below an h2, so screen readers can navigate."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text=_("Say where the link goes, e.g. 'Read the Global Report'."))
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label=_("External URL"))

    class Meta:
        icon = "link"
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError(_("Choose a page or enter an external URL, not both."))
            raise StructBlockValidationError(block_errors={"page": message})
        return value


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text=_("The number or short fact, e.g. '147 States'."))
    description = blocks.CharBlock(max_length=255)


class KeyFactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120)
    facts = blocks.ListBlock(KeyFactBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph.html")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_facts = KeyFactsBlock()


class HelpLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    area = blocks.CharBlock(
        max_length=120, default="International", help_text=_("The country or region it serves, or 'International'.")
    )
    phone = blocks.CharBlock(required=False, max_length=40, help_text=_("As dialled, e.g. +44 800 0121 700."))
    text_number = blocks.CharBlock(required=False, max_length=40, label=_("Text (SMS) number"))
    web_url = blocks.URLBlock(required=False, label=_("Web chat or reporting link"))
    hours = blocks.CharBlock(required=False, max_length=120, help_text=_("e.g. '24 hours, every day'."))
    languages = blocks.CharBlock(required=False, max_length=255)
    description = blocks.TextBlock(required=False, help_text=_("One or two sentences on who it helps and how."))

    class Meta:
        icon = "mobile-alt"
        template = "blocks/help_line.html"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("phone") or value.get("text_number") or value.get("web_url")):
            message = ValidationError(_("Give at least one way to reach it: a phone or text number, or a link."))
            raise StructBlockValidationError(block_errors={"phone": message})
        return value

"""The renditions the site shows of an image, in one place: templates ask for them by name, and saving an
image creates them all, so no visitor waits while a big photo is resized.

Wagtail decodes and resizes the whole original for each rendition: a second or two each for a
40-megapixel photo, so up to half a minute for all 18 on a busy two-core server, near a worker's
timeout. So the renditions that only set a width are made from
one copy of the photo reduced to twice the widest of them, decoded once; the share image, whose crop
follows the focal point, is made from the original as Wagtail does. It happens in the request that saved
the image, after its transaction commits (bench/big_image.py measures it).
"""

import concurrent.futures
import functools
import io
import logging
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import Filter

logger = logging.getLogger(__name__)

# The filter specs of each {% picture_of %} (core/templatetags/pictures.py), as Wagtail's {% picture %} reads them.
PICTURES = {
    # An image in a body (templates/blocks/image.html) and a news item's image.
    "article": "format-{avif,webp,jpeg} width-{400,800,1200}",
    # A publication's cover on its own page, and in a listing.
    "cover": "format-{webp,jpeg} width-{300,600}",
    "cover-thumbnail": "format-{webp,jpeg} width-{160,320}",
}
# The image shared on social networks and in JSON-LD (pages/seo.py).
SHARE_IMAGE = "fill-1200x630|format-jpeg"

RENDITIONS = [spec for specs in PICTURES.values() for spec in Filter.expand_spec(specs)] + [SHARE_IMAGE]

_WIDTH_ONLY = re.compile(r"^(?:format-\w+\|)?width-(\d+)$")
REDUCED_WIDTH = 2 * max(int(match[1]) for spec in RENDITIONS if (match := _WIDTH_ONLY.match(spec)))


def create_renditions(image):
    """Create the renditions of ``image`` that do not exist yet; a failure is logged, never raised."""
    try:
        # Its own transaction: a failure half-way (a full disk, an unreachable bucket) leaves no row behind.
        with transaction.atomic():
            if image.width > REDUCED_WIDTH:
                _create_from_reduced_copy(image)
            image.get_renditions(*RENDITIONS)  # the rest, from the original
    except Exception:
        # The visitor's request tries again, and shows Wagtail's placeholder if the file is unreadable.
        logger.exception("Could not create the renditions of image %s", image.pk)


def _create_from_reduced_copy(image):
    filters = [Filter(spec) for spec in RENDITIONS if _WIDTH_ONLY.match(spec)]
    existing = image.find_existing_renditions(*filters)
    missing = [filter for filter in filters if filter not in existing]
    if not missing:
        return
    with image.get_willow_image() as original:
        original = original.auto_orient()  # as Wagtail turns it: the copy carries no orientation left to apply
        width, height = original.get_size()
        reduced = original.resize((REDUCED_WIDTH, round(height * REDUCED_WIDTH / width))).image
    copy = io.BytesIO()
    # Lossless and quick to write; with the original's colour profile and metadata, as Wagtail keeps them.
    reduced.save(copy, "PNG", compress_level=1, exif=reduced.info.get("exif", b""))
    # In threads, as Wagtail's create_renditions: resizing and encoding release the GIL.
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        renditions = list(
            pool.map(lambda filter: image.generate_rendition_instance(filter, io.BytesIO(copy.getvalue())), missing)
        )
    image.get_rendition_model().objects.bulk_create(renditions, ignore_conflicts=True)


def _image_saved(sender, instance, raw, **kwargs):
    # After the commit: the admin's edit view deletes the renditions of a replaced file in the same
    # transaction, after saving. Fixtures (raw) may point at files that are not there.
    if not raw:
        transaction.on_commit(functools.partial(create_renditions, instance))


def create_renditions_on_save():
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="core.images.create_renditions")


class WholeImageField(WagtailImageField):
    """Wagtail's image field, refusing a file cut off part-way with its own form error: Pillow raises an
    OSError when it loads one to count its pixels, which Wagtail lets through as a 500."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except OSError as error:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with the field above."""

    file = WholeImageField(label=_("File"))

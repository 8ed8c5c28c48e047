"""Text as the site stores and sends it: only characters XML 1.0 allows, whatever staff paste.

Word pastes U+000B for Shift+Enter and U+000C for a page break; other control characters, U+FFFE,
U+FFFF and lone surrogates come from broken files and scripts. Django's feed writer and openpyxl
refuse them, so one stored title would break the feeds and the XLSX exports for everyone: they are
removed when text is saved, and again where text leaves as XML, for rows saved before.
"""

import json
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_save
from wagtail.fields import StreamField

# Word's line and page breaks become spaces, so the words on either side stay apart.
BREAKS = str.maketrans("\x0b\x0c", "  ")
# The rest of what XML 1.0 forbids: C0 controls other than tab, LF and CR; surrogates; U+FFFE, U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The apps whose models staff fill in through the admin (pages, snippets, settings and their parts).
CONTENT_APPS = ("pages", "news", "publications")


def clean_text(text):
    """``text`` without the characters XML 1.0 forbids; Word's line and page breaks become spaces."""
    return FORBIDDEN.sub("", text.translate(BREAKS))


def clean_data(value):
    """``value`` with every string in it cleaned, through the lists and dicts of JSON-like data."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_data(item) for key, item in value.items()}
    return value


def clean_instance(sender, instance, **kwargs):
    """pre_save: the instance's text fields, StreamField blocks included, cleaned before they are written."""
    for field in instance._meta.concrete_fields:
        if field.attname not in instance.__dict__:  # deferred: neither read nor written
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, StreamField):
            raw = field.get_prep_value(value)
            if (cleaned := clean_data(raw)) != raw:
                setattr(instance, field.attname, cleaned)
        elif isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            setattr(instance, field.attname, clean_text(value))


def clean_revision(sender, instance, **kwargs):
    """pre_save of a revision: the changes to a live item or page live only there until they are published."""
    instance.object_str = clean_text(instance.object_str)
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    stream_fields = {field.name for field in model._meta.concrete_fields if isinstance(field, StreamField)}
    content = {}
    for name, value in instance.content.items():
        if name in stream_fields and isinstance(value, str):  # a revision holds a StreamField as JSON text
            data = json.loads(value)
            if (cleaned := clean_data(data)) != data:
                value = json.dumps(cleaned)
        content[name] = clean_data(value)
    instance.content = content


def clean_text_on_save():
    """Clean every model staff write text into, whoever saves it: admin forms, the seed loader, a shell."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Revision

    content_models = [model for model in apps.get_models() if model._meta.app_label in CONTENT_APPS]
    for model in [*content_models, get_image_model(), get_document_model()]:
        pre_save.connect(clean_instance, sender=model, dispatch_uid=f"clean_text_{model._meta.label}")
    pre_save.connect(clean_revision, sender=Revision, dispatch_uid="clean_text_revision")

"""The choices the models store and the filter forms offer, apart from the models: the index pages
import the forms, so the forms cannot import the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    EVENT = "event", _("Event")

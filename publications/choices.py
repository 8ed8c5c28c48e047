"""The choices the models store and the filter forms offer, apart from the models: the index pages
import the forms, so the forms cannot import the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationType(models.TextChoices):
    REPORT = "report", _("Report")
    TOOLKIT = "toolkit", _("Toolkit")
    MANUAL = "manual", _("Manual")
    ISSUE_PAPER = "issue-paper", _("Issue paper")
    BROCHURE = "brochure", _("Brochure")
    TRAINING_MODULE = "training-module", _("Training module")
    STRATEGY = "strategy", _("Strategy")
    PROGRAMME = "programme", _("Programme document")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    SPANISH = "es", "Español"
    RUSSIAN = "ru", "Русский"
    ARABIC = "ar", "العربية"
    CHINESE = "zh", "中文"

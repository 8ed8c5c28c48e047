"""The choices the models store and the filter forms offer, apart from the models: the index pages
import the forms, so the forms cannot import the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    EVENT = "event", _("Event")


class EventFormat(models.TextChoices):
    """How people take part in an event; schema.org's attendance mode for each."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")

    @property
    def attendance_mode(self):
        modes = {"in_person": "Offline", "online": "Online", "hybrid": "Mixed"}
        return f"https://schema.org/{modes[self.value]}EventAttendanceMode"

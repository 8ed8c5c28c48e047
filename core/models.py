import time

from django.db import IntegrityError, models, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone


class ContentGeneration(models.Model):
    """One row: the number of the published state visitors can see, moved on by every visible change.

    Kept in the database, in the same transaction as the change it counts, so it can never disagree
    with the rows it describes: caches (Redis, files, nginx) key their entries by it and can lose,
    keep or restore entries, but never make an old one current again (see core.cache).
    """

    ROW = 1

    value = models.BigIntegerField()

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls):
        value = cls.objects.filter(pk=cls.ROW).values_list("value", flat=True).first()
        return value if value is not None else cls._start()

    @classmethod
    def advance(cls):
        if not cls.objects.filter(pk=cls.ROW).update(value=models.F("value") + 1):
            cls._start()

    @classmethod
    def _start(cls):
        # A clock reading, never a small number: a row lost (a flushed database) restarts above
        # every value it had, so entries cached under an earlier value stay dead.
        try:
            with transaction.atomic():
                return cls.objects.create(pk=cls.ROW, value=time.time_ns()).value
        except IntegrityError:  # another request created it first
            return cls.objects.values_list("value", flat=True).get(pk=cls.ROW)


class EmailDelivery(models.Model):
    """One row: whether mail (password resets, moderation notices) is reaching the mail server.

    Written by core.mail on every failure and on the first success after one; in the database, so every
    worker's failures reach the dashboard panel that warns administrators. Holds no message, address or
    server reply: only when delivery started failing, when it last failed and the error's class.
    """

    ROW = 1

    failing_since = models.DateTimeField(null=True)
    last_failure_at = models.DateTimeField(null=True)
    last_error = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "email delivery"

    def __str__(self):
        return f"failing since {self.failing_since}" if self.failing_since else "working"

    @classmethod
    def failed(cls, error):
        now = timezone.now()
        values = {"last_failure_at": now, "last_error": type(error).__name__[:100]}
        # The first failure after a success starts the period; later ones keep its start.
        if not cls.objects.filter(pk=cls.ROW).update(failing_since=Coalesce("failing_since", Value(now)), **values):
            cls.objects.update_or_create(pk=cls.ROW, defaults=values, create_defaults={"failing_since": now, **values})

    @classmethod
    def succeeded(cls):
        cls.objects.filter(pk=cls.ROW, failing_since__isnull=False).update(failing_since=None)

    @classmethod
    def failure(cls):
        """The current failure, or None while mail is delivered (or nothing was ever sent)."""
        return cls.objects.filter(pk=cls.ROW, failing_since__isnull=False).first()

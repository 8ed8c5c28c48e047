import time

from django.db import IntegrityError, models, transaction


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

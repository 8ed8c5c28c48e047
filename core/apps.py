from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Here, not at the top: these modules use models, which exist only once the app registry is ready.
        from . import checks, mail  # noqa: F401  (register the deploy checks of the caches in front and of mail)
        from .database.base import connect_signals
        from .images import create_renditions_on_save
        from .text import clean_text_on_save

        connect_signals()
        clean_text_on_save()
        create_renditions_on_save()

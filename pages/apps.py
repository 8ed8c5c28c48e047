from django.apps import AppConfig, apps
from django.db.models.signals import pre_save


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site pages"

    def ready(self):
        # Here, not at the top: these modules use models, which exist only once the app registry is ready.
        from core.routing import RoutedSnippetMixin, redirect_old_slug

        from . import signals

        signals.connect(self)
        for model in apps.get_models():
            if issubclass(model, RoutedSnippetMixin):
                pre_save.connect(redirect_old_slug, sender=model, dispatch_uid=f"redirect_old_slug_{model._meta.label}")

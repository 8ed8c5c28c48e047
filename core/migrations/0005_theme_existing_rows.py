"""The existing themes are English, the first of their translations."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("core", "0004_theme_translatable_bootstrap"), ("wagtailcore", "0098_apitoken")]

    operations = [BootstrapTranslatableModel("core.Theme")]

"""The existing help lines are English, the first of their translations."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("pages", "0011_help_lines_translatable_bootstrap"), ("wagtailcore", "0098_apitoken")]

    operations = [BootstrapTranslatableModel("pages.HelpLines")]

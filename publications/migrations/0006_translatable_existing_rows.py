"""Existing Publication rows are English, each the first of its translations (Wagtail's recipe for making a
model translatable: bootstrap, fill, then constrain)."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("publications", "0005_translatable_bootstrap"), ("wagtailcore", "0098_apitoken")]

    operations = [BootstrapTranslatableModel("publications.Publication")]

"""Help lines become a translatable snippet with drafts (pages.models.HelpLines), one per language, instead
of a setting per site: Wagtail's settings cannot be translated.

The default site's help lines are kept as the English ones; the site has only one. Then Wagtail's recipe
for making a model translatable: bootstrap (this), fill (0012), constrain (0013)."""

import django.db.models.deletion
from django.db import migrations, models


def keep_the_default_sites_help_lines(apps, schema_editor):
    HelpLines = apps.get_model("pages", "HelpLines")
    HelpLines.objects.exclude(site__is_default_site=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0010_translators"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(keep_the_default_sites_help_lines, migrations.RunPython.noop),
        migrations.RemoveField(model_name="helplines", name="site"),
        migrations.AddField(
            model_name="helplines",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.AddField(
            model_name="helplines", name="translation_key", field=models.UUIDField(editable=False, null=True)
        ),
        migrations.AddField(
            model_name="helplines",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="helplines",
            name="has_unpublished_changes",
            field=models.BooleanField(default=False, editable=False, verbose_name="has unpublished changes"),
        ),
        migrations.AddField(
            model_name="helplines",
            name="first_published_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="first published at"),
        ),
        migrations.AddField(
            model_name="helplines",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="helplines",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="helplines",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="helplines",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="helplines",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="helplines",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
    ]

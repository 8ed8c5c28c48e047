import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    """State only: the themes of news items are core's Theme, the same table (core 0003)."""

    dependencies = [
        ("news", "0002_share_image"),
        ("core", "0003_theme"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="newsitem",
                    name="themes",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="news_items", to="core.theme", verbose_name="themes"
                    ),
                ),
            ],
        ),
    ]

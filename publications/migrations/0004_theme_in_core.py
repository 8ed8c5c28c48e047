import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    """State only: the themes of publications are core's Theme, the same table (core 0003)."""

    dependencies = [
        ("publications", "0003_share_image"),
        ("core", "0003_theme"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="publication",
                    name="themes",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="publications", to="core.theme", verbose_name="themes"
                    ),
                ),
            ],
        ),
    ]

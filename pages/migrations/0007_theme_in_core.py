import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """State only: section pages point at core's Theme (core 0003), and pages forgets its own."""

    dependencies = [
        ("pages", "0006_clean_stored_text"),
        ("core", "0003_theme"),
        ("news", "0003_theme_in_core"),
        ("publications", "0004_theme_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="sectionpage",
                    name="theme",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="News and publications of this theme are listed on the page.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="core.theme",
                        verbose_name="theme",
                    ),
                ),
                migrations.DeleteModel(name="Theme"),
            ],
        ),
    ]

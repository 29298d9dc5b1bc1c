from django.db import migrations


class Migration(migrations.Migration):
    """One word for "shown on the home page" in every app: testimonials already say featured."""

    dependencies = [
        ("treatments", "0005_hero_image_oriented"),
    ]

    operations = [
        migrations.RenameField(model_name="treatment", old_name="is_featured", new_name="featured"),
        migrations.RenameField(
            model_name="historicaltreatment", old_name="is_featured", new_name="featured"
        ),
    ]

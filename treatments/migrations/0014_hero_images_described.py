from django.db import migrations
from django.db.models import F


def describe_existing_heroes(apps, schema_editor):
    """An image without a description is now refused on save; a hero uploaded before that
    takes the treatment's name until an editor writes better, so every save still works."""
    Treatment = apps.get_model("treatments", "Treatment")
    undescribed = Treatment.objects.exclude(hero_image="").filter(hero_alt_en__in=["", None])
    undescribed.update(hero_alt=F("name_en"), hero_alt_en=F("name_en"))


class Migration(migrations.Migration):
    dependencies = [("treatments", "0013_stored_markdown_html")]

    operations = [migrations.RunPython(describe_existing_heroes, migrations.RunPython.noop)]

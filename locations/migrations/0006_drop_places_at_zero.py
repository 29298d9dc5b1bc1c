from django.db import migrations


def drop_places_at_zero(apps, schema_editor):
    """Mail-only ZIP codes the gazetteer placed at 0°, 0° pulled town centres into the ocean."""
    Place = apps.get_model("locations", "Place")
    Place.objects.filter(latitude=0, longitude=0).delete()


class Migration(migrations.Migration):
    dependencies = [("locations", "0005_state_name_index")]

    operations = [migrations.RunPython(drop_places_at_zero, migrations.RunPython.noop)]

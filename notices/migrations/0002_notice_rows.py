from django.db import migrations

# One row per notice the law asks for, so every footer link has a notice behind it;
# staff then write its text as versions. Titles are the English defaults.
KINDS = {
    "privacy-practices": "Notice of Privacy Practices",
    "nondiscrimination": "Notice of nondiscrimination",
    "language-assistance": "Language assistance",
    "good-faith-estimate": "Your right to a good-faith estimate",
    "balance-billing": "Your rights and protections against surprise medical bills",
    "accessibility": "Accessibility statement",
}


def create_rows(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    for kind, title in KINDS.items():
        Notice.objects.get_or_create(kind=kind, defaults={"title": title})


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]

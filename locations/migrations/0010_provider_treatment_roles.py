import django.db.models.deletion
from django.db import migrations, models


def copy_as_performs(apps, schema_editor):
    """Every provider-treatment link made before roles existed meant "performs it"."""
    Provider = apps.get_model("locations", "Provider")
    ProviderTreatment = apps.get_model("locations", "ProviderTreatment")
    Link = Provider.treatments.through
    ProviderTreatment.objects.bulk_create(
        ProviderTreatment(provider_id=link.provider_id, treatment_id=link.treatment_id)
        for link in Link.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0009_time_zone_known"),
        ("treatments", "0008_care_order_and_quiz_rules"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProviderTreatment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=[("performs", "Performs it"), ("assesses", "Assesses and refers"), ("follows_up", "Follows up after it")], default="performs", max_length=12, verbose_name="role")),
                ("provider", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="treatment_roles", to="locations.provider", verbose_name="provider")),
                ("treatment", models.ForeignKey(limit_choices_to={"draft_of": None}, on_delete=django.db.models.deletion.CASCADE, related_name="provider_roles", to="treatments.treatment", verbose_name="treatment")),
            ],
            options={
                "verbose_name": "treatment role",
                "verbose_name_plural": "treatment roles",
                "ordering": ["provider__sort_order", "provider__name", "treatment__care_step"],
                "constraints": [
                    models.UniqueConstraint(fields=("provider", "treatment"), name="one_role_per_provider_treatment"),
                    models.CheckConstraint(condition=models.Q(("role__in", ["performs", "assesses", "follows_up"])), name="provider_treatment_role_known"),
                ],
            },
        ),
        migrations.RunPython(copy_as_performs, migrations.RunPython.noop),
        migrations.RemoveField(model_name="provider", name="treatments"),
        migrations.AddField(
            model_name="provider",
            name="treatments",
            field=models.ManyToManyField(blank=True, related_name="providers", through="locations.ProviderTreatment", to="treatments.treatment", verbose_name="treatments"),
        ),
    ]

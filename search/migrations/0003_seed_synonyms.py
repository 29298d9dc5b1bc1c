"""The practice's own synonyms to start from; staff add and change them in the admin."""

from django.db import migrations

SEED = {
    "en": [
        "si joint, sacroiliac, sij, sacroiliac joint, sacrum, pelvis",
        "lower back, lumbar, lumbago, low back",
        "sciatica, leg nerve pain, leg pain, pinched nerve, nerve pain, shooting leg pain",
        "injection, shot, shots, injections",
        "butt, buttock, bottom, glute, gluteal",
        "burning, tingling, pins and needles, numbness",
        "epidural, steroid shot, cortisone shot, spinal injection",
        "ablation, rfa, radiofrequency, nerve burning, burn the nerves",
        "physical therapy, pt, physio, physiotherapy, exercises, exercise",
        "stenosis, narrowing, narrowed spinal canal, spinal stenosis",
        "slipped disc, bulging disc, herniated disc, disc",
        "arthritis, arthritic, worn joints",
        "fusion, surgery, operation",
        "insurance, coverage, medicare, medicaid, workers comp, workers compensation",
        "doctor, provider, physician, surgeon",
        "office, location, clinic, near me",
        "privacy, hipaa, medical records",
        "cost, price, estimate, bill, billing",
        "form, forms, paperwork",
        "car accident, auto accident, personal injury",
        "spanish, espanol",
    ],
    "es": [
        "articulacion sacroiliaca, sacroiliaca, si",
        "dolor lumbar, lumbalgia, lumbago, espalda baja, parte baja de la espalda",
        "ciatica, dolor de nervio en la pierna, dolor en la pierna, nervio pinchado",
        "inyeccion, inyecciones, pinchazo",
        "fisioterapia, terapia fisica",
        "seguro, seguro medico, cobertura",
        "medico, doctor, doctora, cirujano",
    ],
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for language, groups in SEED.items():
        for terms in groups:
            Synonym.objects.get_or_create(language=language, terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_search")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

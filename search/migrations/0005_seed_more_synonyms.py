"""Synonyms for the Spanish index, and an English group the query set showed missing.

Spanish synonyms, seeded from the Spanish pages: patients' words (lumbago, pinchazo,
aseguranza), and the English word where a page is still in English on /es/ (a Spanish search
for "fusión" also looks for "fusion"). The seven Spanish groups of 0003 are widened where staff
have not changed them; a changed one is left as staff wrote it."""

from django.db import migrations

WIDENED = {
    "articulacion sacroiliaca, sacroiliaca, si": (
        "articulación sacroilíaca, sacroilíaca, sacroilíaco, articulación SI, SI, SIJ, sacro, "
        "pelvis, sacroiliac, SI joint"
    ),
    "dolor lumbar, lumbalgia, lumbago, espalda baja, parte baja de la espalda": (
        "dolor lumbar, lumbalgia, lumbago, espalda baja, parte baja de la espalda, zona lumbar, "
        "cintura, lower back"
    ),
    "ciatica, dolor de nervio en la pierna, dolor en la pierna, nervio pinchado": (
        "ciática, nervio ciático, dolor de nervio en la pierna, dolor en la pierna, "
        "dolor de pierna, nervio pinchado, nervio irritado, sciatica"
    ),
    "inyeccion, inyecciones, pinchazo": (
        "inyección, inyecciones, inyectable, inyectables, pinchazo, infiltración, injection"
    ),
    "fisioterapia, terapia fisica": (
        "fisioterapia, terapia física, fisioterapeuta, ejercicios, ejercicio, rehabilitación, "
        "physical therapy"
    ),
    "seguro, seguro medico, cobertura": (
        "seguro, seguros, seguro médico, cobertura, aseguranza, aseguradora, medicare, medicaid"
    ),
    "medico, doctor, doctora, cirujano": (
        "médico, médica, doctor, doctora, cirujano, cirujana, proveedor"
    ),
}
ADDED_ENGLISH = ["discrimination, nondiscrimination, discriminate, civil rights"]
ADDED = [
    "epidural, inyección epidural, esteroide, esteroides, cortisona, corticosteroide",
    "ablación, radiofrecuencia, quemar el nervio, quemar los nervios, apagar los nervios",
    "nalga, nalgas, glúteo, glúteos, trasero, pompis, buttock",
    "ardor, hormigueo, entumecimiento, adormecimiento, calambres",
    "estenosis, estrechamiento, canal estrecho, canal espinal estrecho, estenosis espinal",
    "hernia de disco, disco herniado, disco abultado, hernia discal, disco, discos",
    "artritis, artrosis, desgaste",
    "fusión, fusionar, cirugía, operación, operar, fusion, surgery",
    "muletas, andadera, caminador, crutches, walker",
    "compensación laboral, accidente de trabajo, lesión en el trabajo, workers comp",
    "accidente de auto, accidente de carro, accidente de coche, choque, lesiones personales, "
    "lesión personal",
    "consultorio, consultorios, oficina, clínica, cerca de mí, ubicación, dirección",
    "privacidad, privacy, hipaa, expediente médico, expedientes médicos, información de salud",
    "costo, costos, precio, presupuesto, estimado, estimate, cuánto cuesta",
    "factura, facturas, cobro, cuenta, bill, billing",
    "formulario, formularios, papeles, papeleo, registro",
    "intérprete, traductor, idioma, ayuda con el idioma",
    "español, spanish",
    "accesibilidad, accessibility, discapacidad",
    "discriminación, discrimination",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for before, after in WIDENED.items():
        Synonym.objects.filter(language="es", terms=before).update(terms=after)
    for terms in ADDED:
        Synonym.objects.get_or_create(language="es", terms=terms)
    for terms in ADDED_ENGLISH:
        Synonym.objects.get_or_create(language="en", terms=terms)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for before, after in WIDENED.items():
        Synonym.objects.filter(language="es", terms=after).update(terms=before)
    Synonym.objects.filter(language="es", terms__in=ADDED).delete()
    Synonym.objects.filter(language="en", terms__in=ADDED_ENGLISH).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_searchentry_text_language")]

    operations = [migrations.RunPython(seed, unseed)]

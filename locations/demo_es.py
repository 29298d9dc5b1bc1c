"""The demo offices' visiting notes and the providers' texts in Spanish, marked reviewed
(locations/demo.py makes the rows)."""

from core.translation_review import demo_reviewer

from .demo import FRONTS, PORTRAITS
from .models import Location, Provider

PARKING = "Estacionamiento gratis en el lote al lado del edificio, con espacios accesibles señalados junto a la puerta."
ACCESSIBILITY = "Entrada sin escalones, puertas anchas y un baño accesible."

SPECIALTIES = {
    "Interventional pain medicine": "Medicina intervencionista del dolor",
    "Physical medicine and rehabilitation": "Medicina física y rehabilitación",
    "Pain management": "Tratamiento del dolor",
    "Anesthesiology and pain medicine": "Anestesiología y medicina del dolor",
    "Spine care": "Cuidado de la columna",
    "Pain medicine": "Medicina del dolor",
    "Orthopedic spine surgery": "Cirugía ortopédica de la columna",
    "Spine surgery": "Cirugía de la columna",
}
# A board's name in Spanish, with its own English name after it (what the patient will see on
# the certificate), one per line as in the English.
BOARDS = {
    "American Board of Anesthesiology, Pain Medicine": "Junta Estadounidense de Anestesiología (American Board of Anesthesiology), medicina del dolor",
    "American Board of Anesthesiology": "Junta Estadounidense de Anestesiología (American Board of Anesthesiology)",
    "American Board of Pain Medicine": "Junta Estadounidense de Medicina del Dolor (American Board of Pain Medicine)",
    "American Board of Orthopaedic Surgery": "Junta Estadounidense de Cirugía Ortopédica (American Board of Orthopaedic Surgery)",
    "American Osteopathic Board of Anesthesiology": "Junta Osteopática Estadounidense de Anestesiología (American Osteopathic Board of Anesthesiology)",
    "American Osteopathic Board of Physical Medicine and Rehabilitation": "Junta Osteopática Estadounidense de Medicina Física y Rehabilitación (American Osteopathic Board of Physical Medicine and Rehabilitation)",
}
# The fellowship and the bio are translated.
# slug -> (fellowship, bio)
PROVIDERS = {
    "miriam-castellane": ("", "La Dra. Castellane busca el origen del dolor de espalda antes de elegir un tratamiento, y explica cada paso con palabras sencillas."),
    "owen-radcliffe": ("", "El Dr. Radcliffe combina exámenes cuidadosos con planes de ejercicio que ayudan a los pacientes a volver al trabajo y a la vida en familia."),
    "tessa-marlowe": ("", "Tessa atiende a pacientes nuevos y de seguimiento en Harrisonburg y coordina la atención con los médicos."),
    "anand-velaskar": ("", "El Dr. Velaskar realiza inyecciones guiadas por imágenes y ablación de nervios para el dolor de cuello y de espalda."),
    "garrett-holloway": ("", "Garrett acompaña a los pacientes durante su plan de tratamiento y responde sus preguntas entre visitas."),
    "lena-brightwater": ("", "La Dra. Brightwater trata el dolor crónico de espalda y de articulaciones en nuestros tres consultorios de Pensilvania."),
    "rafael-quintero-vidal": ("Subespecialidad en cirugía de la columna, técnicas mínimamente invasivas", "El Dr. Quintero-Vidal es cirujano de columna con subespecialidad y ofrece la fusión sacroilíaca mínimamente invasiva cuando otros tratamientos no han ayudado."),
    "ines-calloway": ("", "Inés prepara a los pacientes para la cirugía y los acompaña durante la recuperación."),
    "helena-ashworth": ("", "La Dra. Ashworth opera la articulación sacroilíaca solo después de que el tratamiento sin cirugía se haya probado a fondo y una inyección de prueba haya mostrado que el dolor viene de esa articulación."),
    "nora-pendleton": ("", "Nora ayuda a los pacientes a controlar el dolor entre procedimientos y revisa sus medicamentos en cada visita."),
}  # fmt: skip

# The drawings described in Spanish, as locations/demo.py describes them in English.
STOREYS = {1: "de una planta", 2: "de dos plantas"}
ROOFS = {"gable": "techo a dos aguas", "flat": "techo plano", "parapet": "azotea con pretil"}
TREES = {"round": "árboles frondosos", "palm": "palmeras"}
HAIR = {
    "long": "el pelo largo", "bob": "el pelo a la altura de la barbilla",
    "bun": "el pelo recogido en un moño", "short": "el pelo corto",
    "curly": "el pelo corto y rizado", "receding": "entradas en el pelo",
}  # fmt: skip
CLOTHES = {
    "coat": "una bata blanca y un estetoscopio",
    "scrubs": "un uniforme clínico verde azulado",
}


def office_photo_alt(office, front):
    building = f"un edificio {'de ladrillo ' if front.brick else ''}{STOREYS[front.storeys]}"
    return (
        f"Dibujo del consultorio de {office.name}: {building} con {ROOFS[front.roof]}, "
        f"el letrero sobre una entrada de vidrio con rampa, {TREES[front.trees]} y "
        f"estacionamiento delante."
    )


def provider_photo_alt(provider, look):
    features = [
        HAIR[look.hair],
        *(["barba"] if look.beard else []),
        *(["lentes"] if look.glasses else []),
    ]
    features = ", ".join(features[:-1]) + " y " + features[-1] if len(features) > 1 else features[0]
    clothes = CLOTHES.get(look.top, "una camisa azul")
    return f"Retrato ilustrado de {provider.name}, sonriente, con {features}; lleva {clothes}."


def load():
    reviewer = demo_reviewer()
    for office in Location.objects.all():
        office.parking_notes_es, office.accessibility_notes_es = PARKING, ACCESSIBILITY
        if office.slug in FRONTS:
            office.photo_alt_es = office_photo_alt(office, FRONTS[office.slug])
        office.mark_spanish_reviewed(reviewer)
    for provider in Provider.objects.filter(slug__in=PROVIDERS):
        provider.fellowship_es, provider.bio_es = PROVIDERS[provider.slug]
        provider.specialty_es = SPECIALTIES.get(provider.specialty_en, "")
        provider.board_certifications_es = "\n".join(
            BOARDS[line] for line in provider.board_certifications_en.splitlines()
        )
        if provider.slug in PORTRAITS:
            provider.photo_alt_es = provider_photo_alt(provider, PORTRAITS[provider.slug][0])
        provider.mark_spanish_reviewed(reviewer)

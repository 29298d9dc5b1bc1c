"""The demo practice's own words in Spanish, marked reviewed (home/demo.py makes the rows)."""

from core.translation_review import demo_reviewer

from .models import SiteSettings, TrustPoint

PRIVACY_NOTICE = """\
Este aviso explica qué hace este sitio web con la información que usted nos da.

Cuando usted pide una cita o nos envía un mensaje, usamos lo que nos dice solo para comunicarnos con usted y organizar su atención. Solo nuestro personal de recepción puede verlo, cada vez que lo abren queda registrado, y borramos o anonimizamos las solicitudes cuando ya no se necesitan.

No usamos rastreadores de publicidad, servicios de análisis ni programas de terceros. Su navegador solo se comunica con este sitio web.

Nunca enviamos sus datos de salud por correo electrónico. Si tiene preguntas sobre su información, llámenos o pregunte en cualquiera de nuestros consultorios."""

SITE = {
    "tagline": "Alivio para el dolor de espalda, cuello y articulaciones, cerca de su casa",
    "hero_heading": "Vuelva a la vida que el dolor le quitó",
    "hero_text": (
        "Nuestros médicos buscan de dónde viene su dolor y tratan esa causa, empezando por la "
        "opción más suave que pueda funcionar. Consultorios en Maryland, Pensilvania, Virginia "
        "y el sur de la Florida."
    ),
    "hero_button_label": "Pedir una cita",
    "hero_image_alt": (
        "Dibujo de una doctora sonriente, con bata blanca, que señala un modelo de la columna y "
        "se lo explica a una paciente mayor al otro lado de su escritorio, con una ventana y "
        "árboles detrás."
    ),
    "insurance_note": (
        "Aceptamos todos los planes de seguro principales, y atendemos a pacientes con reclamos "
        "de Compensación Laboral y de Lesiones Personales."
    ),
    "privacy_notice": PRIVACY_NOTICE,
    "seo_description": (
        "Tratamiento del dolor y de la columna en MD, PA, VA y FL: fusión sacroilíaca, "
        "inyecciones, tratamientos de nervios y terapia. Citas en dos semanas o menos."
    ),
}

TRUST_POINTS = {
    "All major insurance accepted": (
        "Aceptamos todos los seguros principales",
        "También atendemos a pacientes de Compensación Laboral y de Lesiones Personales.",
    ),
    "Board-certified doctors": (
        "Médicos certificados",
        "Especialistas en medicina del dolor y cirugía de la columna.",
    ),
    "Care planned around you": (
        "Atención planeada para usted",
        "Su plan empieza por su historia, sus metas y su vida diaria.",
    ),
    "Seen within two weeks": (
        "Citas en dos semanas",
        "La mayoría de los pacientes nuevos tiene su primera visita en catorce días o menos.",
    ),
}


def load():
    reviewer = demo_reviewer()
    site = SiteSettings.objects.get(pk=1)
    for name, value in SITE.items():
        setattr(site, f"{name}_es", value)
    site.mark_spanish_reviewed(reviewer)
    for point in TrustPoint.objects.filter(title_en__in=TRUST_POINTS):
        point.title_es, point.text_es = TRUST_POINTS[point.title_en]
        point.mark_spanish_reviewed(reviewer)

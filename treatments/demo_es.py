"""The demo treatments, conditions, quiz and resources in Spanish, marked reviewed.

Rows are found by their English (treatments/demo.py makes them first). SI joint fusion is
left without a reviewed Spanish on purpose, so the demo shows a Spanish page falling back to
the English, marked lang="en", with the note giving a number to call for help in Spanish.
"""

import unicodedata

from django.core.files.base import ContentFile
from django.utils.text import slugify

from core.translation_review import demo_reviewer

from .demo import simple_pdf
from .models import (
    Condition,
    PatientDocument,
    ResourcePage,
    Treatment,
    TreatmentSection,
)

S = TreatmentSection.Kind
UNREVIEWED = "si-joint-fusion"

# slug -> (name, summary)
TREATMENTS = {
    "epidural-steroid-injection": ("Inyección epidural de esteroides",
        "Un medicamento antiinflamatorio que se coloca cerca de los nervios irritados de la columna para calmar el dolor de pierna y de espalda."),
    "radiofrequency-ablation": ("Ablación por radiofrecuencia",
        "Un calor suave calma los pequeños nervios que llevan las señales de dolor desde las articulaciones de la columna con artritis."),
    "physical-therapy": ("Fisioterapia",
        "Un plan de ejercicios guiado que le da fuerza y movimiento para proteger su espalda."),
}  # fmt: skip

# fmt: off
SECTIONS = {
    "epidural-steroid-injection": {
        S.WHAT_IT_IS: "Con una aguja fina, guiada por rayos X en tiempo real, se coloca un corticosteroide y un anestésico en el espacio epidural, alrededor de un nervio irritado de la columna. El esteroide calma la inflamación que hace doler el nervio.",
        S.CANDIDACY: "Es adecuada para personas con dolor de pierna o de brazo por un disco abultado o un canal espinal estrecho, cuando el reposo, los medicamentos y el ejercicio no han sido suficientes.",
        S.RECOVERY: "Usted descansa un rato en el consultorio y regresa a casa el mismo día, con alguien que maneje por usted. La mayoría de las personas vuelve a su actividad normal al día siguiente.",
        S.DURATION: "El alivio puede durar desde unas semanas hasta varios meses. Si le ayudan, las inyecciones se pueden repetir algunas veces al año.",
    },
    "radiofrequency-ablation": {
        S.WHAT_IT_IS: "Se coloca una aguja con la punta tibia junto a los nervios diminutos que llevan el dolor desde las articulaciones de la columna con artritis. Un calor controlado apaga esos nervios, y la articulación deja de enviar señales de dolor.",
        S.CANDIDACY: "Puede ser candidato si unas inyecciones de prueba que adormecen esos mismos nervios le dieron un alivio claro, aunque corto.",
        S.DURATION: "El alivio suele durar de seis meses a un año o más. Los nervios pueden volver a crecer, y el tratamiento se puede repetir.",
    },
    "physical-therapy": {
        S.WHAT_IT_IS: "Un fisioterapeuta con licencia observa cómo se mueve usted y prepara un plan de ejercicios y terapia manual para fortalecer los músculos que sostienen su columna y sus articulaciones.",
        S.BENEFITS: "- Sin agujas ni cirugía\n- Aprende ejercicios que sigue haciendo en casa\n- Ayuda a prevenir la próxima crisis de dolor",
        S.RESULTS: "La mayoría de las personas nota que se mueve con más facilidad a las pocas semanas de sesiones regulares y ejercicio en casa.",
    },
}
FAQS = {
    "epidural-steroid-injection": {
        "Does the injection hurt?": ("¿Duele la inyección?", "Primero se adormece la piel. La mayoría de las personas siente presión, no dolor."),
    },
}
# English name -> (name, summary, symptoms, causes)
CONDITIONS = {
    "SI joint dysfunction": ("Disfunción de la articulación sacroilíaca",
        "Dolor que empieza en una o ambas articulaciones sacroilíacas, donde la columna se une con la pelvis, cuando la articulación se mueve demasiado o muy poco.",
        """- Dolor en la parte baja de la espalda, a menudo de un solo lado
- Dolor en la nalga, la cadera o la ingle
- Dolor que baja por una pierna
- Dolor al estar sentado o de pie mucho tiempo
- Una pierna que se siente débil o que falla""",
        """- Una caída o un accidente
- El embarazo, cuando los ligamentos se aflojan
- Una cirugía anterior en la parte baja de la espalda
- Piernas de distinto largo o músculos desequilibrados"""),
    "Lumbar spinal stenosis": ("Estenosis espinal lumbar",
        "Un estrechamiento del canal espinal en la parte baja de la espalda que aprieta los nervios que pasan por él.",
        """- Dolor, calambres o pesadez en las piernas al caminar o estar de pie
- Alivio al sentarse o inclinarse hacia adelante
- Adormecimiento u hormigueo en las piernas o los pies""",
        """- El desgaste de la columna con la edad
- Ligamentos engrosados y espolones óseos
- Un disco abultado"""),
}
# English question -> (question, hint, {English answer: answer})
INSURANCE_PAGE = ("Seguros que aceptamos", "Todos los seguros principales, Compensación Laboral y Lesiones Personales.", """Aceptamos **todos los planes de seguro principales**. Nuestro equipo de recepción revisa su cobertura antes de su primera visita y le informa con anticipación de cualquier costo.

## Compensación Laboral (Workers' Compensation)

¿Se lesionó en el trabajo? Atendemos a pacientes con reclamos abiertos de Compensación Laboral y nos encargamos de los trámites con la aseguradora de su empleador. Traiga su número de reclamo a su primera visita.

## Lesiones Personales

Si se lesionó en un accidente de auto o en otro incidente, atendemos a pacientes de Lesiones Personales y trabajamos con su abogado en los expedientes y la facturación.

## ¿Preguntas?

Llame a cualquiera de nuestros consultorios y revisaremos su plan con usted.""")
DOCUMENTS = {
    "New patient registration": ("Registro de paciente nuevo", "Sus datos de contacto y su historial médico."),
    "Pain diary": ("Diario del dolor", "Anote su dolor durante las dos semanas antes de su visita."),
    "Your guide to spine care": ("Su guía para el cuidado de la columna", "Qué esperar en cada paso de su atención con nosotros."),
}
# fmt: on


def load():
    reviewer = demo_reviewer()
    for slug, (name, summary) in TREATMENTS.items():
        treatment = Treatment.objects.get(slug=slug, draft_of=None)
        treatment.name_es, treatment.summary_es = name, summary
        treatment.save()
        for section in treatment.sections.all():
            section.body_es = SECTIONS[slug].get(section.kind, "")
            section.save()
        for faq in treatment.faqs.all():
            faq.question_es, faq.answer_es = FAQS[slug][faq.question_en]
            faq.save()
        treatment.mark_spanish_reviewed(reviewer)
    for condition in Condition.objects.filter(name_en__in=CONDITIONS):
        name, summary, symptoms, causes = CONDITIONS[condition.name_en]
        condition.name_es, condition.summary_es = name, summary
        condition.symptoms_es, condition.causes_es = symptoms, causes
        condition.mark_spanish_reviewed(reviewer)
    page = ResourcePage.objects.get(slug="insurance")
    page.title_es, page.summary_es, page.body_es = INSURANCE_PAGE
    page.mark_spanish_reviewed(reviewer)
    for document in PatientDocument.objects.filter(title_en__in=DOCUMENTS):
        document.title_es, document.description_es = DOCUMENTS[document.title_en]
        if not document.file_es:
            # The hand-drawn PDF's font has no accents: its title line is written without them.
            title = unicodedata.normalize("NFKD", document.title_es).encode("ascii", "ignore")
            pdf = ContentFile(simple_pdf(title.decode()))
            document.file_es.save(f"{slugify(document.title_es)}.pdf", pdf, save=False)
        document.mark_spanish_reviewed(reviewer)

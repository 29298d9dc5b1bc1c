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
    QuizAnswer,
    QuizQuestion,
    QuizScore,
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
QUIZ = {
    "Where is your pain worst?": ("¿Dónde le duele más?", "Elija la opción más parecida.", {
        "Low in the back, on one side, or in the buttock": "En la parte baja de la espalda, de un lado, o en la nalga",
        "Down a leg or an arm": "Por una pierna o un brazo",
        "Across the middle of the back or the neck": "En el centro de la espalda o en el cuello",
    }),
    "How long have you had this pain?": ("¿Desde hace cuánto tiene este dolor?", "", {
        "Less than three months": "Menos de tres meses",
        "Three to six months": "De tres a seis meses",
        "More than six months": "Más de seis meses",
    }),
    "What makes it worse?": ("¿Qué lo empeora?", "", {
        "Sitting, standing for long, or lying on one side": "Estar sentado, estar de pie mucho tiempo o acostarse de un lado",
        "Walking, eased by sitting or leaning forward": "Caminar; mejora al sentarse o inclinarse hacia adelante",
        "Bending backwards or twisting": "Inclinarse hacia atrás o girar el cuerpo",
    }),
    "Which treatments have you already tried?": ("¿Qué tratamientos ha probado ya?", "", {
        "None yet": "Ninguno todavía",
        "Physical therapy or medicines, without lasting relief": "Fisioterapia o medicamentos, sin un alivio duradero",
        "Injections that helped only for a while": "Inyecciones que ayudaron solo por un tiempo",
    }),
    "Do you have numbness, tingling or weakness in a leg?": ("¿Tiene adormecimiento, hormigueo o debilidad en una pierna?", "", {
        "Yes": "Sí",
        "No": "No",
    }),
}
REASONS = {
    "Pain low on one side of the back or in the buttock often comes from the SI joint.": "El dolor bajo en un lado de la espalda o en la nalga a menudo viene de la articulación sacroilíaca.",
    "Joint pain in the lower back often responds to quieting the nerves that carry it.": "El dolor de las articulaciones de la parte baja de la espalda suele mejorar al calmar los nervios que lo transmiten.",
    "Pain that travels down a limb usually means an irritated spinal nerve, which an injection can calm.": "El dolor que baja por una pierna o un brazo suele indicar un nervio irritado de la columna, que una inyección puede calmar.",
    "Aching across the spine is often arthritis in its small joints.": "El dolor a lo largo de la columna con frecuencia se debe a artritis en sus pequeñas articulaciones.",
    "Strengthening the muscles around the spine eases this kind of ache.": "Fortalecer los músculos alrededor de la columna alivia este tipo de dolor.",
    "Newer pain often settles with guided exercise before anything more is needed.": "El dolor reciente a menudo se calma con ejercicio guiado, antes de necesitar algo más.",
    "Pain lasting months may need more than rest to settle.": "Un dolor que dura meses puede necesitar algo más que reposo para calmarse.",
    "Joint pain that has gone on for months may ease once its nerves are quieted.": "Un dolor de articulación que lleva meses puede aliviarse al calmar sus nervios.",
    "A therapy plan helps most people with pain of a few months.": "Un plan de terapia ayuda a la mayoría de las personas con dolor de algunos meses.",
    "Fusion is meant for pain that has lasted many months, and only once other care has been tried.": "La fusión es para el dolor que ha durado muchos meses, y solo después de haber probado otros tratamientos.",
    "Pain when sitting or lying on one side is typical of SI joint problems.": "El dolor al sentarse o al acostarse de un lado es típico de los problemas de la articulación sacroilíaca.",
    "Nerve ablation can also quiet the small nerves that carry pain from the SI joint.": "La ablación también puede calmar los pequeños nervios que llevan el dolor desde la articulación sacroilíaca.",
    "Leg pain on walking that eases when you sit points to a narrowed spinal canal.": "El dolor de pierna al caminar que mejora al sentarse indica un canal espinal estrecho.",
    "Exercises that open the spine help this pattern of pain.": "Los ejercicios que abren la columna ayudan con este tipo de dolor.",
    "Pain on bending back or twisting often comes from arthritic spine joints.": "El dolor al inclinarse hacia atrás o al girar suele venir de articulaciones de la columna con artritis.",
    "Most people start with exercise-based care, the gentlest option.": "La mayoría de las personas empieza con un tratamiento basado en ejercicio, la opción más suave.",
    "An injection needs no surgery and can calm the pain enough for exercise to help.": "Una inyección no requiere cirugía y puede calmar el dolor lo suficiente para que el ejercicio ayude.",
    "Injections are the usual next step when therapy and medicines fall short.": "Las inyecciones son el siguiente paso habitual cuando la terapia y los medicamentos no bastan.",
    "Nerve ablation helps when exercise and medicines have not.": "La ablación de nervios ayuda cuando el ejercicio y los medicamentos no lo han hecho.",
    "When injections give only short relief, surgery that treats the joint itself may be the next step.": "Cuando las inyecciones dan solo un alivio corto, una cirugía que trate la articulación misma puede ser el siguiente paso.",
    "Short relief from injections is a good sign nerve ablation will work for longer.": "Un alivio corto con las inyecciones es una buena señal de que la ablación funcionará por más tiempo.",
    "Numbness or tingling suggests a nerve is involved.": "El adormecimiento o el hormigueo indican que hay un nervio afectado.",
}
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
    for question in QuizQuestion.objects.filter(text_en__in=QUIZ):
        text, hint, answers = QUIZ[question.text_en]
        question.text_es, question.help_text_es = text, hint
        question.save()
        for answer in QuizAnswer.objects.filter(question=question):
            answer.text_es = answers[answer.text_en]
            answer.save()
        for score in QuizScore.objects.filter(answer__question=question):
            score.reason_es = REASONS[score.reason_en]
            score.save()
        question.mark_spanish_reviewed(reviewer)
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

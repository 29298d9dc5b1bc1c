"""The demo treatments, conditions, quiz and resources in Spanish, marked reviewed.

Rows are found by their English (treatments/demo.py makes them first). SI joint fusion is
left without a reviewed Spanish on purpose, so the demo shows a Spanish page falling back to
the English, marked lang="en", with the note giving a number to call for help in Spanish.
"""

from core.translation_review import demo_reviewer

from .models import (
    Condition,
    QuizRule,
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
    "si-joint-injection": ("Inyección de diagnóstico en la articulación SI",
        "Un medicamento que adormece y un esteroide, colocados en la articulación sacroilíaca (SI), muestran si su dolor viene de ahí."),
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
    "si-joint-injection": {
        S.WHAT_IT_IS: "Con la ayuda de rayos X, el médico coloca un medicamento que adormece y un corticosteroide dentro de la articulación sacroilíaca (SI). El medicamento que adormece actúa en minutos; el esteroide puede calmar la articulación por más tiempo.",
        S.CANDIDACY: "Se ofrece cuando el dolor bajo, de un solo lado de la espalda o en la nalga, no ha mejorado con fisioterapia ni con medicamentos. Si su dolor de siempre baja mucho en las horas siguientes, es muy probable que venga de la articulación SI: eso es lo que su médico necesita saber antes de cualquier procedimiento en la articulación.",
        S.DURATION: "El efecto del medicamento que adormece se pasa en unas horas. El esteroide puede aliviar el dolor por semanas o meses; en algunas personas el alivio es corto, y aun así responde la pregunta.",
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
# English name -> (name, summary, symptoms, causes, how the diagnosis is made)
CONDITIONS = {
    "SI joint dysfunction": ("Disfunción de la articulación sacroilíaca",
        "Dolor que empieza en una o ambas articulaciones sacroilíacas, donde la columna se une con la pelvis, cuando la articulación se mueve demasiado o muy poco.",
        """- Dolor en la parte baja de la espalda, a menudo de un solo lado, que empeora al levantar peso, correr, caminar o acostarse de ese lado
- Dolor en la nalga, la cadera o la ingle
- Dolor que baja por una o ambas piernas
- Adormecimiento, hormigueo o debilidad en una pierna
- Una pierna que se siente inestable o que falla
- Dolor al estar sentado o de pie por un rato
- Noches en que el dolor no le deja dormir""",
        """- Una caída o un accidente
- El embarazo, cuando los ligamentos se aflojan
- Una cirugía anterior en la parte baja de la espalda
- Piernas de distinto largo o músculos desequilibrados
- Muchas veces no se encuentra la causa""",
        """Su médico le pregunta dónde y cuándo le duele y lo examina: presiona la articulación y la mueve con cuidado de algunas maneras fijas que la ponen a prueba; si varias de estas pruebas le causan dolor, es probable que venga de la articulación SI. Las radiografías o un estudio de imágenes descartan otras causas, como un disco o la cadera.

El diagnóstico se confirma con una **inyección de diagnóstico en la articulación SI**: un medicamento que adormece, colocado en la articulación con la ayuda de rayos X. Si su dolor de siempre baja mucho durante las horas en que actúa el medicamento, el dolor viene de esa articulación."""),
    "Lumbar spinal stenosis": ("Estenosis espinal lumbar",
        "Un estrechamiento del canal espinal en la parte baja de la espalda que aprieta los nervios que pasan por él.",
        """- Dolor, calambres o pesadez en las piernas al caminar o estar de pie
- Alivio al sentarse o inclinarse hacia adelante
- Adormecimiento u hormigueo en las piernas o los pies""",
        """- El desgaste de la columna con la edad
- Ligamentos engrosados y espolones óseos
- Un disco abultado""",
        """Su médico le pregunta cuánto puede caminar y qué le alivia el dolor, y revisa la fuerza, los reflejos y la sensibilidad de sus piernas. Una resonancia magnética (MRI) muestra dónde se estrecha el canal y cuánto aprieta los nervios."""),
}
# English question -> (question, hint, {English answer: answer})
INSURANCE_PAGE = ("Seguros que aceptamos", "Todos los seguros principales, Compensación Laboral y Lesiones Personales.", """Aceptamos **todos los planes de seguro principales**. Nuestro equipo de recepción revisa su cobertura antes de su primera visita y le informa con anticipación de cualquier costo.

## Compensación Laboral (Workers' Compensation)

¿Se lesionó en el trabajo? Atendemos a pacientes con reclamos abiertos de Compensación Laboral y nos encargamos de los trámites con la aseguradora de su empleador. Traiga su número de reclamo a su primera visita.

## Lesiones Personales

Si se lesionó en un accidente de auto o en otro incidente, atendemos a pacientes de Lesiones Personales y trabajamos con su abogado en los expedientes y la facturación.

## ¿Preguntas?

Llame a cualquiera de nuestros consultorios y revisaremos su plan con usted.""")
# treatment slug -> why the quiz suggests it (SI joint fusion's too: the rule is reviewed on its
# own, and a patient whose answers lead there reads the reason in Spanish)
QUIZ_REASONS = {
    "physical-therapy": "La terapia con ejercicios, guiada por un fisioterapeuta, es el primer paso para casi todo dolor de espalda o de cuello, y ayuda en cada paso que venga después.",
    "epidural-steroid-injection": "El dolor que baja por una pierna, o que aparece en la pierna al caminar, suele venir de un nervio irritado de la columna. Una inyección puede calmarlo lo suficiente para que el ejercicio le ayude.",
    "si-joint-injection": "El dolor bajo, de un solo lado de la espalda, que no mejoró con terapia ni medicamentos puede venir de la articulación sacroilíaca (SI), y esta inyección muestra si viene de ahí.",
    "radiofrequency-ablation": "Si una inyección de prueba o un bloqueo de nervios le quitó el dolor de la articulación por un tiempo corto, calmar esos nervios con calor puede darle un alivio más largo.",
    "si-joint-fusion": "Cuando el dolor de tipo SI dura seis meses o más, no mejoró con terapia ni medicamentos, y una inyección de diagnóstico en la articulación SI le ayudó por un tiempo, se considera la fusión de la articulación.",
}
# What each treatment's page picture shows (treatments/demo.py HERO_ART); SI joint fusion's
# Spanish is left unreviewed (UNREVIEWED), so its page shows the English, marked as such.
HERO_ALTS = {
    "epidural-steroid-injection": "Dibujo de la parte baja de la columna de lado: una aguja delgada pasa por la espalda hasta el espacio alrededor de los nervios, donde el medicamento se extiende, en azul.",
    "si-joint-injection": "Dibujo de la pelvis de frente con una aguja delgada que llega a la articulación SI, donde el sacro se une al ilion.",
    "radiofrequency-ablation": "Dibujo de la columna de lado: una sonda delgada apoyada en una pequeña articulación de la parte de atrás de la columna, con ondas de calor suave alrededor de la punta.",
    "physical-therapy": "Dibujo de un paciente en una colchoneta, apoyado en manos y rodillas, con un brazo y la pierna contraria estirados, mientras un terapeuta arrodillado a su lado le guía el movimiento.",
}
# fmt: on


def load():
    reviewer = demo_reviewer()
    for slug, (name, summary) in TREATMENTS.items():
        treatment = Treatment.objects.get(slug=slug, draft_of=None)
        treatment.name_es, treatment.summary_es = name, summary
        treatment.hero_alt_es = HERO_ALTS[slug]
        treatment.save()
        for section in treatment.sections.all():
            section.body_es = SECTIONS[slug].get(section.kind, "")
            section.save()
        for faq in treatment.faqs.all():
            faq.question_es, faq.answer_es = FAQS[slug][faq.question_en]
            faq.save()
        treatment.mark_spanish_reviewed(reviewer)
    for condition in Condition.objects.filter(name_en__in=CONDITIONS):
        name, summary, symptoms, causes, diagnosis = CONDITIONS[condition.name_en]
        condition.name_es, condition.summary_es = name, summary
        condition.symptoms_es, condition.causes_es = symptoms, causes
        condition.diagnosis_es = diagnosis
        condition.mark_spanish_reviewed(reviewer)
    for rule in QuizRule.objects.filter(treatment__slug__in=QUIZ_REASONS, treatment__draft_of=None):
        rule.reason_es = QUIZ_REASONS[rule.treatment.slug]
        rule.mark_spanish_reviewed(reviewer)
    page = ResourcePage.objects.get(slug="insurance")
    page.title_es, page.summary_es, page.body_es = INSURANCE_PAGE
    page.mark_spanish_reviewed(reviewer)

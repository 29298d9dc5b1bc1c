"""The demo notices in Spanish (notices/demo.py makes the rows).

The notice of nondiscrimination and language assistance, the two a patient who reads
Spanish needs first, are translated in full and marked reviewed. The others have their
title and summary in Spanish but stay unreviewed until a qualified translator has checked
the legal text: their Spanish pages show the English, marked lang="en", with the note.
"""

from core.translation_review import demo_reviewer

from .demo import OCR
from .models import Notice

K = Notice.Kind

OCR_ES = (
    OCR.replace(
        "the U.S. Department of Health and Human Services, Office for Civil Rights: online at",
        "el Departamento de Salud y Servicios Humanos de los EE. UU., Oficina de Derechos Civiles: en línea en",
    )
    .replace(", by phone at ", ", por teléfono al ")
    .replace(", or by mail to ", ", o por correo a ")
)

NONDISCRIMINATION = f"""Keystone Spine & Pain Care cumple con las leyes federales de derechos civiles. No discriminamos, no excluimos ni tratamos de forma diferente a nadie por su raza, color, origen nacional (incluido un dominio limitado del inglés y el idioma principal), edad, discapacidad o sexo (incluidos el embarazo, la orientación sexual, la identidad de género y las características sexuales).

## Ayuda que damos sin costo

- **Para personas con discapacidades**: intérpretes calificados de lenguaje de señas, información escrita en letra grande, audio, formatos electrónicos accesibles y otros formatos, y otras ayudas para que pueda comunicarse bien con nosotros.
- **Para personas cuyo idioma principal no es el inglés**: intérpretes calificados e información escrita en otros idiomas. Vea nuestra página de ayuda con el idioma.

Para pedir cualquiera de estos servicios, llame al consultorio al que va, o a nuestro número principal, (301) 555-0100. Díganos lo que necesita; no tiene costo.

## Nuestro coordinador de la Sección 1557

Si cree que no le hemos dado estos servicios o que lo hemos discriminado de otra manera, comuníquese con nuestro coordinador de la Sección 1557: Civil Rights Coordinator, Keystone Spine & Pain Care, 1200 Foundry Lane, Hagerstown, MD 21740. Teléfono (301) 555-0191. Correo electrónico civilrights@keystone-spine.example.

Puede presentar una queja en persona, por correo, por teléfono o por correo electrónico. Si necesita ayuda para presentarla, el coordinador le ayudará.

## Quejas ante el gobierno federal

También puede presentar una queja de derechos civiles ante {OCR_ES}.
"""

LANGUAGE = """Si el inglés no es su primer idioma, podemos ayudarle en el suyo, sin costo para usted. Llame al número de su idioma que aparece arriba, o pregunte en cualquiera de nuestros consultorios: un intérprete calificado se unirá a la llamada o a la visita, y podemos explicarle nuestros formularios y cartas en su idioma.

Para intérpretes de lenguaje de señas y otra ayuda para personas con discapacidades, vea nuestro aviso de no discriminación.
"""

# kind -> (title, summary, body of every version, or None to leave it unreviewed)
NOTICES = {
    K.NONDISCRIMINATION: ("Aviso de no discriminación", "Tratamos a todos con igualdad, y ofrecemos ayudas gratis para personas con discapacidades y ayuda gratis con el idioma.", NONDISCRIMINATION),
    K.LANGUAGE_ASSISTANCE: ("Ayuda con el idioma", "Hay ayuda gratis en su idioma. Llámenos y pida un intérprete.", LANGUAGE),
    K.PRIVACY_PRACTICES: ("Aviso de prácticas de privacidad", "Cómo podemos usar y compartir su información de salud, sus derechos sobre ella y cómo presentar una queja.", None),
    K.GOOD_FAITH_ESTIMATE: ("Su derecho a un cálculo de buena fe", "¿No tiene seguro o paga usted mismo? Tiene derecho a un cálculo por escrito del costo de su atención antes de recibirla.", None),
    K.BALANCE_BILLING: ("Sus derechos y protecciones contra las facturas médicas sorpresa", "En la atención de emergencia y en un hospital o centro quirúrgico, la ley federal le protege de la mayoría de las facturas sorpresa fuera de la red.", None),
    K.ACCESSIBILITY: ("Declaración de accesibilidad", "Nuestro sitio web busca cumplir con WCAG 2.2 AA. Díganos si algo es difícil de usar y le responderemos en 2 días hábiles.", None),
}  # fmt: skip


def load():
    reviewer = demo_reviewer()
    for notice in Notice.objects.filter(kind__in=NOTICES):
        title, summary, body = NOTICES[notice.kind]
        notice.title_es, notice.summary_es = title, summary
        notice.save()
        if body is None:
            continue
        for version in notice.versions.all():
            version.body_es = body
            version.save()
        notice.mark_spanish_reviewed(reviewer)

"""The demo notices in Spanish (notices/demo.py makes the rows), every one translated in full,
each version of it too, and marked reviewed, so the demo shows the finished state.

A practice's own notices need a qualified translator's review of the legal text before they
are marked reviewed; until then their Spanish pages show the English, marked lang="en".
"""

import datetime

from core.translation_review import demo_reviewer

from .demo import CONTACT, OCR
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

CONTACT_ES = (
    CONTACT.replace("Privacy Officer", "Oficial de Privacidad (Privacy Officer)")
    .replace("Phone ", "Teléfono ")
    .replace("Email ", "Correo electrónico ")
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

PRIVACY_2024 = f"""Este aviso describe cómo se puede usar y compartir su información médica, y cómo puede usted tener acceso a esa información. Por favor, léalo con cuidado.

## Nuestras obligaciones

La ley nos exige mantener privada su información de salud, darle este aviso de nuestras obligaciones y prácticas de privacidad, y cumplir con el aviso que esté vigente. Le avisaremos pronto si ocurre una violación de seguridad que pueda haber puesto en riesgo su información.

## Cómo usamos y compartimos su información de salud

- **Para atenderle**: nuestros médicos, enfermeros y terapeutas comparten lo que necesitan para cuidarle, también con otros proveedores que le atienden.
- **Para recibir el pago**: enviamos a su seguro, a la aseguradora de Compensación Laboral o a la de Lesiones Personales lo que necesita para pagar su atención.
- **Para administrar nuestra práctica**: por ejemplo, para revisar la calidad de nuestra atención y capacitar a nuestro personal.

Otros usos que la ley permite o exige incluyen los informes de salud pública, la supervisión de la salud, las demandas y órdenes judiciales, la policía en casos limitados y la prevención de una amenaza grave para la salud o la seguridad de alguien. Para cualquier otro uso, como la publicidad, le pedimos su permiso por escrito, y usted puede retirarlo en cualquier momento.

## Sus derechos

Puede pedir ver u obtener una copia de su expediente, pedirnos que lo corrijamos, pedirnos que limitemos lo que compartimos, pedirnos que nos comuniquemos con usted de cierta manera o en cierto lugar, obtener una lista de las personas con quienes compartimos su información y obtener una copia de este aviso en papel.

## Preguntas y quejas

Si cree que no hemos protegido su privacidad, díganoslo: {CONTACT_ES} También puede presentar una queja ante {OCR_ES}. Nunca tomaremos represalias contra usted por presentar una queja.
"""

PRIVACY_2025 = f"""Este aviso describe cómo se puede usar y compartir su información médica, y cómo puede usted tener acceso a esa información. Por favor, léalo con cuidado.

## Nuestras obligaciones

La ley nos exige mantener privada su información de salud, darle este aviso de nuestras obligaciones y prácticas de privacidad, y cumplir con el aviso que esté vigente. Si ocurre una violación de seguridad que pueda haber puesto en riesgo su información, se lo diremos. Podemos cambiar este aviso; una versión nueva se aplica a toda la información que tenemos, y la publicamos aquí y en nuestros consultorios con la fecha en que entra en vigor.

## Cómo usamos y compartimos su información de salud

- **Para atenderle**: nuestros médicos, enfermeros practicantes, asistentes médicos y terapeutas comparten lo que necesitan para cuidarle, también con otros proveedores que le atienden, como un hospital o un fisioterapeuta.
- **Para recibir el pago**: enviamos a su plan de salud, a la aseguradora de Compensación Laboral o a la de Lesiones Personales lo que necesita para pagar su atención.
- **Para administrar nuestra práctica**: por ejemplo, para revisar la calidad de nuestra atención, capacitar a nuestro personal y recordarle sus citas.

También podemos compartir información cuando la ley lo permite o lo exige: para la salud y la seguridad públicas, para la supervisión de la salud, en respuesta a una orden judicial o una citación, para la policía en casos limitados, para reclamos de Compensación Laboral, para evitar una amenaza grave para la salud o la seguridad de alguien, y con una persona que participa en su atención si usted no se opone.

Le pedimos su permiso por escrito antes de cualquier otro uso, incluidos la publicidad, la venta de su información y la mayor parte de lo que se comparte de las notas de psicoterapia. Puede retirar su permiso por escrito en cualquier momento.

## Sus derechos

- Ver u obtener una copia de su expediente, en papel o en formato electrónico. Podemos cobrarle una tarifa razonable, basada en lo que nos cuesta.
- Pedirnos que corrijamos su expediente si cree que está equivocado o incompleto.
- Pedirnos que nos comuniquemos con usted de cierta manera, por ejemplo a otro número de teléfono.
- Pedirnos que limitemos lo que usamos o compartimos. Si usted paga un servicio completo de su bolsillo, puede pedirnos que no se lo informemos a su plan de salud, y aceptaremos, salvo que la ley exija otra cosa.
- Obtener una lista de las personas con quienes compartimos su información en los últimos seis años, por motivos que no sean su tratamiento, el pago o la administración de nuestra práctica.
- Obtener una copia de este aviso en papel en cualquier momento, aunque haya aceptado recibirlo en formato electrónico.
- Escoger a alguien que actúe por usted, como un tutor legal.

## Preguntas y quejas

Si cree que no hemos protegido su privacidad, díganoslo: {CONTACT_ES}

También puede presentar una queja ante {OCR_ES}.

Nunca tomaremos represalias contra usted por presentar una queja.
"""

GOOD_FAITH_ESTIMATE = """## ¿No usa seguro médico? Puede saber el costo antes

Si no tiene seguro médico, o si decide pagar su atención de su bolsillo, la ley federal le da derecho a una estimación por escrito de lo que costará su atención antes de recibirla. Se llama estimación de buena fe.

- La estimación cubre todo el costo esperado de una visita o un procedimiento programado que no sea de emergencia, incluidos los artículos y servicios que suelen acompañarlo, como análisis, imágenes, medicamentos, equipo y cargos del centro médico.
- Si programa una visita con al menos 3 días hábiles de anticipación, le enviamos la estimación en el plazo de 1 día hábil después de programarla. Si la programa con al menos 10 días hábiles de anticipación, o si simplemente nos pide una estimación, se la enviamos en el plazo de 3 días hábiles.
- La estimación es por escrito, en papel o en formato electrónico, como usted prefiera. Guarde una copia o una foto.
- Si su factura sale $400 o más por encima de la estimación, puede disputar la factura mediante un proceso federal. Debe empezarlo en el plazo de 120 días a partir de la fecha de la factura.

Si tiene preguntas sobre estos derechos, llame a la línea de ayuda federal No Surprises al 1-800-985-3059, o visite www.cms.gov/nosurprises.

## Cómo pedirnos una estimación

Use el botón de esta página para enviar una solicitud a nuestro equipo de facturación, o llame al (301) 555-0100. Díganos qué visita o procedimiento está planeando; no necesitamos su historial médico para preparar la estimación.
"""

BALANCE_BILLING = """## Qué es una factura sorpresa

Su plan de salud paga un precio acordado a los médicos y centros de su red. Un médico o un centro fuera de la red puede cobrarle a usted la diferencia entre lo que cobra y lo que paga su plan: eso es una factura de saldo. Se convierte en una factura sorpresa cuando usted no pudo escoger quién le atendió, por ejemplo, el anestesiólogo durante una operación.

## Cuándo le protege la ley

- **Atención de emergencia**: quien le atienda, dentro o fuera de la red, no puede cobrarle más que el copago, el coseguro y el deducible que le tocan dentro de la red de su plan.
- **Atención en un hospital o centro quirúrgico de la red**: los médicos de ese lugar que están fuera de su red no pueden cobrarle el saldo por servicios de medicina de emergencia, anestesia, patología, radiología, laboratorio, neonatología, cirujano asistente, médico hospitalista o médico de cuidados intensivos. Por otros servicios, pueden cobrarle el saldo solo si usted aceptó por escrito y con anticipación renunciar a estas protecciones.
- Usted nunca está obligado a renunciar a estas protecciones, ni a atenderse con un proveedor fuera de su red.

## Cuánto paga cuando está protegido

Solo la parte que le toca dentro de la red: el copago, el coseguro y el deducible que pagaría a un proveedor de la red. Su plan le paga directamente al proveedor fuera de la red, y lo que usted paga cuenta para su deducible y su límite de gastos de bolsillo dentro de la red.

## Lo que nos toca a nosotros

Nuestro cirujano opera en hospitales y centros quirúrgicos, y el centro y los demás médicos de ese lugar pueden cobrarle aparte de nosotros. Nuestro equipo de facturación puede decirle de antemano quiénes probablemente participarán en su atención.

Si cree que le cobraron por error, llame a la línea de ayuda federal No Surprises al 1-800-985-3059 o visite www.cms.gov/nosurprises. Maryland, Pensilvania, Virginia y Florida también tienen sus propias protecciones; pregunte a nuestro equipo de facturación.
"""

ACCESSIBILITY = """Queremos que todas las personas que visitan nuestro sitio web puedan encontrar un médico, leer sobre un tratamiento y pedir una cita, sin importar el aparato o la tecnología de asistencia que usen.

## Nuestra meta

Buscamos cumplir con las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2, nivel AA, en cada página de este sitio web.

## Cómo lo comprobamos

- **Pruebas automáticas**: cada cambio al sitio web se revisa con el programa de accesibilidad axe, en pantallas de teléfono pequeñas (375 píxeles de ancho) y en pantallas de computadora (1,280 píxeles de ancho), antes de publicarse.
- **Pruebas a mano**: usamos el sitio solo con el teclado, con un lector de pantalla, ampliado al 200 % y al 400 %, y con JavaScript apagado; todos los formularios funcionan sin JavaScript.

## Limitaciones conocidas

- Algunos formularios antiguos para pacientes son archivos PDF que pueden no funcionar bien con los lectores de pantalla. Pídanos el formulario y se lo enviaremos en otro formato, o lo llenaremos con usted por teléfono.
- Los mapas de nuestros consultorios se muestran como direcciones e indicaciones escritas; no mostramos mapas interactivos.

## Información en otro formato

Si necesita algo de este sitio en otro formato, como letra grande, audio, braille o un documento electrónico accesible, llame al (301) 555-0100 o use el botón para comentarios de esta página.

## Cuéntenos de un problema

Si algo de este sitio web es difícil de usar, por favor díganos en qué página y qué pasó. Nuestro equipo web le responde en 2 días hábiles, y tratamos de arreglar los problemas en 10 días hábiles o de decirle cuándo estará lista la solución. También puede comunicarse con nuestro coordinador de la Sección 1557 (vea nuestro aviso de no discriminación).
"""

# kind -> (title, summary, {effective date of a version: (body, what changed)})
NOTICES = {
    K.NONDISCRIMINATION: ("Aviso de no discriminación", "Tratamos a todos con igualdad, y ofrecemos ayudas gratis para personas con discapacidades y ayuda gratis con el idioma.",
        {datetime.date(2025, 1, 2): (NONDISCRIMINATION, "")}),
    K.LANGUAGE_ASSISTANCE: ("Ayuda con el idioma", "Hay ayuda gratis en su idioma. Llámenos y pida un intérprete.",
        {datetime.date(2025, 1, 2): (LANGUAGE, "")}),
    K.PRIVACY_PRACTICES: ("Aviso de prácticas de privacidad", "Cómo podemos usar y compartir su información de salud, sus derechos sobre ella y cómo presentar una queja.",
        {datetime.date(2024, 1, 15): (PRIVACY_2024, "Primera versión."),
         datetime.date(2025, 7, 1): (PRIVACY_2025, "Más detalles sobre sus derechos y sobre cuándo podemos compartir información sin pedirle permiso.")}),
    K.GOOD_FAITH_ESTIMATE: ("Su derecho a una estimación de buena fe", "¿No tiene seguro o paga de su bolsillo? Tiene derecho a una estimación por escrito del costo de su atención antes de recibirla.",
        {datetime.date(2025, 1, 2): (GOOD_FAITH_ESTIMATE, "")}),
    K.BALANCE_BILLING: ("Sus derechos y protecciones contra las facturas médicas sorpresa", "En la atención de emergencia y en un hospital o centro quirúrgico, la ley federal le protege de la mayoría de las facturas sorpresa fuera de la red.",
        {datetime.date(2025, 1, 2): (BALANCE_BILLING, "")}),
    K.ACCESSIBILITY: ("Declaración de accesibilidad", "Nuestro sitio web busca cumplir con WCAG 2.2 AA. Díganos si algo es difícil de usar y le responderemos en 2 días hábiles.",
        {datetime.date(2025, 1, 2): (ACCESSIBILITY, "")}),
}  # fmt: skip


def load():
    reviewer = demo_reviewer()
    for notice in Notice.objects.filter(kind__in=NOTICES):
        title, summary, versions = NOTICES[notice.kind]
        notice.title_es, notice.summary_es = title, summary
        notice.save()
        for version in notice.versions.filter(effective_date__in=versions):
            version.body_es, version.change_summary_es = versions[version.effective_date]
            version.save()
        notice.mark_spanish_reviewed(reviewer)

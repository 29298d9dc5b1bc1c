import factory

from .models import (
    FAQ,
    Condition,
    PatientDocument,
    ProcedureStep,
    QuizRule,
    ResourcePage,
    Treatment,
    TreatmentSection,
)


def simple_pdf(title):
    """A one-page PDF with a title line, drawn by hand: a test's PDF costs nothing to make."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


class TreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treatment

    name = factory.Sequence(lambda n: f"Treatment {n}")
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    kind = Treatment.Kind.NONSURGICAL
    care_step = factory.LazyAttribute(
        lambda t: (
            Treatment.CareStep.SURGERY
            if t.kind == Treatment.Kind.SURGICAL
            else Treatment.CareStep.INJECTIONS
        )
    )
    summary = "A treatment that helps with pain."
    is_published = True


class TreatmentSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatmentSection

    treatment = factory.SubFactory(TreatmentFactory)
    kind = TreatmentSection.Kind.WHAT_IT_IS
    body = "What this treatment is."


class ProcedureStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureStep

    treatment = factory.SubFactory(TreatmentFactory)
    title = factory.Sequence(lambda n: f"Step {n}")
    body = "What happens in this step."
    sort_order = factory.Sequence(lambda n: n)


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    treatment = factory.SubFactory(TreatmentFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."
    sort_order = factory.Sequence(lambda n: n)


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.Sequence(lambda n: f"condition-{n}")
    summary = "A condition that causes pain."
    is_published = True

    @factory.post_generation
    def treatments(self, create, extracted, **kwargs):
        if create and extracted:
            self.treatments.set(extracted)


class QuizRuleFactory(factory.django.DjangoModelFactory):
    """A rule that suggests its treatment for low back pain of any kind, from the first step."""

    class Meta:
        model = QuizRule

    treatment = factory.SubFactory(TreatmentFactory)
    region_low_back = True
    type_joint = type_facet = type_nerve = type_walking = True
    reason = factory.Sequence(lambda n: f"Reason {n}.")


class PatientDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PatientDocument

    title = factory.Sequence(lambda n: f"Patient form {n}")
    kind = PatientDocument.Kind.FORM
    file = factory.django.FileField(
        filename=factory.Sequence(lambda n: f"patient-form-{n}.pdf"),
        data=factory.LazyAttribute(lambda o: simple_pdf("Patient form")),
    )
    is_published = True


class ResourcePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary = "What patients should know."
    body = "Some useful text."
    is_published = True

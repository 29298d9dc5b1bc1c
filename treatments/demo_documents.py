"""The demo's patient documents, drawn by the site (treatments/pdf/), published, with their
Spanish reviewed. Last in load_demo: the guide is made from every other app's demo content."""

from django.utils import translation

from core.translation_review import demo_reviewer

from .models import GeneratedDocument, PatientDocument
from .pdf.store import first_texts, generate_documents


def load():
    for generated in GeneratedDocument:
        # A database loaded before the site drew its documents holds them as uploads of
        # the same title: take those rows over rather than adding a second of each.
        with translation.override("en"):
            title, _description = first_texts(generated)
        if not PatientDocument.objects.filter(generated=generated).exists():
            PatientDocument.objects.filter(generated="", title_en=title).update(generated=generated)
    reviewer = demo_reviewer()
    for order, document in enumerate(generate_documents()):
        document.sort_order, document.is_published = order, True
        document.mark_spanish_reviewed(reviewer)

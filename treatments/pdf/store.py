"""Put the documents the site draws into their PatientDocument rows, in both languages."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from treatments.models import FILE_LANGUAGES, GeneratedDocument, PatientDocument

from .forms import pain_diary, registration_form
from .guide import digital_guide

G = GeneratedDocument
BUILDERS = {G.REGISTRATION: registration_form, G.PAIN_DIARY: pain_diary, G.GUIDE: digital_guide}


def first_texts(generated):
    """The title and description a new row starts with (staff may change them after)."""
    return {
        G.REGISTRATION: (
            _("New patient registration"),
            _("Your contact details, insurance and medical history."),
        ),
        G.PAIN_DIARY: (_("Pain diary"), _("Track your pain for two weeks before your visit.")),
        G.GUIDE: (
            _("Your guide to spine care"),
            _("Our treatments, conditions, offices with their hours, and providers."),
        ),
    }[generated]


def generate_document(generated):
    """Draw the document in every language and store each file that changed. A new row
    starts as a draft with its title in both languages (the Spanish still to be reviewed).
    Returns the row."""
    with transaction.atomic():
        document = PatientDocument.objects.select_for_update().filter(generated=generated).first()
        if document is None:
            document = PatientDocument(
                generated=generated,
                kind=PatientDocument.Kind.GUIDE
                if generated == G.GUIDE
                else PatientDocument.Kind.FORM,
            )
            for code in FILE_LANGUAGES:
                with translation.override(code):
                    title, description = first_texts(generated)
                setattr(document, f"title_{code}", title)
                setattr(document, f"description_{code}", description)
        replaced = []
        changed = document.pk is None
        for code in FILE_LANGUAGES:
            pdf = BUILDERS[generated](code)
            fieldfile = getattr(document, f"file_{code}")
            if fieldfile and _stored_bytes(fieldfile) == pdf:
                continue
            if fieldfile:
                replaced.append((fieldfile.storage, fieldfile.name))
            name = f"{slugify(getattr(document, f'title_{code}') or generated)}.pdf"
            fieldfile.save(name, ContentFile(pdf), save=False)
            changed = True
        if changed:
            document.save()
        # The old files go once the new ones are committed: until then pages link to them.
        for storage, name in replaced:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return document


def generate_documents():
    return [generate_document(generated) for generated in GeneratedDocument]


def _stored_bytes(fieldfile):
    try:
        with fieldfile.open("rb") as stored:
            return stored.read()
    except OSError:
        return None

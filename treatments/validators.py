"""Patient-form PDFs: parsed as PDFs (pypdf), and refused if anything in them runs by itself."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MAX_PDF_BYTES = 10 * 1024 * 1024
# Keys that hold scripts or actions a viewer runs without being asked (on opening the file, a
# page or a field), and XFA forms, which carry scripts of their own.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/XFA"}
# Action types that run code, start a program or send what a patient typed somewhere.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/Rendition"}
MAX_OBJECTS = 200_000  # a 10 MB file holds far fewer; more means a file built to stall us


def validate_pdf_upload(file):
    """A real PDF (parsed, not judged by its first bytes), named .pdf, of at most 10 MB, with
    no JavaScript or automatic actions."""
    if not file.name.lower().endswith(".pdf"):
        raise ValidationError(_("The file name must end in .pdf."))
    if file.size > MAX_PDF_BYTES:
        raise ValidationError(_("The PDF is larger than 10 MB. Please upload a smaller file."))
    not_a_pdf = ValidationError(_("This file is not a PDF. Please upload a PDF document."))
    file.seek(0)
    try:
        reader = PdfReader(file, strict=True)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is protected by a password. Please upload it without one.")
            )
        # A PDF whose first page cannot be read is no patient form.
        reader.pages[0]
        active = _has_active_content(reader.trailer)
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, RecursionError):
        raise not_a_pdf from None
    finally:
        file.seek(0)
    if active:
        raise ValidationError(
            _(
                "This PDF contains scripts or actions that run by themselves (JavaScript, or "
                "actions on opening). Save it again without them, for example with “Print to "
                "PDF”, and upload that copy."
            )
        )


def _has_active_content(trailer):
    """Walk every object reachable from the trailer (what a viewer can reach) once."""
    seen, waiting = set(), [trailer]
    while waiting:
        item = waiting.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_OBJECTS:
                raise ValueError("too many objects")
            waiting.append(item.get_object())
        elif isinstance(item, DictionaryObject):
            if ACTIVE_KEYS & set(item.keys()):
                return True
            waiting.extend(item.values())
        elif isinstance(item, ArrayObject):
            waiting.extend(item)
        elif isinstance(item, NameObject) and item in ACTIVE_ACTIONS:
            return True  # an action's /S, direct or by reference
    return False


def pdf_facts(fieldfile):
    """(size in bytes, number of pages) of a stored or just-uploaded PDF, or (None, None) if
    it cannot be read (a database restored without its media): shown, never relied on."""
    committed = fieldfile._committed
    try:
        fieldfile.open("rb")
        return fieldfile.size, len(PdfReader(fieldfile.file).pages)
    except (OSError, PyPdfError, ValueError, KeyError):
        return None, None
    finally:
        if committed:
            fieldfile.close()
        else:
            fieldfile.seek(0)  # the upload is stored after this

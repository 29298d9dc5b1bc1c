from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf_upload(file):
    """A real PDF (by its first bytes, not its name), named .pdf, of at most 10 MB."""
    if not file.name.lower().endswith(".pdf"):
        raise ValidationError(_("The file name must end in .pdf."))
    if file.size > MAX_PDF_BYTES:
        raise ValidationError(_("The PDF is larger than 10 MB. Please upload a smaller file."))
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    # The PDF standard lets the header start anywhere in the first 1024 bytes.
    if PDF_MAGIC not in head:
        raise ValidationError(_("This file is not a PDF. Please upload a PDF document."))

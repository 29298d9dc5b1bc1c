from django.core.management.base import BaseCommand, CommandError

from treatments.models import FILE_LANGUAGES, GeneratedDocument
from treatments.pdf.store import generate_document


class Command(BaseCommand):
    help = (
        "Draw the new-patient registration form, the pain diary and the digital guide in "
        "English and Spanish, and store each file that changed. A document the site has no "
        "row for yet is added as a draft for staff to publish."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "documents",
            nargs="*",
            metavar="DOCUMENT",
            help=f"Only these, of {', '.join(GeneratedDocument.values)} (default: all).",
        )

    def handle(self, *args, **options):
        unknown = set(options["documents"]) - set(GeneratedDocument.values)
        if unknown:
            raise CommandError(f"Unknown document: {', '.join(sorted(unknown))}")
        for generated in options["documents"] or GeneratedDocument.values:
            document = generate_document(generated)
            facts = ", ".join(
                f"{code}: {getattr(document, f'page_count_{code}')} pages, "
                f"{getattr(document, f'file_size_{code}')} bytes"
                for code in FILE_LANGUAGES
            )
            state = "published" if document.is_published else "draft"
            self.stdout.write(f"{document.title_en} ({state}): {facts}")

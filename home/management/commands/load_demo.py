import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.images import make_missing_renditions

# Order matters: later apps refer to rows made by earlier ones.
DEMO_MODULES = [
    "home.demo",
    "treatments.demo",
    "locations.demo",
    "testimonials.demo",
    "appointments.demo",
    "booking.demo",
    "notices.demo",
    # The Spanish, after appointments.demo has made the translator who reviews it.
    "home.demo_es",
    "treatments.demo_es",
    "locations.demo_es",
    "notices.demo_es",
    # The patient documents last: the digital guide is drawn from all of the above.
    "treatments.demo_documents",
]


class Command(BaseCommand):
    help = (
        "Fill the database with the demo practice. Safe to run again: it updates, never duplicates."
    )

    def handle(self, *args, **options):
        # The demo makes staff accounts whose passwords are printed in the README: they must
        # never exist in a production database, so the command runs only with DEBUG on.
        if not settings.DEBUG:
            raise CommandError(
                "load_demo runs only with DEBUG=1: it creates staff accounts whose passwords "
                "are published in the README. Never load the demo into production."
            )
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                importlib.import_module(module_name).load()
                self.stdout.write(f"loaded {module_name}")
            # Here rather than by a worker, so the demo's pages are whole at once.
            make_missing_renditions()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

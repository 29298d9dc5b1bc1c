import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from core.images import make_missing_renditions

# Order matters: later apps refer to rows made by earlier ones.
DEMO_MODULES = [
    "home.demo",
    "treatments.demo",
    "locations.demo",
    "testimonials.demo",
    "appointments.demo",
    "notices.demo",
    # The Spanish, after appointments.demo has made the translator who reviews it.
    "home.demo_es",
    "treatments.demo_es",
    "locations.demo_es",
    "notices.demo_es",
]


class Command(BaseCommand):
    help = (
        "Fill the database with the demo practice. Safe to run again: it updates, never duplicates."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                importlib.import_module(module_name).load()
                self.stdout.write(f"loaded {module_name}")
            # Here rather than by a worker, so the demo's pages are whole at once.
            make_missing_renditions()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

from django.core.management.base import BaseCommand

from locations.gazetteer import fill_gazetteer


class Command(BaseCommand):
    help = "Fill the offline ZIP code gazetteer from the zipcodes package. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--state", action="append", help="Only this state (repeatable).")

    def handle(self, *args, state=None, **options):
        added = fill_gazetteer(set(state) if state else None)
        self.stdout.write(self.style.SUCCESS(f"Gazetteer ready ({added} places added)."))

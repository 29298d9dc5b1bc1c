import time

from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index from the published content."

    def handle(self, *args, **options):
        started = time.perf_counter()
        total = rebuild()
        elapsed = (time.perf_counter() - started) * 1000
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} entries in {elapsed:.0f} ms."))

"""Office search at scale: 10,000 generated offices, p95 through the Django test client.

Run: .venv/bin/python bench/search_bench.py            (SQLite, a throwaway file)
     DATABASE_URL=postgres://... .venv/bin/python bench/search_bench.py
The site footer lists every published office (clinic_site's footer_offices), so at 10,000
offices each page carries 10,000 footer links; run with BENCH_FOOTER=off to stub that tag out
and time the search alone. It builds a scratch test database (test_<name>), never touches
your own data, pins itself to one core, and prints p50/p95 per search and the SQL query count
at 100 and at 10,000 offices.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import django

django.setup()

if os.environ.get("BENCH_FOOTER") == "off":
    from clinic_site.templatetags import clinic

    clinic.register.simple_tag(lambda: [], name="footer_offices")

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

QUERIES = ["21740", "Hagerstown, MD", "123 Main St, Elkridge, MD 21075", "Weston Florida",
           "Hialeah", "Columbia", "Pennsylvania", "zzzz"]  # fmt: skip
POSITIONS = [(38.45, -78.87), (40.71, -74.0), (34.05, -118.24), (41.88, -87.63)]
ROUNDS = 30


def make_offices(total):
    from clinic_site.states import STATE_NAMES
    from locations.models import Location, OpeningHours, Place

    have = Location.objects.count()
    places = list(Place.objects.filter(is_primary=True, state__in=STATE_NAMES).exclude(latitude=0).values_list("zip_code", "city", "state", "latitude", "longitude", "time_zone"))  # fmt: skip  # noqa: E501
    rng = random.Random(total)
    new = []
    for n in range(have, total):
        zip_code, city, state, lat, lng, tz = rng.choice(places)
        new.append(Location(
            name=f"Office {n}", slug=f"bench-{n}", street_address=f"{n} Bench Road", city=city,
            state=state, zip_code=zip_code, latitude=f"{lat:.6f}", longitude=f"{lng:.6f}",
            phone="(555) 010-0100", time_zone=tz, is_published=True,
        ))  # fmt: skip
    created = Location.objects.bulk_create(new, batch_size=2000)
    OpeningHours.objects.bulk_create(
        [OpeningHours(location=o, weekday=d, opens="08:00", closes="17:00") for o in created for d in range(5)],  # noqa: E501
        batch_size=5000,
    )  # fmt: skip


def measure(client):
    timings, counts = [], set()
    urls = [f"/locations/?q={q}" for q in QUERIES] + [
        f"/locations/?q=21740&radius={r}" for r in (10, 25, 50, 100)
    ] + [f"/locations/?lat={lat}&lng={lng}" for lat, lng in POSITIONS]  # fmt: skip
    for round_number in range(ROUNDS):
        for url in urls:
            # A fresh address each time misses the page cache but keeps the footer's cache.
            fresh = f"{url}&round={round_number}"
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(fresh)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
            counts.add(len(queries))
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "max_queries": max(counts),
    }


def main():
    from django.test import Client

    from locations.gazetteer import fill_gazetteer

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=True)
    try:
        fill_gazetteer()
        client = Client()
        print(f"database: {connection.vendor}, one core, {ROUNDS} rounds of 16 searches")
        for size in (100, 10_000):
            make_offices(size)
            cache.clear()
            client.get("/locations/?q=21740")  # warm imports, templates and the footer cache
            result = measure(client)
            print(
                f"{size:>6} offices: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, "
                f"at most {result['max_queries']} SQL queries per search"
            )
    finally:
        from locations.models import Location

        Location.objects.filter(slug__startswith="bench-").delete()
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=True)


if __name__ == "__main__":
    main()

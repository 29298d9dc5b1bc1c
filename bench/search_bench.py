"""Office search at scale: 10,000 generated offices, p95 through the Django test client.

Run: .venv/bin/python bench/search_bench.py            (SQLite, a scratch file)
     DATABASE_URL=postgres://... .venv/bin/python bench/search_bench.py
It builds a scratch test database (test_<name>), never touches your own data, pins itself to
one core, and prints p50/p95 per search and the SQL query count at 100 and at 10,000 offices.
The page cache is missed on purpose (each page is dropped from it before it is asked for
again); the footer and the geocoder's answers are cached as they are in production.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
BENCH_CORE = min(os.sched_getaffinity(0))
os.sched_setaffinity(0, {BENCH_CORE})

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

QUERIES = ["21740", "Hagerstown, MD", "123 Main St, Elkridge, MD 21075", "Weston Florida",
           "Hialeah", "Columbia", "Hagerstown", "Weston", "Pennsylvania", "zzzz"]  # fmt: skip
POSITIONS = [(38.45, -78.87), (40.71, -74.0), (34.05, -118.24), (41.88, -87.63)]
ROUNDS = 30


def make_offices(total):
    from core.states import STATE_NAMES
    from locations.models import Location, OpeningHours, Place

    have = Location.objects.count()
    places = list(Place.objects.filter(is_primary=True, state__in=STATE_NAMES).exclude(latitude=0).values_list("zip_code", "city", "state", "latitude", "longitude", "time_zone"))  # fmt: skip  # noqa: E501
    rng = random.Random(total)
    new = []
    for n in range(have, total):
        zip_code, city, state, lat, lng, tz = rng.choice(places)
        new.append(Location(
            name=f"Office {n}", slug=f"bench-{n}", street_address=f"{n} Bench Road", city=city,
            state=state, zip_code=zip_code, latitude=lat, longitude=lng,
            phone="(555) 010-0100", time_zone=tz, is_published=True,
        ))  # fmt: skip
    created = Location.objects.bulk_create(new, batch_size=2000)
    OpeningHours.objects.bulk_create(
        [OpeningHours(location=o, weekday=d, opens="08:00", closes="17:00") for o in created for d in range(5)],  # noqa: E501
        batch_size=5000,
    )  # fmt: skip
    # Fresh statistics for the query planner, as autovacuum keeps them in production.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def measure(client):
    from django.test import RequestFactory

    from core.caching import page_key

    urls = [f"/locations/?q={q}" for q in QUERIES] + [
        f"/locations/?q=21740&radius={r}" for r in (10, 25, 50, 100)
    ] + [f"/locations/?lat={lat}&lng={lng}" for lat, lng in POSITIONS]  # fmt: skip
    # The finder redirects a parameter it does not read, so each address stays the same and
    # its page is dropped from the cache before it is asked for.
    keys = {url: page_key(RequestFactory().get(url)) for url in urls}
    counts = set()
    for url in urls:  # counted apart from the timing: capturing SQL costs time of its own
        cache.delete(keys[url])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts.add(len(queries))
    timings = []
    for _round in range(ROUNDS):
        for url in urls:
            cache.delete(keys[url])
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "max_queries": max(counts),
    }


def keep_database_server_off_our_core():
    """PostgreSQL's server process for this connection runs on the other cores.

    In production the database has a machine of its own; sharing the bench's one core made
    runs differ by 50% depending on where the scheduler put the server.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (server_pid,) = cursor.fetchone()
    other_cores = set(range(os.cpu_count() or 1)) - {BENCH_CORE}
    try:
        os.sched_setaffinity(server_pid, other_cores)
    except (PermissionError, OSError, ValueError) as error:
        print(f"(the database server shares the bench's core: {error})")


def main():
    from django.test import Client

    from clinic_site.gc_tuning import collect_less_often, freeze_startup_objects
    from locations.gazetteer import fill_gazetteer

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    if connection.vendor == "sqlite":  # a file, as the site runs; not the in-memory test default
        scratch = Path(tempfile.gettempdir()) / "clinic-search-bench.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(scratch)
    # A new scratch database each run, so no vacuuming of an earlier run's rows runs alongside.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        keep_database_server_off_our_core()
        fill_gazetteer()
        client = Client()
        searches = len(QUERIES) + 4 + len(POSITIONS)
        print(f"database: {connection.vendor}, one core, {ROUNDS} rounds of {searches} searches")
        for size in (100, 10_000):
            make_offices(size)
            cache.clear()
            client.get("/locations/?q=21740")  # warm imports, templates and the footer cache
            # The garbage collector set as in a gunicorn worker (clinic_site/gunicorn.py).
            freeze_startup_objects()
            collect_less_often()
            result = measure(client)
            print(
                f"{size:>6} offices: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, "
                f"at most {result['max_queries']} SQL queries per search"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

"""Online booking under load: the slot race and the slot listing.

Run: DATABASE_URL=postgres://... .venv/bin/python bench/booking_bench.py
It builds a scratch test database (test_<name>), never touches your own data, and prints:
- the race: 200 patients, each in their own thread, try at the same moment to hold one of the
  same 10 slots; one who is told the time was taken tries the next free one, as the slot page
  offers it. At most DATABASE_SLOTS of them hold a database connection at once, as behind an
  app server's pool (PostgreSQL allows 100 connections by default, shared with others).
  Expected: exactly 10 holds, 190 told, 0 errors, no two active bookings of one provider
  overlap.
- the listing: free_slots() for one office with 20 providers, each available every weekday,
  a week at a time across 4 weeks: p50/p95 over the rounds, and its query count.
The race needs PostgreSQL (SQLite serializes writers; the bench says so and skips it).
"""

import os
import statistics
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PATIENTS = 200
DATABASE_SLOTS = 40
SLOTS = 10
PROVIDERS = 20
ROUNDS = 50
NOW = datetime(2030, 1, 2, 17, tzinfo=UTC)
MONDAY = date(2030, 1, 7)


def build():
    from booking.models import AppointmentType, WeeklyAvailability
    from locations.models import Location, Provider

    office = Location.objects.create(
        name="Bench", slug="bench", street_address="1 Bench Road", city="Hagerstown",
        state="MD", zip_code="21740", phone="(301) 555-0100", is_published=True,
        latitude=39.63, longitude=-77.74, coordinates_set_by_hand=True,
    )  # fmt: skip
    visit = AppointmentType.objects.create(
        name="Visit", slug="visit", duration_minutes=30, bookable_online=True, horizon_days=60
    )
    providers = [
        Provider.objects.create(
            name=f"Dr. Bench {n}",
            slug=f"bench-{n}",
            credentials="MD",
            languages="en",
            is_published=True,
        )
        for n in range(PROVIDERS)
    ]
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(
            provider=p,
            location=office,
            appointment_type=visit,
            weekday=d,
            starts=clock(9),
            ends=clock(17),
        )
        for p in providers
        for d in range(5)
    )
    return office, visit, providers


def race(office, visit, provider):
    from booking.models import Booking
    from booking.services import SlotUnavailable, booking_hold
    from booking.slots import free_slots

    tokens = [
        s.token
        for s in free_slots(
            location=office,
            appointment_type=visit,
            first_day=MONDAY,
            days=1,
            provider=provider,
            now=NOW,
        )
    ][:SLOTS]
    start = threading.Event()
    pool = threading.BoundedSemaphore(DATABASE_SLOTS)
    outcomes, lock = [], threading.Lock()

    def patient(n):
        result = "error"
        start.wait()
        pool.acquire()
        try:
            for attempt in range(SLOTS):
                try:
                    booking_hold(
                        location=office, appointment_type=visit,
                        slot_token=tokens[(n + attempt) % SLOTS], now=NOW,
                    )  # fmt: skip
                    result = "held"
                    break
                except SlotUnavailable:
                    result = "told"
        except Exception as error:  # counted, never hidden
            result = f"error {type(error).__name__}"
        finally:
            connections.close_all()
            pool.release()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=patient, args=(n,)) for n in range(PATIENTS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    start.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    active = list(
        Booking.objects.taking_time(NOW)
        .filter(provider=provider)
        .values_list("starts_at", "ends_at")
    )
    overlaps = sum(
        1 for i, a in enumerate(active) for b in active[i + 1 :] if a[0] < b[1] and b[0] < a[1]
    )
    counts = {kind: outcomes.count(kind) for kind in sorted(set(outcomes))}
    print(f"race: {PATIENTS} patients, {SLOTS} slots, {elapsed:.2f} s: {counts}, "
          f"{len(active)} active bookings, {overlaps} overlapping")  # fmt: skip


def listing(office, visit):
    from booking.slots import free_slots

    timings = []
    for n in range(ROUNDS):
        first = MONDAY + timedelta(days=7 * (n % 4))
        began = time.perf_counter()
        free_slots(location=office, appointment_type=visit, first_day=first, days=7, now=NOW)
        timings.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        count = len(free_slots(location=office, appointment_type=visit, first_day=MONDAY, now=NOW))
    p95 = statistics.quantiles(timings, n=20)[-1]
    p50 = statistics.median(timings)
    print(f"listing: {PROVIDERS} providers x 4 weeks, {count} slots a week: "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, {len(queries)} queries")  # fmt: skip


def main():
    import search.index

    # The scratch rows need no search index (and its rebuild cannot yet read the NULL
    # translated columns of rows made outside the admin).
    search.index.schedule_rebuild = lambda: None
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        office, visit, providers = build()
        listing(office, visit)
        if connection.vendor == "postgresql":
            race(office, visit, providers[0])
        else:
            print("race: skipped (needs PostgreSQL: SQLite lets one writer in at a time)")
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

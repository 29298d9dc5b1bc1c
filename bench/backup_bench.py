"""Backup and restore times at the demo's size and at a busy practice's five years.

Run: DATABASE_URL=postgres://... .venv/bin/python bench/backup_bench.py
It builds a scratch database (<name>_bench), never touches your own data, loads the
demo, and times `manage.py backup_site` and `manage.py restore_site` as an operator runs them
(separate processes, Django's start-up included), into a scratch database that is dropped
afterwards. Then it grows the data to five years of a busy practice (YEARS_OF_REQUESTS
requests, AUDIT_PER_REQUEST audit entries each, a booking every half hour for BOOKINGS
slots, the demo's media ten times over) and times both again.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
os.environ["DEBUG"] = "1"  # load_demo runs only with DEBUG on
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="backup-bench-media-"))
os.environ["MEDIA_ROOT"] = str(MEDIA_ROOT)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

YEARS_OF_REQUESTS = 50_000  # about 30 a working day
AUDIT_PER_REQUEST = 10
BOOKINGS = 10_000
MEDIA_COPIES = 10
BATCH = 5_000


def grow_five_years():
    from appointments.factories import AppointmentRequestFactory
    from appointments.models import AppointmentRequest, AuditLogEntry
    from booking.models import AppointmentType, Booking
    from locations.models import Location

    office = Location.objects.published().first()
    provider = office.providers.published().first()
    visit = AppointmentType.objects.first()
    now = datetime.now(UTC)
    for _batch in range(YEARS_OF_REQUESTS // BATCH):
        made = AppointmentRequest.objects.bulk_create(
            AppointmentRequestFactory.build(location=office, callback_due_at=now)
            for _ in range(BATCH)
        )
        AuditLogEntry.objects.bulk_create(
            AuditLogEntry(action="view", reference=row.reference, client_address="203.0.113.40")
            for row in made
            for _ in range(AUDIT_PER_REQUEST)
        )
    first = datetime(2031, 1, 6, 14, tzinfo=UTC)
    Booking.objects.bulk_create(
        Booking(
            provider=provider,
            location=office,
            appointment_type=visit,
            starts_at=first + timedelta(minutes=30 * n),
            ends_at=first + timedelta(minutes=30 * n + 20),
            hold_expires_at=first,
            status=Booking.Status.CONFIRMED,
        )
        for n in range(BOOKINGS)
    )
    originals = [p for p in MEDIA_ROOT.rglob("*") if p.is_file()]
    for n in range(1, MEDIA_COPIES):
        for path in originals:
            copy = MEDIA_ROOT / f"copy-{n}" / path.relative_to(MEDIA_ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)


def manage(*arguments, database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return time.perf_counter() - started, output


def drill(label, database_url, scratch):
    folder, restored = scratch / f"{label}-backup", f"{connection.settings_dict['NAME']}_restored"
    backup_seconds, report = manage("backup_site", str(folder), database_url=database_url)
    print(f"--- {label}: backup_site {backup_seconds:.1f} s wall\n{report}")
    restored_url = database_url.rsplit("/", 1)[0] + f"/{restored}"
    try:
        restore_seconds, report = manage(
            "restore_site",
            str(folder),
            f"--database-url={restored_url}",
            f"--media-root={scratch / f'{label}-media'}",
            database_url=database_url,
        )
        print(f"--- {label}: restore_site {restore_seconds:.1f} s wall\n{report}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


def main():
    if connection.vendor != "postgresql":
        sys.exit("The drill is for PostgreSQL: set DATABASE_URL=postgres://...")
    scratch = Path(tempfile.mkdtemp(prefix="backup-bench-"))
    connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    try:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        drill("demo", database_url, scratch)
        grow_five_years()
        drill("five-years", database_url, scratch)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(scratch)
        shutil.rmtree(MEDIA_ROOT)


if __name__ == "__main__":
    main()

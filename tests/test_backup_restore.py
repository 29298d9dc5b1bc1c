"""The backup and restore drill: a practice that lost its database gets the same site back.

The demo site, with patients' requests, the front desk's audit trail and online bookings, is
backed up with backup_site and restored with restore_site into a new database and a new media
folder; a real gunicorn on each database then serves the same pages and the same pictures.
The media bucket is drilled against moto's S3 server on loopback.
"""

import io
import json
import os
import re
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from moto.server import ThreadedMotoServer

from appointments.demo import FRONT_DESK
from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest, AuditLogEntry
from booking.factories import BookingFactory
from booking.models import AppointmentType, Booking
from core import backup
from locations.models import Location
from treatments.factories import simple_pdf
from treatments.models import Treatment

from .test_proxy import free_port, wait_for_port

REPO = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the drill is for PostgreSQL (pg_dump, pg_restore); backup_site refuses SQLite",
    ),
    # Committed rows: pg_dump reads the database from a connection of its own.
    pytest.mark.django_db(transaction=True),
]
# Per-request tokens (CSP nonce, CSRF) differ between any two responses, on any one server.
PER_REQUEST = re.compile(r'(nonce|csrfmiddlewaretoken" value|csrf-token" content)="[^"]*"')


@pytest.fixture
def new_database():
    """A name for the restore's database, dropped afterwards with whatever is in it."""
    db = {**connection.settings_dict, "NAME": f"{connection.settings_dict['NAME']}_restored"}
    yield db
    with backup.connect(db, dbname="postgres") as server:
        server.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')


def database_url(db):
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def fill_the_site(settings):
    settings.DEBUG = True  # load_demo runs only with DEBUG on
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    office = Location.objects.published().first()
    for last_name in ("Quill", "Marsh", "Okafor"):
        AppointmentRequestFactory(location=office, last_name=last_name)
    # The front desk opens every request: one audit entry each.
    desk = get_user_model().objects.get(groups__name=FRONT_DESK)
    staff = Client()
    staff.force_login(desk)
    for pk in AppointmentRequest.objects.values_list("pk", flat=True):
        url = reverse("admin:appointments_appointmentrequest_change", args=[pk])
        assert staff.get(url, REMOTE_ADDR="203.0.113.40").status_code == 200
    consult = AppointmentType.objects.first()
    provider = office.providers.published().first()
    monday = datetime(2030, 1, 7, 14, tzinfo=UTC)
    for days, status in enumerate(Booking.Status.values[:3]):
        BookingFactory(
            provider=provider,
            location=office,
            appointment_type=consult,
            starts_at=monday + timedelta(days=days),
            status=status,
        )


def rows(db, model):
    table = model._meta.db_table
    with backup.connect(db) as database:
        return database.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608


def start_gunicorn(db, media_root, log):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(db),
        "MEDIA_ROOT": str(media_root),
        "SERVE_MEDIA": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    env.pop("GUNICORN_CMD_ARGS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "clinic_site/gunicorn.py", "clinic_site.wsgi"],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    wait_for_port(port, process)
    return process, port


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        assert response.status == 200, path
        return response.read()


def key_pages():
    treatment = Treatment.objects.published().exclude(hero_image="").first()
    office = Location.objects.published().exclude(photo="").first()
    pages = []
    for language in ("en", "es"):
        with translation.override(language):
            pages += [reverse("home"), treatment.get_absolute_url()]
            pages += [office.get_absolute_url()]
    return pages


def test_a_restored_backup_serves_the_same_pages_requests_bookings_and_audit_log(
    settings, tmp_path, new_database
):
    fill_the_site(settings)
    original = connection.settings_dict
    folder, restored_media = tmp_path / "backup", tmp_path / "restored-media"
    call_command("backup_site", folder, stdout=io.StringIO())

    report = call_command_output(
        "restore_site",
        folder,
        database_url=database_url(new_database),
        media_root=restored_media,
    )
    assert "Verified:" in report

    for model in (AppointmentRequest, AuditLogEntry, Booking):
        assert rows(new_database, model) == rows(original, model)
    assert len(rows(new_database, AuditLogEntry)) == AppointmentRequest.objects.count() >= 6
    assert len(rows(new_database, Booking)) == 3

    # The audit log's trigger came back: the restored log refuses to be rewritten.
    with (
        backup.connect(new_database) as restored,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="cannot be changed or deleted"),
    ):
        restored.execute("UPDATE appointments_auditlogentry SET details = 'nothing to see'")

    # A second restore into the same database is refused, and leaves it as it was.
    with pytest.raises(CommandError, match="not empty"):
        call_command_output(
            "restore_site",
            folder,
            database_url=database_url(new_database),
            media_root=tmp_path / "other-media",
        )
    assert rows(new_database, Booking) == rows(original, Booking)

    servers = [
        start_gunicorn(original, settings.MEDIA_ROOT, tmp_path / "original.log"),
        start_gunicorn(new_database, restored_media, tmp_path / "restored.log"),
    ]
    try:
        (_, before), (_, after) = servers
        pictures = set()
        for path in key_pages():
            page = fetch(before, path).decode()
            assert PER_REQUEST.sub("", fetch(after, path).decode()) == PER_REQUEST.sub("", page)
            pictures.update(re.findall(r"/media/[^\s\"',)]+", page))
        assert len(pictures) >= 3
        for picture in pictures:
            assert fetch(after, picture) == fetch(before, picture), picture
    finally:
        for process, _port in servers:
            process.terminate()
            process.wait(timeout=10)


def call_command_output(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_a_restore_that_differs_from_the_backup_is_reported_not_passed(
    settings, tmp_path, new_database
):
    (settings.MEDIA_ROOT / "home").mkdir(parents=True)
    (settings.MEDIA_ROOT / "home" / "front-door.jpg").write_bytes(b"the front door")
    folder = tmp_path / "backup"
    call_command("backup_site", folder, stdout=io.StringIO())
    # A backup damaged on its way back: one picture changed, one table's count wrong.
    (folder / "media" / "home" / "front-door.jpg").write_bytes(b"the back door")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["database"]["tables"]["appointments_auditlogentry"] = 7
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError) as refused:
        call_command_output(
            "restore_site",
            folder,
            database_url=database_url(new_database),
            media_root=tmp_path / "restored-media",
        )
    assert "table appointments_auditlogentry: 0 rows, the backup had 7" in str(refused.value)
    assert "media home/front-door.jpg: checksum differs" in str(refused.value)


@pytest.fixture
def s3(monkeypatch):
    """moto's S3 API server on a loopback port, reached as django-storages reaches S3."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    for name, value in {
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "drill",
        "AWS_SECRET_ACCESS_KEY": "drill",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    yield boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}")
    server.stop()


def test_the_media_bucket_comes_back_in_a_new_bucket_with_its_download_headers(
    s3, tmp_path, new_database
):
    s3.create_bucket(Bucket="clinic-media")
    immutable = "public, max-age=31536000, immutable"
    form = simple_pdf("Registration form")
    s3.put_object(
        Bucket="clinic-media",
        Key="patient-documents/registration.pdf",
        Body=form,
        ContentType="application/pdf",
        ContentDisposition="attachment",
        CacheControl=immutable,
    )
    picture = bytes(range(256)) * 400
    s3.put_object(
        Bucket="clinic-media", Key="treatments/spine.webp", Body=picture, ContentType="image/webp"
    )
    folder = tmp_path / "backup"
    call_command("backup_site", folder, bucket="clinic-media", stdout=io.StringIO())

    # Into the bucket it came from (not empty): refused before anything is written.
    with pytest.raises(CommandError, match="not empty"):
        call_command_output(
            "restore_site", folder, database_url=database_url(new_database), bucket="clinic-media"
        )
    report = call_command_output(
        "restore_site",
        folder,
        database_url=database_url(new_database),
        bucket="clinic-media-restored",
    )
    assert "2 media checksums match" in report
    restored_form = s3.get_object(
        Bucket="clinic-media-restored", Key="patient-documents/registration.pdf"
    )
    assert restored_form["Body"].read() == form
    assert restored_form["ContentType"] == "application/pdf"
    assert restored_form["ContentDisposition"] == "attachment"
    assert restored_form["CacheControl"] == immutable
    restored_picture = s3.get_object(Bucket="clinic-media-restored", Key="treatments/spine.webp")
    assert restored_picture["Body"].read() == picture
    assert restored_picture["ContentType"] == "image/webp"


def test_backup_site_refuses_sqlite_and_says_what_to_do_instead(monkeypatch, tmp_path):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match=r"copy db\.sqlite3 and the media folder"):
        call_command("backup_site", tmp_path / "backup")
    assert not (tmp_path / "backup").exists()

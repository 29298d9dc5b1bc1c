"""What patients and staff see when a part of the system fails, and that nothing is lost."""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinic_site.settings import shared_cache
from core import ratelimit
from core.cache_connection import FailFastConnection
from core.spam import started_token
from core.tasks import send_email


@pytest.fixture
def cache_at(settings):
    """Point the site's cache, configured as in production, at an address."""

    def configure(location):
        FailFastConnection._down_until = 0.0
        settings.CACHES = {"default": shared_cache(location), "ratelimit": shared_cache(location)}

    yield configure
    FailFastConnection._down_until = 0.0


@pytest.fixture
def cache_server_down(cache_at):
    """Nothing listens at the cache's address: connecting is refused."""
    cache_at("redis://127.0.0.1:1/0")


@pytest.fixture
def hung_server():
    """A server on a loopback port that accepts connections and then never answers."""
    server = socket.create_server(("127.0.0.1", 0), backlog=64)
    connections = []

    def accept():
        with contextlib.suppress(OSError):
            while True:
                connections.append(server.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1], connections
    server.close()


@pytest.fixture
def hung_cache_server(cache_at, hung_server):
    """A cache server that accepts connections and then never answers."""
    port, connections = hung_server
    cache_at(f"redis://127.0.0.1:{port}/0")
    return connections


def test_pages_still_serve_when_the_cache_server_is_unreachable(client, demo, cache_server_down):
    response = client.get("/")
    assert response.status_code == 200
    assert "Get back to the life that pain put on hold" in response.content.decode()


def test_a_hung_cache_server_is_waited_on_once_not_on_every_page(client, demo, hung_cache_server):
    assert "Get back to the life" in client.get("/").content.decode()
    tried = len(hung_cache_server)
    assert tried >= 1
    for url in ["/treatments/si-joint-fusion/", "/locations/", "/"]:
        assert client.get(url).status_code == 200
    assert len(hung_cache_server) == tried  # the pages after the first left the cache alone


def test_rate_limit_lets_patients_through_and_logs_when_the_cache_is_unreachable(
    db, cache_server_down, caplog
):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    with caplog.at_level(logging.WARNING):
        allowed = [ratelimit.allow(request, "test", limit=1, window_seconds=60) for _ in range(3)]
    assert allowed == [True, True, True]
    assert "rate limit for test not enforced: cache unavailable" in caplog.text


def test_rate_limit_holds_when_the_cache_is_up(db):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    allowed = [ratelimit.allow(request, "test", limit=2, window_seconds=60) for _ in range(3)]
    assert allowed == [True, True, False]


@pytest.fixture
def worker(transactional_db, tmp_path):
    """The real `db_worker` in its own process, on the test database; mail goes to files."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a shared database; CI runs this on PostgreSQL")
    db = connection.settings_dict
    outbox = tmp_path / "outbox"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }

    class Worker:
        def start(self, **overrides):
            return subprocess.Popen(
                # No autoreloader: the process started is the worker itself, so a kill reaches it.
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
                env={**env, **overrides},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        def run_until_idle(self, **overrides):
            subprocess.run(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--batch"],
                env={**env, **overrides},
                check=True,
                timeout=120,
                capture_output=True,
            )

        def sent_subjects(self):
            if not outbox.exists():
                return []
            text = "".join(f.read_text() for f in sorted(outbox.iterdir()))
            return [
                line.removeprefix("Subject: ")
                for line in text.splitlines()
                if line.startswith("Subject: ")
            ]

    return Worker()


def test_queued_emails_go_out_exactly_once_across_a_worker_stop_and_restart(worker):
    running = worker.start()
    try:
        send_email.enqueue(subject="first", body="A request arrived.", to=["desk@clinic.example"])
        deadline = time.monotonic() + 30
        while "first" not in worker.sent_subjects() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        running.send_signal(signal.SIGTERM)  # the worker stops gracefully between tasks
        running.wait(timeout=30)
    assert worker.sent_subjects() == ["first"]

    # Queued while no worker runs: kept, and sent once the worker is back.
    send_email.enqueue(subject="second", body="A request arrived.", to=["desk@clinic.example"])
    send_email.enqueue(subject="third", body="A request arrived.", to=["desk@clinic.example"])
    assert worker.sent_subjects() == ["first"]
    worker.run_until_idle()
    worker.run_until_idle()
    assert sorted(worker.sent_subjects()) == ["first", "second", "third"]


def test_mail_refused_by_the_server_is_kept_and_sent_once_the_server_is_back(worker):
    send_email.enqueue(subject="retry me", body="A request arrived.", to=["desk@clinic.example"])
    smtp_down = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_PORT": "1"}
    worker.run_until_idle(**smtp_down)
    assert worker.sent_subjects() == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()

    DBTaskResult.objects.filter(pk=retry.pk).update(
        run_after=timezone.now()
    )  # the back-off has passed
    worker.run_until_idle()
    worker.run_until_idle()
    assert worker.sent_subjects() == ["retry me"]


def test_a_worker_killed_mid_send_leaves_the_email_to_the_next_worker_who_sends_it_once(
    worker, hung_server
):
    port, mail_connections = hung_server
    send_email.enqueue(subject="mid-send", body="A request arrived.", to=["desk@clinic.example"])
    # This worker's mail server accepts the connection and never answers: it hangs mid-send.
    killed = worker.start(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
    )
    try:
        deadline = time.monotonic() + 30
        while not mail_connections and time.monotonic() < deadline:
            time.sleep(0.1)
        assert mail_connections, "the worker never reached the mail server"
    finally:
        killed.kill()  # SIGKILL: no handler runs, the task is left as it was
        killed.wait(timeout=10)
    task = DBTaskResult.objects.get()
    assert task.status == "RUNNING"  # and so it stayed, before the re-queue

    time.sleep(1.1)  # the next worker counts the task as stuck after a second
    worker.run_until_idle(TASK_TIMEOUT_SECONDS="1")
    assert worker.sent_subjects() == ["mid-send"]
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2  # the killed worker's claim, then the one that sent it


def test_a_request_that_fails_after_its_first_write_leaves_nothing_behind(client, demo, settings):
    from django_tasks_db.models import DBTaskResult

    from appointments.models import AppointmentRequest
    from locations.models import Location

    settings.APPOINTMENT_MIN_FILL_SECONDS = 0
    stored_before = AppointmentRequest.objects.count()  # the demo's fictional requests
    tasks_table = DBTaskResult._meta.db_table
    with connection.cursor() as cursor:  # the notification's insert, after the request's, will fail
        cursor.execute(f"ALTER TABLE {tasks_table} RENAME TO broken_task_queue")
    response = client.post(
        "/appointments/request/",
        {
            "first_name": "Quinlan",
            "last_name": "Marchetti",
            "phone": "410-555-0142",
            "location": Location.objects.published().first().pk,
            "consent_to_contact": "on",
            "consent_to_privacy_notice": "on",
            "started": started_token(seconds_ago=60),
            "idempotency_key": "5d0c9a7e-8c1f-4c55-9d57-0f6c2a1b3e44",
        },
    )
    assert response.status_code == 503
    assert "your request did NOT reach us" in response.content.decode()
    assert AppointmentRequest.objects.count() == stored_before

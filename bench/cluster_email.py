"""Every queued email sent exactly once, with two workers: appointment requests through nginx.

Run: make bench-cluster-email (5,000 requests; COUNT=... for another number). It starts the
cluster (deploy/cluster.py) on a fresh database `clinic_cluster_bench` (CLUSTER_DATABASE_URL
names another) and Redis database 12 (CLUSTER_REDIS_URL), sends COUNT appointment requests
through nginx from CONNECTIONS patients at once, each with its own email address, and counts
at the SMTP sink: every request must bring exactly one note to the office (subject "New
website request <reference>") and one confirmation to the patient, none twice, none missing.
Exits 1 if not. tests/cluster/test_email_once.py runs the same with fewer requests.

The app servers are restarted one at a time with a limit of a million requests per client
and hour, then back to the site's own: through nginx every patient here comes from 127.0.0.1.
"""

import os
import re
import signal
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from email.parser import BytesHeaderParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import redis  # noqa: E402

from deploy.cluster import APP_SERVERS, Cluster  # noqa: E402
from tests.cluster.visitor import (  # noqa: E402
    APPOINTMENT_FORM,
    Visitor,
    appointment_form,
    filled_in,
)

RATE_LIMIT_SCOPE = "appointments"  # appointments/views.py (imported only once Django is set up)
STAFF_SUBJECT = re.compile(r"New website request (\S+)")
PATIENT_SUBJECT = re.compile(r"We received your request \((\S+)\)")
# The fastest a person fills the form in: APPOINTMENT_MIN_FILL_SECONDS is 3, as in production.
FILL_SECONDS = 3.2


def restart_app_servers(cluster, **env):
    """One at a time, so nginx always has one to send patients to."""
    for name in APP_SERVERS:
        cluster.kill_app(name, signal.SIGTERM)
        cluster.start_app(name, **env)


@contextmanager
def rate_limit_lifted(cluster):
    """Both app servers with a limit no run reaches, then with the site's own again; the
    posts counted meanwhile (all from 127.0.0.1, through nginx) are forgotten."""
    restart_app_servers(cluster, APPOINTMENT_RATE_LIMIT="1000000")
    try:
        yield
    finally:
        restart_app_servers(cluster)
        shared = redis.Redis.from_url(cluster.redis_url)
        for key in shared.scan_iter(f"*ratelimit:{RATE_LIMIT_SCOPE}:*"):
            shared.delete(key)


def send_requests(cluster, count, connections=8):
    """POST `count` appointment requests through nginx; returns the patients' email addresses,
    the statuses answered, and the seconds it took."""
    run = uuid.uuid4().hex[:8]
    patients = [Visitor() for _ in range(connections)]
    forms = [appointment_form(p.get(cluster.proxy_url + APPOINTMENT_FORM).text) for p in patients]
    time.sleep(FILL_SECONDS)
    addresses = [f"patient-{run}-{number}@example.com" for number in range(count)]
    statuses = Counter()
    lock = threading.Lock()

    def send(number):
        patient = number % connections
        fields = filled_in(
            forms[patient],
            first_name="Load",
            last_name=f"Patient {number}",
            email=addresses[number],
        )
        answer = patients[patient].post(
            cluster.proxy_url + APPOINTMENT_FORM, data=fields, allow_redirects=False
        )
        confirmed = answer.status_code == 302 and answer.headers["Location"].endswith("/received/")
        with lock:
            statuses[answer.status_code if not confirmed else "confirmed"] += 1

    started = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        # Each patient's requests in turn on their own connection, as one browser sends them.
        list(
            pool.map(lambda p: [send(n) for n in range(p, count, connections)], range(connections))
        )
    return addresses, statuses, time.monotonic() - started


def wait_for_mail(cluster, expected, seconds):
    """Block until the sink holds `expected` messages or `seconds` have passed; then a
    little longer, so a message sent twice has the time to arrive twice."""
    deadline = time.monotonic() + seconds
    while cluster.mail_count() < expected and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(2)


def check_mail(cluster, addresses):
    """Per patient address and per stored reference: how many office notes and confirmations
    arrived. Returns a dict of findings; all-empty lists and equal counts mean exactly once."""
    placeholders = ", ".join(["%s"] * len(addresses))
    references = {
        reference
        for (reference,) in cluster.sql(
            f"SELECT reference FROM appointments_appointmentrequest WHERE email IN ({placeholders})",  # noqa: S608, E501
            *addresses,
        )
    }
    parser = BytesHeaderParser()
    to_patient, to_office = Counter(), Counter()
    for message in cluster.sent_mail():
        headers = parser.parsebytes(message)
        subject = str(headers["Subject"])
        if match := PATIENT_SUBJECT.search(subject):
            to_patient[(str(headers["To"]), match.group(1))] += 1
        elif (match := STAFF_SUBJECT.search(subject)) and match.group(1) in references:
            to_office[match.group(1)] += 1
    patients_told = Counter(address for address, _reference in to_patient.elements())
    return {
        "stored": len(references),
        "office notes": sum(to_office.values()),
        "confirmations": sum(patients_told[address] for address in addresses),
        "office notes missing": sorted(references - set(to_office)),
        "office notes twice": sorted(r for r, n in to_office.items() if n > 1),
        "confirmations missing": [a for a in addresses if patients_told[a] == 0],
        "confirmations twice": [a for a in addresses if patients_told[a] > 1],
    }


def main():
    count = int(os.environ.get("COUNT", "5000"))
    connections = int(os.environ.get("CONNECTIONS", "8"))
    database_url = os.environ.get(
        "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_cluster_bench"
    )
    redis_url = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/12")
    started = time.monotonic()
    with Cluster(database_url=database_url, redis_url=redis_url, fresh_database=True) as cluster:
        print(f"cluster ready in {time.monotonic() - started:.0f} s {cluster.timings}")
        with rate_limit_lifted(cluster):
            addresses, statuses, sending = send_requests(cluster, count, connections)
            print(
                f"{count} requests in {sending:.1f} s ({count / sending:.0f}/s): {dict(statuses)}"
            )
            waited = time.monotonic()
            wait_for_mail(cluster, expected=2 * count, seconds=600)
            print(
                f"{cluster.mail_count()} messages, the last"
                f" {time.monotonic() - waited - 2:.1f} s after the last request"
            )
        findings = check_mail(cluster, addresses)
    for name, value in findings.items():
        print(f"{name}: {value if isinstance(value, int) else len(value)}")
    exactly_once = (
        statuses == {"confirmed": count}
        and findings["stored"] == findings["office notes"] == findings["confirmations"] == count
        and not any(v for k, v in findings.items() if not isinstance(v, int))
    )
    print("every email sent exactly once" if exactly_once else "FAILED")
    return 0 if exactly_once else 1


if __name__ == "__main__":
    sys.exit(main())

"""A server lost under load; the throughput of one and two app servers: make bench-server-loss.

It starts the cluster (deploy/cluster.py) on a fresh database, then, with wrk driving patients'
page views through nginx at 16 connections:

1. both app servers for DURATION seconds: the throughput with two;
2. app server B stopped, A alone for DURATION seconds: the throughput with one;
3. both again, and LOSS_DURATION seconds in which app server A is killed (SIGKILL, as a lost
   machine) KILL_AT seconds in, and restarted DOWN_FOR seconds later; meanwhile patients send
   appointment requests through nginx, one every POST_EVERY seconds.

It prints wrk's figures for each run (requests per second, p50 and p99, errors), how long A
took to serve again, and what became of every appointment request: confirmed and stored once,
or told "not saved, please call" (and whether it was stored anyway). Exits 1 when a patient saw
an error on a page, a confirmation was false, or a request was stored twice.
"""

import os
import signal
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.cluster_email import FILL_SECONDS, rate_limit_lifted  # noqa: E402
from bench.run import run_wrk  # noqa: E402
from deploy.cluster import Cluster  # noqa: E402
from tests.cluster.visitor import APPOINTMENT_FORM, Visitor, appointment_form, filled_in  # noqa: E402

CONNECTIONS = 16
DURATION = int(os.environ.get("DURATION", "15"))
LOSS_DURATION = int(os.environ.get("LOSS_DURATION", "30"))
KILL_AT, DOWN_FOR, POST_EVERY = 5, 5, 0.25
# What patients read most, in both languages; the page cache serves them from Redis.
PAGES = [
    "/", "/treatments/", "/treatments/epidural-steroid-injection/", "/locations/",
    "/locations/weston/", "/es/", "/es/treatments/", "/providers/",
]  # fmt: skip
NOT_SAVED = "not saved"
# As rate_limit_lifted starts the servers: through nginx every patient here is 127.0.0.1.
LIFTED = {"APPOINTMENT_RATE_LIMIT": "1000000"}


def wrk(cluster, seconds):
    """wrk's figures for `seconds` of page views through nginx (wrk's own 2 s timeout)."""
    summary, _output = run_wrk(
        cluster.proxy_url, duration=seconds, connections=CONNECTIONS, threads=2, paths=PAGES,
        timeout=2,
    )  # fmt: skip
    return {
        "requests/s": round(summary["requests"] / (summary["duration_us"] / 1e6), 1),
        "p50": f"{summary['p50_us'] / 1000:.2f}ms",
        "p99": f"{summary['p99_us'] / 1000:.2f}ms",
        "non-2xx": summary["not_2xx"],
        "socket errors": sum(
            summary[kind] for kind in ("connect_errors", "read_errors", "write_errors", "timeouts")
        ),
    }


def patients_posting(cluster, stop, outcomes):
    """Appointment requests through nginx, one every POST_EVERY seconds, until `stop` is set;
    each outcome is (email, "confirmed" | "not saved" | the status)."""
    patients = [Visitor() for _ in range(4)]
    forms = [appointment_form(p.get(cluster.proxy_url + APPOINTMENT_FORM).text) for p in patients]
    time.sleep(FILL_SECONDS)
    number = 0
    while not stop.is_set():
        patient, form = patients[number % 4], forms[number % 4]
        email = f"loss-{uuid.uuid4().hex[:12]}@example.com"
        data = filled_in(form, first_name="Loss", last_name=f"Patient {number}", email=email)
        try:
            answer = patient.post(
                cluster.proxy_url + APPOINTMENT_FORM, data=data, allow_redirects=False
            )
            if answer.status_code == 302 and answer.headers["Location"].endswith("/received/"):
                outcomes.append((email, "confirmed"))
            elif answer.status_code == 502 and NOT_SAVED in answer.text.lower():
                outcomes.append((email, "not saved"))
            else:
                outcomes.append((email, answer.status_code))
        except OSError as error:
            outcomes.append((email, type(error).__name__))
        number += 1
        time.sleep(POST_EVERY)


def lose_server_a(cluster):
    """wrk and the patients' requests while A is killed and restarted; the figures."""
    stop, outcomes, took = threading.Event(), [], {}

    def kill_and_restart():
        time.sleep(KILL_AT)
        cluster.kill_app("a")
        killed = time.monotonic()
        time.sleep(DOWN_FOR)
        cluster.start_app("a", **LIFTED)  # returns once A answers /healthz
        took["down"] = time.monotonic() - killed

    posting = threading.Thread(target=patients_posting, args=(cluster, stop, outcomes))
    chaos = threading.Thread(target=kill_and_restart)
    posting.start()
    time.sleep(FILL_SECONDS + 0.5)  # the patients have their forms
    chaos.start()
    figures = wrk(cluster, LOSS_DURATION)
    chaos.join()
    stop.set()
    posting.join()
    return figures, took["down"], outcomes


def stored_per_email(cluster, emails):
    placeholders = ", ".join(["%s"] * len(emails))
    rows = cluster.sql(
        "SELECT email, count(*) FROM appointments_appointmentrequest "  # noqa: S608
        f"WHERE email IN ({placeholders}) GROUP BY email",
        *emails,
    )
    return dict(rows)


def main():
    database_url = os.environ.get(
        "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_cluster_loss"
    )
    redis_url = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/12")
    with Cluster(database_url=database_url, redis_url=redis_url, fresh_database=True) as cluster:
        wrk(cluster, 3)  # warm: every page in the cache, every worker started
        two = wrk(cluster, DURATION)
        cluster.kill_app("b", signal.SIGTERM)
        one = wrk(cluster, DURATION)
        cluster.start_app("b")
        with rate_limit_lifted(cluster):
            loss, down, outcomes = lose_server_a(cluster)
            stored = stored_per_email(cluster, [email for email, _ in outcomes])

    print(f"two app servers:  {two}")
    print(f"one app server:   {one}")
    print(f"A lost and back:  {loss}")
    print(f"A killed, restarted {DOWN_FOR} s later, serving again {down:.1f} s after the kill")
    told = Counter(outcome for _, outcome in outcomes)
    false_confirmations = [e for e, o in outcomes if o == "confirmed" and stored.get(e) != 1]
    doubled = [e for e, count in stored.items() if count > 1]
    stored_though_told = [e for e, o in outcomes if o == "not saved" and stored.get(e)]
    print(f"appointment requests: {dict(told)}")
    print(
        f"false confirmations: {len(false_confirmations)}, stored twice: {len(doubled)}, "
        f"told 'not saved' but stored (the front desk calls them): {len(stored_though_told)}"
    )
    page_errors = loss["non-2xx"] + loss["socket errors"]
    other = sum(n for outcome, n in told.items() if outcome not in ("confirmed", "not saved"))
    failed = page_errors or false_confirmations or doubled or other
    print("FAILED" if failed else "no patient saw an error; no request lost or doubled")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Load test of the appointment form: 50 clients send 5,000 requests to gunicorn on PostgreSQL.

    .venv/bin/python bench/appointments_bench.py [--clients 50] [--requests 5000]

It makes a fresh database (clinic_bench_appointments), migrates it, loads the demo
offices, collects static files, starts gunicorn on a loopback port with DEBUG off,
and drives the real form: GET for the CSRF cookie, token, fill-time token and
idempotency key, then POST. It then checks that every request was stored exactly
once, prints throughput and latency percentiles, and stops the server. Loopback
only; every loop is bounded in count and time.
"""

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "clinic_bench_appointments"
SERVER_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DEADLINE_SECONDS = 900
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
FIRST_OFFICE = re.compile(
    r'<select name="location"[^>]*>\s*<option value=""[^>]*>[^<]*</option>\s*<option value="(\d+)"'
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database():
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


class Client:
    """One patient's browser: a keep-alive connection and its own cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.conn = None

    def request(self, method, path, body=None):
        for attempt in range(2):  # a worker restart (max_requests) closes the connection once
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            cookies = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            headers = {"Host": "127.0.0.1", "Cookie": cookies}
            if body is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt or method == "POST":
                    raise
                continue
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response, data
        raise AssertionError("unreachable")


def submit(client, number, tag):
    """Fetch the form, send it; returns (POST seconds, error or None)."""
    response, page = client.request("GET", "/appointments/request/")
    if response.status != 200:
        return 0.0, f"GET {response.status}"
    html = page.decode()
    fields = dict(HIDDEN.findall(html))
    office = FIRST_OFFICE.search(html)
    if not office or not {"csrfmiddlewaretoken", "started", "idempotency_key"} <= fields.keys():
        return 0.0, "form fields missing"
    body = urllib.parse.urlencode(
        {
            **fields,
            "first_name": f"Bench{number}",
            "last_name": tag,
            "phone": f"410-555-01{number % 100:02d}",
            "location": office.group(1),
            "consent_to_contact": "on",
            "consent_to_privacy_notice": "on",
        }
    )
    started = time.perf_counter()
    response, _ = client.request("POST", "/appointments/request/", body)
    elapsed = time.perf_counter() - started
    if response.status != 302 or response.headers["Location"] != "/appointments/received/":
        return elapsed, f"POST {response.status}"
    return elapsed, None


def drive(port, clients, total, tag):
    counter = iter(range(total))
    lock = threading.Lock()
    latencies, errors = [], []
    deadline = time.monotonic() + DEADLINE_SECONDS

    def work():
        client = Client(port)
        while time.monotonic() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            try:
                elapsed, error = submit(client, number, tag)
            except Exception as exc:  # every failure is counted; none stops the run
                elapsed, error = 0.0, type(exc).__name__
            with lock:
                latencies.append(elapsed)
                if error:
                    errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, errors


def stored_counts(tag):
    with psycopg.connect(f"{SERVER_URL}/{DATABASE}") as conn:
        return conn.execute(
            "SELECT count(*), count(DISTINCT first_name), count(DISTINCT idempotency_key) "
            "FROM appointments_appointmentrequest WHERE last_name = %s",
            [tag],
        ).fetchone()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    port = free_port()
    env = {
        **os.environ,
        "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-"),
        "DATABASE_URL": f"{SERVER_URL}/{DATABASE}",
        "DEBUG": "0",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"),
        "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "APPOINTMENT_RATE_LIMIT": str(args.requests * 2),
        "APPOINTMENT_MIN_FILL_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_ACCESS_LOG": "0",
        "LOG_LEVEL": "WARNING",
    }
    print(f"Preparing {DATABASE} …", flush=True)
    fresh_database()
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # no rate-limit counts from earlier runs
    manage(env, "migrate", "--noinput")
    manage({**env, "DEBUG": "1"}, "load_demo")  # refused without DEBUG; a throwaway database
    manage(env, "collectstatic", "--noinput")

    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "clinic_site/gunicorn.py", "clinic_site.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                Client(port).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        tag = f"Run{int(time.time())}"
        print(f"{args.clients} clients sending {args.requests} requests …", flush=True)
        seconds, latencies, errors = drive(port, args.clients, args.requests, tag)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    rows, names, keys = stored_counts(tag)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0
    print(f"sent:        {len(latencies)} requests in {seconds:.1f} s")
    print(f"throughput:  {len(latencies) / seconds:.0f} submissions/s (each a GET and a POST)")
    print(f"POST p50:    {statistics.median(latencies) * 1000:.0f} ms")
    print(f"POST p99:    {p99 * 1000:.0f} ms")
    print(f"errors:      {len(errors)} {sorted(set(errors))[:5]}")
    print(f"stored:      {rows} rows, {names} distinct submissions, {keys} distinct keys")
    ok = not errors and rows == names == keys == args.requests
    print("RESULT:", "every request stored exactly once, zero errors" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

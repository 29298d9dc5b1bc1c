"""Run the site as production runs it, on loopback, for the measurements in this folder.

`prepare_site()` resets a PostgreSQL database of its own, migrates, collects static
files and loads the demo practice, all with production settings (DEBUG off, Redis
page cache). `running_site()` then starts gunicorn with clinic_site/gunicorn.py on a
free loopback port, waits for /healthz and always stops it on the way out, on
failure and on Ctrl-C too. run.py (wrk) and lighthouse.py both start the site here.
"""

import contextlib
import hashlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/clinic_bench"
# A Redis database number of the benchmark's own, so flushing it touches nobody else's cache.
DEFAULT_REDIS_DB = 7
WORKERS = 2

# Run inside `manage.py shell` with the site's settings: the URLs to measure, read
# from the database so they follow the content (the first published row of each kind).
_PICK_URLS = """
import json
from django.urls import NoReverseMatch, reverse
from locations.models import Location, Provider
from treatments.models import Treatment

def named(name, query=""):
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None

def first(rows):
    row = rows.published().first()
    return row.get_absolute_url() if row else None

print("BENCH_URLS " + json.dumps({
    "home": named("home"),
    "treatment": first(Treatment.objects),
    "si joint fusion": first(Treatment.objects.filter(slug="si-joint-fusion")),
    "location search": named("locations:index", "?q=21740"),
    "address search": named("locations:index", "?q=100+W+Washington+St%2C+Hagerstown%2C+MD"),
    "office": first(Location.objects),
    "provider": first(Provider.objects),
    "testimonials": named("testimonials:index"),
    "appointment request": named("appointments:request"),
    "reference": named("bench_reference"),
}))
"""


class BenchError(Exception):
    """A step of the benchmark failed; the message says which and what to look at."""


@dataclass(frozen=True)
class Site:
    port: int
    env: dict
    log_path: Path
    floor_port: int = 0

    @property
    def redis_url(self):
        return self.env["REDIS_URL"]

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def floor_url(self):
        return f"http://127.0.0.1:{self.floor_port}"


def free_loopback_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(*, port, database_url, redis_url):
    """Production settings, changed only where loopback demands it (no TLS, no real email)."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SITE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX="bench",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_THREADS="1",
        GUNICORN_ACCESS_LOG="0",
        BENCH_REFERENCE_VIEW="1",
        # Production keeps media on S3; here Django serves the demo images from a folder
        # of the benchmark's own, so pages (and Lighthouse) see real images.
        SERVE_MEDIA="1",
        MEDIA_ROOT=str(RESULTS / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    env.pop("GUNICORN_CMD_ARGS", None)
    return env


def _is_loopback(url):
    return urlsplit(url).hostname in {"127.0.0.1", "localhost", "::1"}


def ensure_services(database_url, redis_url):
    """Start PostgreSQL and Redis on loopback if they are not running, as .ci/run does."""
    if (
        _is_loopback(database_url)
        and subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=False
        ).returncode
    ):
        clusters = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
        if not clusters:
            raise BenchError("PostgreSQL is not running on 127.0.0.1:5432 and none is installed.")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1], "main", "start"],
            check=False,
        )
        for _ in range(30):
            if not subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode:
                break
            time.sleep(1)
        else:
            raise BenchError("PostgreSQL did not start on 127.0.0.1:5432.")
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        if not (_is_loopback(redis_url) and shutil.which("redis-server")):
            raise BenchError(f"Redis is not reachable at {redis_url}.") from None
        redis_server = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1"]
        subprocess.run(
            [*redis_server, "--port", "6379", "--save", "", "--appendonly", "no"], check=True
        )
        time.sleep(1)
        client.ping()


def reset_database(database_url):
    """Drop and create the benchmark's database. Refuses any name not starting clinic_bench."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name.startswith("clinic_bench"):
        raise BenchError(f"Refusing to reset {name!r}: the benchmark only resets clinic_bench*.")
    maintenance_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def flush_cache(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def _tail(path, lines=30):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def manage(env, log_path, *args):
    """Run a manage.py command with the site's environment; its output goes to the log."""
    with log_path.open("a") as log:
        log.write(f"\n$ manage.py {' '.join(args)}\n")
        log.flush()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode:
        raise BenchError(f"manage.py {args[0]} failed; the end of {log_path}:\n{_tail(log_path)}")


def pick_urls(env, log_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", _PICK_URLS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_URLS "):
            return json.loads(line.removeprefix("BENCH_URLS "))
    with log_path.open("a") as log:
        log.write(result.stdout + result.stderr)
    raise BenchError(f"Could not read the URLs from the database; see {log_path}.")


def prepare_site(*, database_url, redis_db, reuse_db=False, say=print):
    """Reset the database and cache, migrate, collect static files and load the demo."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_loopback_port()
    redis_url = f"redis://127.0.0.1:6379/{redis_db}"
    log_path = RESULTS / "site.log"
    log_path.write_text("")
    env = site_environment(port=port, database_url=database_url, redis_url=redis_url)
    ensure_services(database_url, redis_url)
    steps = [
        ("reset database", lambda: None if reuse_db else reset_database(database_url)),
        ("flush cache", lambda: flush_cache(redis_url)),
        ("migrate", lambda: manage(env, log_path, "migrate", "--noinput")),
        ("collectstatic", lambda: manage(env, log_path, "collectstatic", "--noinput")),
        # The demo refuses to load without DEBUG (its staff passwords are public); this
        # throwaway bench database is the one place it meets production settings.
        ("load_demo", lambda: manage({**env, "DEBUG": "1"}, log_path, "load_demo")),
    ]
    for label, step in steps:
        started = time.monotonic()
        step()
        say(f"  {label:<15} {time.monotonic() - started:5.1f} s")
    return Site(port=port, env=env, log_path=log_path, floor_port=free_loopback_port())


def fetch(site, path, timeout=10):
    """GET a path without following redirects; returns (status, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_healthy(site, process, timeout=60, path="/healthz"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(
                f"gunicorn exited with {process.returncode}; the end of {site.log_path}:\n"
                f"{_tail(site.log_path)}"
            )
        with contextlib.suppress(OSError):
            if fetch(site, path, timeout=2)[0] == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"{path} did not answer 200 within {timeout} s; see {site.log_path}.")


def _stop(process):
    """Graceful stop, then a hard one for the whole process group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    # The master and its workers share a process group of their own (start_new_session).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@contextlib.contextmanager
def _running(site, command, env, *, healthy=None):
    """A process of the bench's until the block ends, however it ends."""
    # A plain `kill` of the runner, or its terminal closing, must stop it too.
    previous = {
        signum: signal.signal(signum, lambda signum, _: sys.exit(128 + signum))
        for signum in (signal.SIGTERM, signal.SIGHUP)
    }
    log = site.log_path.open("ab")
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        if healthy:
            healthy(process)
        yield process
    finally:
        _stop(process)
        log.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def running_site(site):
    """gunicorn serving the site until the block ends, however it ends."""
    return _running(
        site,
        [sys.executable, "-m", "gunicorn", "-c", "clinic_site/gunicorn.py", "clinic_site.wsgi"],
        site.env,
        healthy=lambda process: _wait_healthy(site, process),
    )


def running_floor(site):
    """The bare Django floor (floor_app.py) under the same gunicorn configuration."""
    env = dict(site.env, GUNICORN_BIND=f"127.0.0.1:{site.floor_port}")
    floor = Site(port=site.floor_port, env=env, log_path=site.log_path)
    return _running(
        site,
        [sys.executable, "-m", "gunicorn", "-c", "clinic_site/gunicorn.py", "bench.floor_app"],
        env,
        healthy=lambda process: _wait_healthy(floor, process, path="/"),
    )


def running_worker(site):
    """The site's background worker (`manage.py db_worker`), which warms pages after a save."""
    return _running(site, [sys.executable, "manage.py", "db_worker", "--interval", "0.2"], site.env)


def warm(site, path, requests=20):
    """Fill the page cache and both workers' template caches; return (status, size in bytes)."""
    status, body = fetch(site, path)
    for _ in range(requests - 1):
        status, body = fetch(site, path)
    return status, len(body)


def is_page_cached(site, path):
    """Whether the shared cache holds this page, by the key core/caching.py builds.

    A diagnostic only: a content page that is not cached renders on every request.
    """
    import redis

    digest = hashlib.sha256(path.encode()).hexdigest()
    pattern = f"{site.env['CACHE_KEY_PREFIX']}:*:page:*:{digest}"
    client = redis.Redis.from_url(site.redis_url)
    return next(client.scan_iter(match=pattern, count=1000), None) is not None


def etag_of(site, path):
    """The ETag a page is served with, for the revalidation row."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        etag = response.getheader("ETag")
    finally:
        connection.close()
    if not etag:
        raise BenchError(f"{path} has no ETag: is it a cached public page?")
    return etag


# Run inside `manage.py shell` beside the worker: wait until it is idle, save a treatment
# as staff would, and time until every sitemap URL is in the page cache at the new version.
_WARM_UP = """
import json, time
from django.core.cache import cache
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult
from core.caching import content_version, page_key
from core.warmup import public_paths
from treatments.models import Treatment

deadline = time.monotonic() + 120
while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
    if time.monotonic() > deadline:
        raise SystemExit("the worker did not finish its queue within 120 s")
    time.sleep(0.2)
paths = public_paths()
requests = RequestFactory()
keys = {path: page_key(requests.get(path)) for path in paths}
Treatment.objects.published().first().save()
saved = time.monotonic()
waiting = list(paths)
while waiting and time.monotonic() - saved < 60:
    version = content_version()
    stored = cache.get_many([keys[path] for path in waiting])
    waiting = [p for p in waiting if (stored.get(keys[p]) or (None,))[0] != version]
    if waiting:
        time.sleep(0.05)
print("BENCH_WARM_UP " + json.dumps(
    {"pages": len(paths), "seconds": time.monotonic() - saved, "left": waiting}
))
"""


def measure_warm_up(site):
    """{"pages", "seconds", "left"}: the warm-up after one content save (the worker running)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", _WARM_UP],
        cwd=REPO,
        env=site.env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_WARM_UP "):
            return json.loads(line.removeprefix("BENCH_WARM_UP "))
    with site.log_path.open("a") as log:
        log.write(result.stdout + result.stderr)
    raise BenchError(f"The warm-up measurement failed; see {site.log_path}.")

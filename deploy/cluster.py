"""The site as it runs on several machines, on this one: `make cluster`.

Everything listens on 127.0.0.1 and runs with production settings (DEBUG off, a secret key,
the TOTP second factor for staff who see patient data):

- nginx from deploy/nginx.conf, load-balancing two gunicorn app servers, "a" and "b"
  (clinic_site/gunicorn.py), and serving the static files collected once;
- two `manage.py db_worker` processes sending email to an SMTP sink (deploy/smtp_sink.py),
  which keeps every message as a file;
- moto's S3 server as the media bucket: uploads go there and browsers fetch images from it;
- one PostgreSQL database and one Redis database shared by all of them, neither started
  here: the database is migrated and the demo practice loaded into it.

`python -m deploy.cluster` starts it and stops it on Ctrl-C (or SIGTERM, which
`python -m deploy.cluster stop` sends). Tests and benches use the class:

    with Cluster(database_url="postgres://...", redis_url="redis://...") as cluster:
        requests.get(cluster.proxy_url + "/")       # through nginx, to either app server
        requests.get(cluster.app_urls["b"] + "/")   # straight to app server b
        cluster.kill_app("a")                       # SIGKILL: a server lost mid-request
        cluster.start_app("a")                      # back, once it answers /healthz

Every process runs in a process group of its own, and stop() ends each whole group, so no
gunicorn worker outlives its master. Logs are in <workdir>/logs/.
"""

import argparse
import contextlib
import html
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP_SERVERS = ("a", "b")
WORKER_COUNT = 2
BUCKET = "clinic-media"
# The demo practice's name and phone, for the page nginx shows when no app server answers.
PRACTICE_NAME = "Keystone Spine & Pain Care"
PRACTICE_PHONE = "(301) 555-0100"
PRACTICE_TEL = "+13015550100"
# As they are filled into deploy/errors/*.html (and nginx.conf): the name as HTML.
PRACTICE_VALUES = {
    "PRACTICE_NAME": html.escape(PRACTICE_NAME),
    "PRACTICE_PHONE": PRACTICE_PHONE,
    "PRACTICE_TEL": PRACTICE_TEL,
}
ADMIN_URL = "staff/"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
# moto accepts any keys; these are only for the S3 client's signature.
S3_KEY_ID, S3_SECRET = "cluster", "cluster-not-a-secret"
PID_FILE = REPO / ".cluster.pid"
# What a process may take from the caller's environment; everything else is set here, so a
# test run's DJANGO_SETTINGS_MODULE or DEBUG=1 never leaks into a "production" server.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_binary():
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found is None:
        raise RuntimeError("nginx is not installed (`make test-tools` installs nginx-light)")
    return found


def wait_until(ready, what, process=None, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what}: not ready after {seconds} s")


def listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def healthy(url):
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


class Cluster:
    """Two app servers behind nginx, two workers, S3 and an SMTP sink; see the module's doc.

    database_url names a PostgreSQL database: created if it does not exist, or, with
    fresh_database, dropped and created anew at start and dropped again at stop. The Redis
    database in redis_url is emptied at start. Ports are chosen free unless proxy_port is given.
    """

    def __init__(
        self,
        *,
        database_url,
        redis_url,
        proxy_port=0,
        workdir=None,
        fresh_database=False,
        gunicorn_workers=2,
    ):
        self.database_url = database_url
        self.redis_url = redis_url
        self.fresh_database = fresh_database
        self.gunicorn_workers = gunicorn_workers
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="clinic-cluster-"))
        self.logs = self.workdir / "logs"
        self.mail_folder = self.workdir / "mail"
        self.secret_key = secrets.token_urlsafe(50)
        self.ports = {
            "proxy": proxy_port or free_port(),
            "s3": free_port(),
            "smtp": free_port(),
            **{name: free_port() for name in APP_SERVERS},
        }
        self.proxy_url = f"http://127.0.0.1:{self.ports['proxy']}"
        self.app_urls = {name: f"http://127.0.0.1:{self.ports[name]}" for name in APP_SERVERS}
        self.s3_url = f"http://127.0.0.1:{self.ports['s3']}"
        self.media_url = f"{self.s3_url}/{BUCKET}/"
        self.admin_url = f"/{ADMIN_URL}"
        self.processes = {}
        self.timings = {}  # seconds each step of start() took

    # The environment every Django process shares, as a production server's would be.
    def environment(self, **overrides):
        return {
            **{name: os.environ[name] for name in INHERITED if name in os.environ},
            "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
            "PYTHONUNBUFFERED": "1",
            "DEBUG": "0",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.proxy_url,
            "CSRF_TRUSTED_ORIGINS": self.proxy_url,
            # Plain HTTP on loopback: TLS would end at nginx or a load balancer in front.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "ADMIN_URL": ADMIN_URL,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "PROXY_COUNT": "1",
            "TRUSTED_PROXY_NETWORKS": "127.0.0.1/32",
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "no-media"),
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3_url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": S3_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": S3_SECRET,
            "AWS_S3_CUSTOM_DOMAIN": f"127.0.0.1:{self.ports['s3']}/{BUCKET}",
            "AWS_S3_URL_PROTOCOL": "http:",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.ports["smtp"]),
            "PRACTICE_NAME": PRACTICE_NAME,
            "PRACTICE_PHONE": PRACTICE_PHONE,
            **overrides,
        }

    def app_environment(self, name, **overrides):
        return self.environment(
            GUNICORN_BIND=f"127.0.0.1:{self.ports[name]}",
            GUNICORN_WORKERS=str(self.gunicorn_workers),
            GUNICORN_THREADS="1",
            GUNICORN_ACCESS_LOG="1",
            # Each server's own disk, which must stay empty: media live in the bucket.
            MEDIA_ROOT=str(self.workdir / f"disk-{name}"),
            **overrides,
        )

    def manage(self, *args, debug=False, **env):
        """Run a manage.py command against the cluster's database; returns its output."""
        environment = self.environment(**({"DEBUG": "1"} if debug else {}), **env)
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=environment,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self):
        self.logs.mkdir(parents=True, exist_ok=True)
        try:
            self._start_services()
            self._prepare_data()
            for name in APP_SERVERS:
                self.start_app(name, wait=False)
            for number in range(1, WORKER_COUNT + 1):
                self._spawn(
                    f"worker-{number}",
                    [sys.executable, "manage.py", "db_worker", "--interval", "0.5"],
                    self.environment(),
                )
            self._start_nginx()
            for name in APP_SERVERS:
                self._wait_for_app(name)
            wait_until(lambda: healthy(self.proxy_url), "nginx", self.processes["nginx"])
        except BaseException:
            self.stop(keep_logs=True)
            print(f"The cluster did not start; its logs are in {self.logs}/", file=sys.stderr)
            raise
        return self

    def stop(self, keep_logs=False):
        """End every process group this cluster started, then drop a fresh database."""
        for name in reversed(list(self.processes)):
            self._end(name, signal.SIGTERM)
        self.processes.clear()
        if self.fresh_database:
            self._drop_database()
        if self._own_workdir and not keep_logs:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def kill_app(self, name, sig=signal.SIGKILL):
        """End app server `name`, its master and workers: at once by default, as a lost
        machine would; with sig=signal.SIGTERM after the requests in flight are answered."""
        self._end(name, sig)

    def start_app(self, name, wait=True, **env):
        """Start app server `name` ("a" or "b") on its port again; with wait, return once it
        answers /healthz. Keyword arguments are settings for this server's environment only,
        e.g. start_app("a", APPOINTMENT_RATE_LIMIT="1000")."""
        running = self.processes.get(name)
        if running is not None and running.poll() is None:
            raise RuntimeError(f"app server {name} is running: kill_app({name!r}) first")
        self._spawn(
            name,
            [sys.executable, "-m", "gunicorn", "-c", "clinic_site/gunicorn.py", "clinic_site.wsgi"],
            self.app_environment(name, **env),
        )
        if wait:
            self._wait_for_app(name)

    def sql(self, query, *params):
        """The rows a query returns from the cluster's database (for checks, not changes)."""
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            return connection.execute(query, params).fetchall()

    def mail_count(self):
        """How many messages the SMTP sink has received."""
        return sum(1 for _ in self.mail_folder.glob("*.eml"))

    def sent_mail(self):
        """Every message the SMTP sink has received, whole, in the order it arrived."""
        return [path.read_bytes() for path in sorted(self.mail_folder.glob("*.eml"))]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def _spawn(self, name, args, env):
        with (self.logs / f"{name}.log").open("ab") as log:
            self.processes[name] = subprocess.Popen(
                args, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def _end(self, name, sig):
        process = self.processes.get(name)
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
        # Whatever is left of its group: gunicorn's workers, had the master gone first.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def _wait_for_app(self, name):
        process = self.processes[name]
        wait_until(lambda: healthy(self.app_urls[name]), f"app server {name}", process)

    def _start_services(self):
        self._spawn(
            "s3",
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.ports["s3"])],
            self.environment(),
        )
        self._spawn(
            "smtp",
            [sys.executable, "-m", "deploy.smtp_sink", str(self.ports["smtp"]), self.mail_folder],
            self.environment(),
        )
        for name in ("s3", "smtp"):
            port = self.ports[name]
            wait_until(lambda port=port: listening(port), name, self.processes[name])
        import boto3  # django-storages' own client, installed with it

        s3 = boto3.client(
            "s3",
            endpoint_url=self.s3_url,
            region_name="us-east-1",
            aws_access_key_id=S3_KEY_ID,
            aws_secret_access_key=S3_SECRET,
        )
        s3.create_bucket(Bucket=BUCKET)
        # Anyone may read the media, as through the CDN in front of a production bucket.
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))

    def _prepare_data(self):
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()  # this cluster's own database only
        if self.fresh_database:
            self._drop_database()
        self._create_database()
        # collectstatic needs no database: it runs while the database is migrated.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=REPO,
            env=self.environment(),
        )
        self._timed("migrate", self.manage, "migrate", "--noinput")
        # load_demo refuses to run with DEBUG off (its staff passwords are in the README).
        self._timed("load_demo", self.manage, "load_demo", debug=True)
        if collect.wait() != 0:
            raise RuntimeError("collectstatic failed")

    def _timed(self, what, function, *args, **kwargs):
        started = time.monotonic()
        function(*args, **kwargs)
        self.timings[what] = round(time.monotonic() - started, 1)

    def _maintenance(self, sql):
        import psycopg
        from psycopg import sql as psql

        name = self.database_url.rsplit("/", 1)[1].split("?")[0]
        server = self.database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(server, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            statement = sql(exists)
            if statement:
                connection.execute(psql.SQL(statement).format(psql.Identifier(name)))

    def _create_database(self):
        self._maintenance(lambda exists: None if exists else "CREATE DATABASE {}")

    def _drop_database(self):
        self._maintenance(lambda exists: "DROP DATABASE {} WITH (FORCE)" if exists else None)

    def _start_nginx(self):
        values = {
            "NGINX_LISTEN": f"127.0.0.1:{self.ports['proxy']}",
            "SERVER_NAME": "127.0.0.1",
            "GUNICORN_UPSTREAMS": " ".join(
                f"server 127.0.0.1:{self.ports[name]};" for name in APP_SERVERS
            ),
            "ADMIN_URL": ADMIN_URL,
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "no-media"),
            "ERROR_PAGES": str(self.workdir / "errors"),
            **PRACTICE_VALUES,
        }

        def render(source, target):
            text = (REPO / "deploy" / source).read_text()
            target.write_text(string.Template(text).safe_substitute(values))

        for folder in ("errors", "no-media", "nginx"):
            (self.workdir / folder).mkdir(exist_ok=True)
        for page in (REPO / "deploy" / "errors").glob("*.html"):
            render(f"errors/{page.name}", self.workdir / "errors" / page.name)
        render("nginx.conf", self.workdir / "clinic.conf")
        temp_paths = "".join(
            f"{kind}_temp_path {self.workdir / 'nginx' / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        mime_types = (
            "include /etc/nginx/mime.types;\n" if Path("/etc/nginx/mime.types").exists() else ""
        )
        # Which app server answered each request, and how long it took: the figures for a
        # server lost under load.
        access_log = (
            'log_format cluster \'$msec "$request_method $uri" $status '
            "$upstream_addr $upstream_status $request_time';\n"
            f"access_log {self.logs / 'nginx-access.log'} cluster;\n"
        )
        (self.workdir / "nginx.conf").write_text(
            f"pid {self.workdir / 'nginx.pid'};\nerror_log {self.logs / 'nginx-error.log'};\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n{access_log}{temp_paths}{mime_types}"
            f"include {self.workdir / 'clinic.conf'};\n}}\n"
        )
        # As root, nginx's workers would otherwise switch to a user who cannot read workdir.
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        self._spawn(
            "nginx",
            [
                nginx_binary(),
                *("-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf")),
                *("-g", directives),
            ],
            self.environment(),
        )
        wait_until(lambda: listening(self.ports["proxy"]), "nginx", self.processes["nginx"])


def run_in_foreground(arguments):
    cluster = Cluster(
        database_url=arguments.database_url,
        redis_url=arguments.redis_url,
        proxy_port=arguments.port,
        gunicorn_workers=arguments.gunicorn_workers,
    )
    stopping = []

    def stop_on_signal(number, _frame):
        stopping.append(number)

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    started = time.monotonic()
    print("Starting: S3, SMTP sink, the database and the demo, two app servers, two workers")
    cluster.start()
    PID_FILE.write_text(str(os.getpid()))
    print(
        f"Ready in {time.monotonic() - started:.0f} s.\n"
        f"  the site, through nginx:  {cluster.proxy_url}/\n"
        f"  the staff site:           {cluster.proxy_url}{cluster.admin_url}"
        "  (demo users: README)\n"
        f"  app server a:             {cluster.app_urls['a']}/\n"
        f"  app server b:             {cluster.app_urls['b']}/\n"
        f"  media bucket (S3):        {cluster.media_url}\n"
        f"  email received:           {cluster.mail_folder}/\n"
        f"  logs:                     {cluster.logs}/\n"
        "Ctrl-C (or `make cluster-stop`) stops everything."
    )
    try:
        while not stopping:
            time.sleep(0.5)
    finally:
        print("Stopping the cluster")
        PID_FILE.unlink(missing_ok=True)
        cluster.stop()


def stop_running():
    """End a cluster started in the background by `python -m deploy.cluster`."""
    if not PID_FILE.exists():
        print("No cluster is running (no .cluster.pid).")
        return
    pid = int(PID_FILE.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        PID_FILE.unlink(missing_ok=True)
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    raise SystemExit(f"the cluster (pid {pid}) is still stopping after 60 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", nargs="?", choices=["start", "stop"], default="start")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_cluster"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/11")
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", "8080")))
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    arguments = parser.parse_args()
    if arguments.action == "stop":
        stop_running()
    else:
        run_in_foreground(arguments)


if __name__ == "__main__":
    main()

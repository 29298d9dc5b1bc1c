"""Slow and oversized clients: nginx (deploy/nginx.conf) in front of gunicorn keeps the site up.

The real nginx and the real gunicorn (clinic_site/gunicorn.py, two sync workers) run on
loopback ports, serving the test database.
"""

import http.client
import os
import shutil
import socket
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from treatments.factories import simple_pdf

REPO = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
)
pytestmark = [
    pytest.mark.skipif(
        NGINX is None,
        reason="nginx is not installed (`make test-tools` installs Debian's nginx-light)",
    ),
    pytest.mark.django_db,  # so the test database exists for gunicorn to serve
]
HUGE = 300 * 1024 * 1024


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def database_url(tmp):
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{tmp / 'site.sqlite3'}"  # /healthz only asks the database for SELECT 1


def healthz(port, timeout):
    """The seconds /healthz took to answer 200, or None if it had not answered in time."""
    started = time.monotonic()
    http_connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        http_connection.request("GET", "/healthz")
        status = http_connection.getresponse().status
    except TimeoutError:
        return None
    finally:
        http_connection.close()
    assert status == 200
    return time.monotonic() - started


def slow_clients(port):
    """Four slowloris connections: two never finish their headers, two never their body."""
    heads = [
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Still-Typing: ",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n",
        *[
            b"POST /appointments/request/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000\r\n\r\n"
            b"first_name=Q"
        ]
        * 2,
    ]
    sockets = []
    for head in heads:
        sock = socket.create_connection(("127.0.0.1", port), timeout=2)
        sock.sendall(head)
        sockets.append(sock)
    time.sleep(0.3)  # let the server take them in
    return sockets


def raw_request(port, head):
    """Send a request head (and a few body bytes) and return the status line's code."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(head)
        return int(sock.recv(4096).split(b" ", 2)[1])


@pytest.fixture(scope="module")
def site(django_db_setup, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("proxy")
    app_port, proxy_port = free_port(), free_port()
    gunicorn_log = tmp / "gunicorn.log"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(tmp),
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "1",
        "GUNICORN_ACCESS_LOG": "1",
    }
    env.pop("GUNICORN_CMD_ARGS", None)
    with gunicorn_log.open("w") as log:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "clinic_site/gunicorn.py", "clinic_site.wsgi"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    (tmp / "static" / "css").mkdir(parents=True)
    (tmp / "static" / "css" / "site.0123abcd.css").write_text("body { margin: 0 }\n")
    (tmp / "media" / "patient-documents").mkdir(parents=True)
    (tmp / "media" / "patient-documents" / "registration.pdf").write_bytes(simple_pdf("Form"))
    site_conf = tmp / "clinic.conf"
    site_conf.write_text(
        string.Template((REPO / "deploy" / "nginx.conf").read_text()).safe_substitute(
            NGINX_LISTEN=f"127.0.0.1:{proxy_port}",
            SERVER_NAME="127.0.0.1",
            GUNICORN_UPSTREAMS=f"server 127.0.0.1:{app_port};",
            ERROR_PAGES=str(tmp),
            ADMIN_URL=settings.ADMIN_URL,
            STATIC_ROOT=str(tmp / "static"),
            MEDIA_ROOT=str(tmp / "media"),
        )
    )
    temp_paths = "".join(
        f"{kind}_temp_path {tmp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As Debian's own nginx.conf does, where the package's list of types is found.
    mime_types = (
        "include /etc/nginx/mime.types;\n" if Path("/etc/nginx/mime.types").exists() else ""
    )
    (tmp / "nginx.conf").write_text(
        f"pid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\naccess_log off;\n{temp_paths}{mime_types}include {site_conf};\n}}\n"
    )
    # As root, nginx's workers would otherwise switch to a user who cannot enter tmp.
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", directives],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(app_port, gunicorn)
        wait_for_port(proxy_port, nginx)
        assert healthz(app_port, timeout=10) is not None
        yield {"app": app_port, "proxy": proxy_port, "gunicorn_log": gunicorn_log}
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
        for process in (nginx, gunicorn):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test_four_slow_clients_starve_gunicorn_alone_but_not_behind_nginx(site):
    # Straight to gunicorn: its two workers each wait on a slow client, /healthz is not answered.
    held = slow_clients(site["app"])
    assert healthz(site["app"], timeout=1) is None
    for sock in held:
        sock.close()
    assert healthz(site["app"], timeout=10) is not None  # the workers are free again

    # Through nginx: the slow clients wait at nginx, gunicorn never sees them.
    held = slow_clients(site["proxy"])
    try:
        took = [healthz(site["proxy"], timeout=1) for _ in range(3)]
    finally:
        for sock in held:
            sock.close()
    assert None not in took, took
    assert max(took) < 1


def test_a_300_mb_post_is_refused_at_nginx_before_it_reaches_django(site):
    log = site["gunicorn_log"]
    seen_before = len(log.read_text())
    posts = ("/contact/message/", f"/{settings.ADMIN_URL}login/")
    for path in posts:
        status = raw_request(
            site["proxy"],
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {HUGE}\r\n\r\n"
            "first_name=Q".encode(),
        )
        assert status == 413, path
    assert healthz(site["proxy"], timeout=5) is not None
    time.sleep(0.2)
    reached_django = log.read_text()[seen_before:]
    assert '"GET /healthz"' in reached_django  # gunicorn logs what it is given …
    for path in posts:
        assert f"POST {path}" not in reached_django  # … and it was given neither post


def test_gunicorn_itself_refuses_an_oversized_request_head(site):
    def status(path="/healthz", header_count=0):
        headers = "".join(f"X-Padding-{n}: {n}\r\n" for n in range(header_count))
        head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n"
        return raw_request(site["app"], head.encode())

    assert status(header_count=10) == 200
    assert status(header_count=60) in {400, 431}  # 431 from gunicorn 23 on
    assert status(path="/healthz?" + "q" * 5000) in {400, 414}


def test_nginx_serves_static_files_itself_and_patient_forms_as_downloads(site):
    proxy = http.client.HTTPConnection("127.0.0.1", site["proxy"], timeout=5)
    proxy.request("GET", "/static/css/site.0123abcd.css")
    static = proxy.getresponse()
    assert (static.status, static.read()) == (200, b"body { margin: 0 }\n")
    assert static.getheader("Cache-Control") == "public, max-age=31536000, immutable"

    proxy.request("GET", "/media/patient-documents/registration.pdf")
    form = proxy.getresponse()
    assert form.read().startswith(b"%PDF-")
    assert form.getheader("Content-Type") == "application/pdf"
    assert form.getheader("Content-Disposition") == "attachment"
    assert form.getheader("X-Content-Type-Options") == "nosniff"
    proxy.close()
    assert "/static/" not in site["gunicorn_log"].read_text()  # nginx answered them itself

"""One cluster (deploy/cluster.py) for the whole run of the cluster tests, on a database of
its own: `<DATABASE_URL's name>_cluster`, made fresh at start and dropped at the end. Its
Redis database is CLUSTER_TEST_REDIS_URL (db 12 unless set), emptied at start.

The cluster's processes commit to that database as a production server would; nothing here
goes through pytest-django's test database or its transactions.
"""

import os
import re
import shutil

import pytest

from deploy.cluster import Cluster
from tests.cluster.visitor import Visitor

DEMO_PASSWORDS = {
    "frontdesk": "harbor-lantern-tulip-58",
    "contenteditor": "meadow-copper-kite-73",
    "translator": "orchid-harbor-lime-41",
}


def cluster_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    base, name = url.split("?")[0].rsplit("/", 1)
    return f"{base}/{name}_cluster"


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    database_url = cluster_database_url()
    if database_url is None:
        pytest.skip("the cluster tests need PostgreSQL: set DATABASE_URL=postgres://...")
    if not (shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK)):
        pytest.skip("nginx is not installed (`make test-tools` installs Debian's nginx-light)")
    running = Cluster(
        database_url=database_url,
        redis_url=os.environ.get("CLUSTER_TEST_REDIS_URL", "redis://127.0.0.1:6379/12"),
        workdir=tmp_path_factory.mktemp("cluster"),
        fresh_database=True,
    )
    with running:
        yield running


def sign_in(cluster, server, username, code=None, client_address=None):
    """A visitor signed in to the staff site through app server `server` ("a" or "b")."""
    visitor = Visitor(client_address)
    changes = {"username": username, "password": DEMO_PASSWORDS[username]}
    if code is not None:
        changes["otp_token"] = code
    answer = visitor.submit(
        cluster.app_urls[server] + cluster.admin_url + "login/", "login-form", changes=changes
    )
    assert answer.status_code == 302, re.sub(r"\s+", " ", answer.text)[:2000]
    return visitor

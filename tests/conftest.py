import os
import shutil

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run in such a thread unless told the test is deliberate about it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _sql_flush_keeping_the_gazetteer(style, connection, reset_sequences=True, allow_cascade=False):
    """Django's sql_flush without the gazetteer. `flush` runs after every transactional and
    live-server test; the gazetteer's 55,000 rows never change in a test run, and refilling
    them after each flush cost about a second."""
    from locations.models import Place

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return connection.ops.sql_flush(
        style,
        [table for table in tables if table != Place._meta.db_table],
        reset_sequences=reset_sequences,
        allow_cascade=allow_cascade,
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Fill the offline gazetteer once per run and keep it through every flush."""
    from django.core.management.commands import flush

    from locations.gazetteer import fill_gazetteer

    with django_db_blocker.unblock():
        fill_gazetteer()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "sql_flush", _sql_flush_keeping_the_gazetteer)
        yield


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Every test starts with empty caches (pages, rate limits), its own media folder and the
    site's language (a request to a Spanish page leaves Spanish active in the thread)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for each in caches.all():
        each.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    for each in caches.all():
        each.clear()
    translation.deactivate()


def _quiet_load_demo():
    from django.test import override_settings

    # load_demo refuses to run with DEBUG off, and pytest-django turns it off for every test.
    with open(os.devnull, "w") as devnull, override_settings(DEBUG=True):
        call_command("load_demo", stdout=devnull)


class DemoSnapshot:
    """The demo practice, loaded once inside a transaction that is never committed.

    Tests that use `demo` run inside it, each in its own savepoint (pytest-django's `db`),
    so whatever a test writes is rolled back before the next one: they share the load,
    not each other's changes. Any other database test first rolls the snapshot back, so
    it never sees the demo; the next demo test loads it again, which is why demo tests
    are run together (see pytest_collection_modifyitems)."""

    def __init__(self, media_root):
        self.media_root = media_root
        self.atomic = None
        self.connection = None

    @property
    def is_open(self):
        return self.atomic is not None

    def open(self):
        from django.db import connection, transaction
        from django.test import override_settings

        self.atomic = transaction.atomic()
        # As Django's TestCase marks its own: a durable block inside a test still works.
        self.atomic._from_testcase = True
        self.atomic.__enter__()
        shutil.rmtree(self.media_root, ignore_errors=True)
        with override_settings(MEDIA_ROOT=self.media_root):
            _quiet_load_demo()
        caches["default"].clear()
        self.connection = connection.connection

    def close(self):
        from django.db import transaction

        if self.still_open():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        elif self.connection is not None:
            # Django opened a new connection while the snapshot's transaction was still open
            # on the old one: close that one, or its row locks make the next load of the
            # demo (on the new connection) wait forever.
            self.connection.close()
        self.atomic = None
        self.connection = None

    def still_open(self):
        """False if something (a test closing the connection) ended the transaction."""
        from django.db import connection

        return connection.connection is self.connection and connection.in_atomic_block


class DemoTables:
    """The demo practice for tests whose writes are committed (live-server and transactional
    tests), which cannot share the snapshot and find the database emptied by the last one.

    The first such test in a process runs load_demo (about 7 s) and keeps every table's rows
    as PostgreSQL COPY data and the media folder it made; the next ones put those back
    (a fraction of a second). The rows are load_demo's own, so the tests see the same demo."""

    def __init__(self, media_root):
        self.rows = None  # {table: COPY data}
        self.media_root = media_root

    def put_back(self, media_root):
        from django.db import connection

        if connection.vendor != "postgresql":
            _quiet_load_demo()
            return
        if self.rows is None:
            _quiet_load_demo()
            self.rows = {table: self._copy_out(table) for table in self._tables()}
            shutil.copytree(media_root, self.media_root)
            return
        self._copy_in()
        shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)

    @staticmethod
    def _tables():
        from django.db import connection

        from locations.models import Place

        tables = connection.introspection.django_table_names(only_existing=True)
        return sorted(set(tables) - {Place._meta.db_table})

    @staticmethod
    def _copy_out(table):
        from django.db import connection

        with (
            connection.cursor() as cursor,
            cursor.copy(
                f"COPY {connection.ops.quote_name(table)} TO STDOUT (FORMAT BINARY)"
            ) as copy,
        ):
            return b"".join(copy)

    def _copy_in(self):
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.color import no_style
        from django.db import connection, transaction

        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            # The flush after the last test made content types and permissions anew (with new
            # ids): they go too, so every row's references are the ones load_demo made.
            cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in self.rows)}")
            for table, data in self.rows.items():
                with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT BINARY)") as copy:
                    copy.write(data)
            models = [model for model in apps.get_models() if model._meta.db_table in self.rows]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        ContentType.objects.clear_cache()
        for each in caches.all():
            each.clear()


@pytest.fixture(scope="session")
def _demo_tables(tmp_path_factory):
    return DemoTables(tmp_path_factory.mktemp("demo-tables") / "media")


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    snapshot = DemoSnapshot(tmp_path_factory.mktemp("demo") / "media")
    yield snapshot
    if snapshot.is_open:
        with django_db_blocker.unblock():
            snapshot.close()


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or {"transactional_db", "live_server"} & set(item.fixturenames)
    )


def _uses_shared_demo(item):
    return "demo" in item.fixturenames and not _is_transactional(item)


@pytest.fixture
def _django_db_helper(_demo_boundary, _django_db_helper):
    """pytest-django's per-test transaction, opened inside the demo snapshot for demo tests
    and outside it for every other database test.

    Overridden here because the snapshot must be opened or closed before that transaction
    starts, and every database test, marked or not, goes through this fixture."""
    yield


@pytest.fixture
def _demo_boundary(_demo_snapshot, django_db_blocker, request):
    with django_db_blocker.unblock():
        if _uses_shared_demo(request.node):
            if _demo_snapshot.is_open and not _demo_snapshot.still_open():
                _demo_snapshot.close()  # lost with its connection: forget it, load again
            if not _demo_snapshot.is_open:
                _demo_snapshot.open()
        elif _demo_snapshot.is_open:
            _demo_snapshot.close()


@pytest.fixture
def demo(db, _demo_snapshot, _demo_tables, settings, request):
    """The whole demo practice, to read or to change: changes are rolled back after the test.

    Its photos and documents are copied into this test's own media folder. A transactional
    test cannot share the snapshot (its writes are committed), so it gets a copy of its own
    (see DemoTables)."""
    if not _uses_shared_demo(request.node):
        _demo_tables.put_back(settings.MEDIA_ROOT)
        return
    shutil.copytree(_demo_snapshot.media_root, settings.MEDIA_ROOT, dirs_exist_ok=True)


@pytest.fixture
def live_demo(transactional_db, live_server, _demo_tables, settings):
    _demo_tables.put_back(settings.MEDIA_ROOT)
    return live_server


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Demo tests side by side, so the snapshot is loaded once for all of them.

    Runs before pytest-django's own ordering (database tests, then transactional ones,
    then the rest), whose stable sort keeps this order within each of its groups."""
    items.sort(key=lambda item: not _uses_shared_demo(item))


class Chromium:
    """One Chromium for the run, started again if it has gone away (crashed, or killed by
    something else on the machine), so one lost browser fails one test, not every one after."""

    ARGS = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]

    def __init__(self, playwright):
        self.playwright = playwright
        self.running = None

    def current(self):
        if self.running is None or not self.running.is_connected():
            self.running = self.playwright.chromium.launch(executable_path=CHROMIUM, args=self.ARGS)
        return self.running

    def __getattr__(self, name):  # new_context and the rest, on the running browser
        return getattr(self.current(), name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = Chromium(playwright)
        yield chromium
        if chromium.running is not None and chromium.running.is_connected():
            chromium.running.close()


def _new_page(browser, viewport, javascript_enabled=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript_enabled)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def signed_in_page(browser, base_url, username, viewport, password=None):
    """A new browser page signed in to the staff site as a demo user, or as any user given
    their password (password alone: signing in with a code has its own browser tests). The
    caller closes `page.context`."""
    from django.urls import reverse

    from appointments.demo import DEMO_USERS

    if password is None:
        password = next(pw for name, pw, _group in DEMO_USERS if name == username)
    _context, page = _new_page(browser, viewport)
    page.goto(base_url + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).wait_for()
    return page


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request, browser):
    context, page = _new_page(browser, request.param)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context, page = _new_page(browser, PHONE, javascript_enabled=False)
    yield page
    context.close()


def _axe(page):
    """axe-core's results for the WCAG 2.2 A and AA rules on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state()  # after a click, the whole answer, not the part parsed so far
    return Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})


def assert_accessible(page):
    """Zero axe-core violations of the WCAG 2.2 A and AA rules on the page as it stands."""
    results = _axe(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def axe_violations(page):
    """{rule: [the offending elements' selectors]}, empty when axe finds nothing."""
    return {
        violation["id"]: [node["target"] for node in violation["nodes"]]
        for violation in _axe(page).response["violations"]
    }

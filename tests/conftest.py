import os
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run in such a thread unless told the test is deliberate about it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Fill the offline gazetteer once per run. Tests that roll back keep it; after a
    live-server test flushes the tables, the next demo load fills it again."""
    from locations.gazetteer import fill_gazetteer

    with django_db_blocker.unblock():
        fill_gazetteer()


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Every test starts with an empty cache, its own media folder and the site's language
    (a request to a Spanish page leaves Spanish active in the thread after it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.deactivate()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def live_demo(transactional_db, live_server):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _new_page(browser, viewport, javascript_enabled=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript_enabled)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


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


def assert_accessible(page):
    """Zero axe-core violations of the WCAG 2.2 A and AA rules on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

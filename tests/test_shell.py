"""The shell every page shares, the production settings and the operational endpoints."""

import os
import re
import subprocess
import sys

import pytest
from django.db import connection
from django.urls import reverse

from home.models import SiteSettings, TrustPoint

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-for-the-check-only-0123456789abcdef",
    "ALLOWED_HOSTS": "clinic.example",
    "SITE_URL": "https://clinic.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={k: v for k, v in {**os.environ, **env}.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_home_page_shows_staff_edited_hero_and_trust_points(client, demo):
    settings_row = SiteSettings.load()
    settings_row.hero_heading = "Relief starts with one call"
    settings_row.save()
    TrustPoint.objects.create(title="Free parking at every office", sort_order=99)

    html = client.get("/").content.decode()

    assert "Relief starts with one call" in html
    assert "Free parking at every office" in html
    assert "Board-certified doctors" in html


def test_header_has_navigation_phone_link_and_appointment_button(client, demo):
    html = client.get("/").content.decode()
    labels = ["Treatments", "Conditions", "Offices", "Providers", "Patient stories"]
    for label in [*labels, "Patient resources"]:
        assert f">{label}</a>" in html
    assert 'href="tel:+13015550100"' in html
    assert f'href="{reverse("appointments:request")}"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html


def test_current_section_is_marked_in_the_navigation(client, demo):
    html = client.get(reverse("treatments:index")).content.decode()
    assert f'<a href="{reverse("treatments:index")}" aria-current="page">Treatments</a>' in html


def test_footer_lists_offices_by_state_and_the_insurance_note(client, demo):
    html = client.get("/").content.decode()
    assert "<h3>Maryland</h3>" in html and "<h3>Virginia</h3>" in html
    assert "Workers&#x27; Compensation and Personal Injury" in html
    assert reverse("privacy") in html


def test_breadcrumb_leads_home_and_marks_the_current_page(client, demo):
    html = client.get(reverse("treatments:detail", args=["si-joint-fusion"])).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert '<span aria-current="page">SI joint fusion</span>' in html


def test_a_browser_preferring_spanish_gets_english_labelled_as_english(client, demo):
    # The address decides the language, never the browser: the English page stays English.
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_security_headers_are_sent(client, demo):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert client.head("/healthz").status_code == 200  # some load balancers ask with HEAD


@pytest.fixture
def database_down(db):
    """Point the connection at a database that cannot be reached, then restore it."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "an in-memory SQLite test database cannot be taken away; CI runs this on PostgreSQL"
        )
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there: connecting is refused
    yield
    connection.close()
    connection.settings_dict.update(saved)


def test_healthz_answers_503_when_the_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503


def test_pages_answer_a_friendly_503_when_the_database_is_down(client, database_down):
    response = client.get(reverse("treatments:index"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "temporarily unavailable" in html
    assert "Traceback" not in html


def test_a_visitor_with_a_session_also_gets_the_friendly_503(client, database_down):
    # Staff, and patients who sent a form, carry a session the database must load and save.
    client.cookies["sessionid"] = "a" * 32
    response = client.get(reverse("treatments:index"))
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_unknown_page_is_a_friendly_404(client, demo, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_robots_and_sitemap_list_the_public_pages(client, demo):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/treatments/si-joint-fusion/" in sitemap
    assert "/locations/hagerstown/" in sitemap
    assert "/conditions/si-joint-dysfunction/" in sitemap
    assert "/quiz/" in sitemap


def test_draft_treatment_is_hidden_from_the_sitemap(client, demo):
    from treatments.models import Treatment

    Treatment.objects.filter(slug="physical-therapy").update(is_published=False)
    assert "/treatments/physical-therapy/" not in client.get("/sitemap.xml").content.decode()


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_manage("check", env={**PRODUCTION_ENV, "REDIS_URL": ""})
    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stderr


def test_admin_moves_to_the_path_set_by_configuration(db):
    # The old path is a 404, which looks for a renamed page's redirect: on the test database,
    # which another process reaches only on PostgreSQL (SQLite's is in this one's memory).
    if connection.vendor != "postgresql":
        pytest.skip("the shell process needs a shared database; CI runs this on PostgreSQL")
    settings = connection.settings_dict
    database = (
        f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )
    script = (
        "from django.urls import reverse; from django.test import Client; "
        "print(reverse('admin:index'), Client(HTTP_HOST='localhost').get('/staff/').status_code)"
    )
    env = {"ADMIN_URL": "back-7f3a", "DATABASE_URL": database}
    result = run_manage("shell", "--no-imports", "-c", script, env=env)
    assert result.stdout.split() == ["/back-7f3a/", "404"], result.stderr


def test_production_serves_static_files_hashed_compressed_and_cached_for_a_year(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path), "SECURE_SSL_REDIRECT": "0"}
    collected = run_manage("collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr
    script = (
        "from django.templatetags.static import static; from django.test import Client; "
        "url = static('css/site.css'); "
        "r = Client(HTTP_HOST='clinic.example', HTTP_ACCEPT_ENCODING='gzip').get(url); "
        "print(url, r.status_code, r.get('Content-Encoding'), r['Cache-Control'])"
    )
    served = run_manage("shell", "--no-imports", "-c", script, env=env)
    url, status, encoding, cache_control = served.stdout.split(maxsplit=3)
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url), served.stderr
    assert status == "200" and encoding == "gzip"
    assert "max-age=31536000" in cache_control and "immutable" in cache_control


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_content_saved_in_the_admin_shows_on_the_next_request(client, demo):
    assert "Relief starts today" not in client.get("/").content.decode()  # now cached
    settings_row = SiteSettings.load()
    settings_row.hero_heading = "Relief starts today"
    settings_row.save()
    assert "Relief starts today" in client.get("/").content.decode()


def test_logs_keep_one_line_per_event_without_query_strings_or_exception_messages():
    import logging
    import sys

    from clinic_site.logging import PrivateFormatter

    typed_phone, searched_path = "555-0100", "/locations/?q=12+Elm+St"
    try:
        int(typed_phone)  # the error message quotes what was typed
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Error: %s", (searched_path,), exc_info
    )
    line = PrivateFormatter("%(levelname)s %(message)s").format(record)
    assert "\n" not in line
    assert "Elm" not in line and "555-0100" not in line
    assert "/locations/?…" in line and "ValueError: [message withheld]" in line


def test_browsers_asking_for_favicon_ico_are_sent_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_footer_lists_a_few_offices_per_state_then_links_to_the_state_page(client, demo):
    from locations.models import Location

    template = Location.objects.get(slug="hagerstown")
    for number in range(8):
        template.pk, template.slug, template.name = (
            None,
            f"extra-{number}",
            f"Extra office {number}",
        )
        template.save()
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    # Five per state, by name: Elkridge, then Extra office 0 to 3.
    assert footer.count("Extra office") == 4 and "Hagerstown</a>" not in footer
    assert 'href="/locations/maryland/">All 10 offices in Maryland</a>' in footer

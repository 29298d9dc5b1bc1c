"""Public pages served from the shared cache, before the rest of the middleware.

What a visitor notices: a page a second visitor gets without the site doing any work, with
every security header; a browser that revalidates and gets a 304; a staff member who always
sees the live page; and junk query strings that neither break the page nor fill the cache.
"""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from core import ratelimit
from treatments.factories import TreatmentFactory

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Content-Language",
)


@pytest.fixture
def treatment(db):
    return TreatmentFactory(name="Physical therapy", slug="physical-therapy", is_published=True)


@pytest.fixture
def url(treatment):
    return reverse("treatments:detail", args=[treatment.slug])


def cached_pages():
    return [key for key in cache._cache if ":page:" in key]


def test_the_cache_sits_before_sessions_authentication_second_factor_and_lockout():
    order = settings.MIDDLEWARE
    early = order.index("core.caching.PublicPageCacheMiddleware")
    for later in (
        "clinic_site.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django_otp.middleware.OTPMiddleware",
        "axes.middleware.AxesMiddleware",
    ):
        assert early < order.index(later), later


def test_a_second_visitor_gets_the_page_from_the_cache_with_every_header(
    client, url, django_assert_num_queries
):
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    for name in SECURITY_HEADERS:
        assert second[name] == first[name], name
    assert second["Cache-Control"] == "no-cache"  # browsers revalidate, so edits show at once


def test_a_matching_etag_gets_a_304_and_a_content_change_a_new_page(client, url, treatment):
    etag = client.get(url)["ETag"]
    not_modified = client.get(url, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag

    treatment.summary = "Exercises that strengthen the muscles around the spine."
    treatment.save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "strengthen the muscles around the spine" in changed.content.decode()


def test_a_staff_session_is_never_served_the_shared_page(client, admin_user, url, treatment):
    client.get(url)  # cached for everyone else
    treatment.is_published = False
    treatment.save()
    client.force_login(admin_user)
    page = client.get(url)
    assert page.status_code == 200
    assert "Draft preview: only staff can see this page" in page.content.decode()
    client.logout()
    assert client.get(url).status_code == 404


def test_junk_query_strings_are_sent_to_the_clean_page_and_add_no_cache_entries(client, url):
    client.get(url)
    before = len(cached_pages())
    for n in range(2000):
        response = client.get(url, {f"junk{n}": "x", "utm_source": n})
        assert response.status_code == 302
        assert response.url == url
    assert len(cached_pages()) == before


def test_a_parameter_the_page_reads_is_kept_when_junk_is_dropped(client, treatment):
    index = reverse("treatments:index")
    response = client.get(index, {"condition": "sciatica", "fbclid": "abc"})
    assert response.status_code == 302
    assert response.url == f"{index}?condition=sciatica"


def test_values_outside_a_parameters_pattern_are_answered_but_not_kept(client, db):
    testimonials = reverse("testimonials:index")
    for n in range(50):
        assert client.get(testimonials, {"page": f"x{n}"}).status_code in (200, 404)
    assert cached_pages() == []
    client.get(testimonials, {"page": "1"})
    assert len(cached_pages()) == 1


def test_query_order_does_not_make_a_second_copy(client, db):
    providers = reverse("locations:provider_list")
    client.get(providers, {"location": "weston", "treatment": "physical-therapy"})
    client.get(f"{providers}?treatment=physical-therapy&location=weston")
    assert len(cached_pages()) == 1


def test_cached_pages_cannot_evict_the_rate_limit_counters(db):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    assert [ratelimit.allow(request, "test", limit=2, window_seconds=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    cache.clear()  # what a full page cache evicting its keys would do at worst
    assert not ratelimit.allow(request, "test", limit=2, window_seconds=60)


def test_sitemap_urls_come_from_site_url_not_the_host_header(client, treatment, settings):
    settings.SITE_URL = "https://www.keystone-spine.example"
    settings.ALLOWED_HOSTS = ["attacker.example"]
    sitemap = client.get(reverse("sitemap"), HTTP_HOST="attacker.example").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"https://www.keystone-spine.example/treatments/{treatment.slug}/" in locations
    assert all(loc.startswith("https://www.keystone-spine.example/") for loc in locations)

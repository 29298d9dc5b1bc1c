import importlib

import pytest
from django.urls import clear_url_caches

import clinic_site.urls
from clinic_site.bench_reference import PAGE_SIZE


def _reload_urls():
    importlib.reload(clinic_site.urls)
    clear_url_caches()


@pytest.fixture
def reference_mounted(monkeypatch):
    monkeypatch.setenv("BENCH_REFERENCE_VIEW", "1")
    _reload_urls()
    yield
    monkeypatch.delenv("BENCH_REFERENCE_VIEW")
    _reload_urls()


@pytest.mark.django_db
def test_reference_page_is_10_kb_through_the_site_middleware(
    client, reference_mounted, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/bench/reference/")

    assert response.status_code == 200
    assert len(response.content) == PAGE_SIZE
    assert response.content.startswith(b"<!doctype html>")
    # Same middleware as every page: the security headers are there.
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_reference_page_is_not_mounted_without_the_environment_variable(client, monkeypatch):
    monkeypatch.delenv("BENCH_REFERENCE_VIEW", raising=False)
    _reload_urls()

    assert client.get("/bench/reference/").status_code == 404

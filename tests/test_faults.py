"""What patients and staff see when a part of the system fails, and that nothing is lost."""

import logging

import pytest
from django.test import RequestFactory

from clinic_site import ratelimit


@pytest.fixture
def cache_server_down(settings):
    """The shared cache configured as in production, but nothing listens at its address."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True


def test_pages_still_serve_when_the_cache_server_is_unreachable(client, demo, cache_server_down):
    response = client.get("/")
    assert response.status_code == 200
    assert "Get back to the life that pain put on hold" in response.content.decode()


def test_rate_limit_lets_patients_through_and_logs_when_the_cache_is_unreachable(
    db, cache_server_down, caplog
):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    with caplog.at_level(logging.WARNING):
        allowed = [ratelimit.allow(request, "test", limit=1, window_seconds=60) for _ in range(3)]
    assert allowed == [True, True, True]
    assert "rate limit for test not enforced: cache unavailable" in caplog.text


def test_rate_limit_holds_when_the_cache_is_up(db):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    allowed = [ratelimit.allow(request, "test", limit=2, window_seconds=60) for _ in range(3)]
    assert allowed == [True, True, False]

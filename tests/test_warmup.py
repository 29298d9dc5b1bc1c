"""After a save, the real worker renders every public page into the shared cache again."""

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from core import warmup
from core.caching import content_version, page_key
from core.warmup import public_paths, warm_public_pages
from locations.factories import LocationFactory
from treatments.factories import TreatmentFactory

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def shared_cache(settings):
    """The page cache in Redis under a key prefix of this test's own, as the worker sees it."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a shared database; CI runs this on PostgreSQL")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (CI starts one)")
    prefix = f"warm-up-test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    with override_settings(CACHES=caches, WARM_PAGES_AFTER_SAVE=True):
        yield prefix
        cache.delete_pattern("*")


def run_worker(prefix):
    """`manage.py db_worker --batch`: works every queued task, then exits."""
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "DEBUG": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch"],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )


def served_from_cache(client, django_assert_num_queries, path):
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_worker_renders_every_public_page_into_the_cache_after_a_save(
    client, shared_cache, django_assert_num_queries
):
    treatment = TreatmentFactory(name_en="Nerve block", slug="block")
    LocationFactory()
    paths = public_paths()
    # Spanish pages too (an unreviewed treatment's Spanish is not in the sitemap, so not here).
    assert "/" in paths and "/es/treatments/" in paths and "/treatments/block/" in paths
    assert paths.index("/") < paths.index("/treatments/block/") < paths.index("/es/resources/")

    run_worker(shared_cache)
    for path in paths:
        served_from_cache(client, django_assert_num_queries, path)

    treatment.name_en = "Sacroiliac nerve block"
    treatment.save()
    version = content_version()
    started = time.monotonic()
    run_worker(shared_cache)
    seconds = time.monotonic() - started

    assert content_version() == version
    page = served_from_cache(client, django_assert_num_queries, "/treatments/block/")
    assert "Sacroiliac nerve block" in page
    for path in paths:
        served_from_cache(client, django_assert_num_queries, path)
    print(f"{len(paths)} pages cached again {seconds:.1f} s after the save (worker start included)")


def test_the_warm_up_leaves_the_rest_for_later_so_emails_wait_one_slice_at_most(monkeypatch, rf):
    monkeypatch.setattr(warmup, "SLICE_SECONDS", 0)
    TreatmentFactory(slug="block")
    DBTaskResult.objects.all().delete()

    warm_public_pages.call()

    assert cache.get(page_key(rf.get("/")))[0] == content_version()  # one page per slice
    assert cache.get(page_key(rf.get("/es/"))) is None
    rest = DBTaskResult.objects.get()
    assert rest.args_kwargs["kwargs"] == {"version": content_version(), "start": 1}
    assert rest.priority < 0  # below the email tasks

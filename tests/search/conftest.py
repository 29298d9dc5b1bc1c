from importlib import import_module

import pytest
from django.apps import apps

from search.index import rebuild
from search.models import Synonym

# Every migration that seeds synonyms, in order.
SYNONYM_SEEDS = ["0003_seed_synonyms", "0005_seed_more_synonyms"]


def seed_synonyms():
    """The synonyms a new database starts with. pytest-django flushes every table after a
    transactional (live-server) test, migration data included, and --reuse-db keeps the
    empty table for later runs: a search test that ran after one used to find nothing for
    "siatica", whose correction "sciatica" is a synonym word, not a word of the demo."""
    if not Synonym.objects.exists():
        for name in SYNONYM_SEEDS:
            import_module(f"search.migrations.{name}").seed(apps, None)


@pytest.fixture
def indexed_demo(demo):
    """The demo practice with the seeded synonyms, indexed. Tests run inside a transaction
    that never commits, so the rebuild that follows a commit never runs by itself here."""
    seed_synonyms()
    rebuild()


def search_page(client, query, prefix="", **params):
    """The results page for `query`; prefix "/es" for the Spanish one."""
    response = client.get(f"{prefix}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def result_urls(response):
    return [entry.url for entry in response.context["page_obj"] or []]

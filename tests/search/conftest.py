import pytest

from search.index import rebuild


@pytest.fixture
def indexed_demo(demo):
    """The demo practice, indexed. Tests run inside a transaction that never commits, so the
    rebuild that follows a commit never runs by itself here."""
    rebuild()


def search_page(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def result_urls(response):
    return [entry.url for entry in response.context["page_obj"] or []]

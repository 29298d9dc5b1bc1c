"""Every public page: it loads, has one <h1>, stays within its SQL and weight budgets."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .pages import public_urls

QUERY_BUDGET = 12
WEIGHT_BUDGET = 100 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="/static/([^"]+)"')


@pytest.fixture
def urls(demo):
    return public_urls()


def test_every_public_page_loads_with_one_h1(client, urls):
    assert len(urls) >= 12
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.count(b"<h1") == 1, url


def test_every_public_page_stays_within_its_query_budget(client, urls):
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) <= QUERY_BUDGET, f"{url}: {len(queries)} queries"


def test_every_public_page_weighs_under_100_kb_with_its_css_and_js(client, urls):
    for url in urls:
        html = client.get(url).content.decode()
        weight = len(html.encode())
        for asset in ASSET.findall(html):
            weight += len(open(finders.find(asset), "rb").read())  # noqa: SIM115
        assert weight < WEIGHT_BUDGET, f"{url}: {weight} bytes"


def test_pages_load_nothing_from_another_origin(client, urls):
    """A patient's browser fetches only from this site: no CDN, fonts, trackers or embeds."""
    for url in urls:
        html = client.get(url).content.decode()
        fetched = re.findall(r'\ssrc="([^"]*)"', html)
        fetched += [
            href
            for tag in re.findall(r"<link\b[^>]*>", html)
            if "canonical" not in tag
            for href in re.findall(r'href="([^"]*)"', tag)
        ]
        fetched += [
            c.split()[0] for s in re.findall(r'srcset="([^"]*)"', html) for c in s.split(",")
        ]
        for address in fetched:
            assert address.startswith(("/", "data:")) and not address.startswith("//"), (
                url,
                address,
            )
        assert "<iframe" not in html, url

"""Every public page: it loads, has one <h1>, stays within its SQL and weight budgets."""

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.factories import (
    ClosureFactory,
    LocationFactory,
    OpeningHoursFactory,
    ProviderFactory,
)
from locations.models import Location, Provider
from testimonials import factories as testimonial_factories
from treatments.factories import (
    ConditionFactory,
    FAQFactory,
    ProcedureStepFactory,
    TreatmentFactory,
)
from treatments.models import Treatment

from .pages import error_pages, public_urls

QUERY_BUDGET = 12
WEIGHT_BUDGET = 100 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="/static/([^"]+)"')


# The other shapes of a public page: each way to search for an office, a filtered list.
# Not in public_urls(), so the browser tests do not drive them all again.
VARIANTS = [
    "/locations/?q=Maryland",
    "/locations/?q=Hagerstown",
    "/locations/?q=Columbia%2C+SC&radius=10",
    "/locations/?lat=39.6&lng=-77.7",
    "/testimonials/?office=hagerstown",
]


@pytest.fixture
def urls(demo):
    return public_urls() + VARIANTS


def test_every_public_page_loads_with_one_h1(client, urls):
    assert len(urls) >= 12
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.count(b"<h1") == 1, url


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_every_public_page_stays_within_its_query_budget(client, urls):
    for url in urls:
        queries = count_queries(client, url)
        assert queries <= QUERY_BUDGET, f"{url}: {queries} queries"


def grow_the_practice(per_item=6):
    """More of everything, attached to the very pages the sweep measures."""
    TreatmentFactory.create_batch(per_item, is_published=True)
    treatments = list(Treatment.objects.published())
    for treatment in treatments:
        FAQFactory.create_batch(per_item, treatment=treatment)
        ProcedureStepFactory.create_batch(per_item, treatment=treatment)
        ConditionFactory.create_batch(2, treatments=[treatment], is_published=True)
    for office in list(Location.objects.published()):
        for n in range(per_item // 3):
            twin = LocationFactory(
                slug=f"{office.slug}-annex-{n}",
                name=f"{office.name} annex {n}",
                **{
                    f: getattr(office, f)
                    for f in ("city", "state", "zip_code", "latitude", "longitude")
                },
            )
            twin.treatments.set(treatments)
            for weekday in range(5):
                OpeningHoursFactory(location=twin, weekday=weekday)
            ClosureFactory(location=twin, date=datetime.date.today() + datetime.timedelta(days=3))
        provider = ProviderFactory(slug=f"{office.slug}-extra-provider")
        provider.locations.add(office)
        provider.treatments.set(treatments)
        testimonial_factories.TestimonialFactory.create_batch(
            per_item, office=office, provider=provider, treatment=treatments[0]
        )
    for provider in list(Provider.objects.published()):
        provider.treatments.set(treatments)
        testimonial_factories.TestimonialFactory.create_batch(
            per_item // 2, provider=provider, featured=True
        )


def test_every_public_page_takes_the_same_queries_however_much_content_exists(client, urls):
    before = {url: count_queries(client, url) for url in urls}
    grow_the_practice()
    after = {url: count_queries(client, url) for url in urls}
    grown = {url: (before[url], after[url]) for url in urls if after[url] != before[url]}
    assert not grown, f"query count changed as content grew: {grown}"


def test_every_public_page_names_itself_to_search_engines_and_link_previews(client, urls):
    for url in urls:
        html = client.get(url).content.decode()
        for pattern in [
            r"<title>[^<]{3,}</title>",
            r'<meta name="description" content="[^"]{20,}">',
            r'<link rel="canonical" href="http://127\.0\.0\.1:8000/[^"]*">',
            r'<meta property="og:title" content="[^"]+">',
            r'<meta property="og:description" content="[^"]{20,}">',
            r'<meta property="og:url" content="http://127\.0\.0\.1:8000/[^"]*">',
        ]:
            assert re.search(pattern, html), (url, pattern)


def test_every_image_is_a_sized_webp_with_alternative_text(client, urls):
    images = 0
    for url in urls:
        for tag in re.findall(r"<img\b[^>]*>", client.get(url).content.decode()):
            images += 1
            assert re.search(r' src="/[^"]+\.(webp|svg)"', tag), (url, tag)
            assert re.search(r' width="\d+" height="\d+"', tag), (url, tag)
            assert ' alt="' in tag, (url, tag)
    assert images >= 10  # the demo's hero, office and provider photos


def test_error_pages_are_friendly_and_in_the_site_design(rf, db):
    for name, response in error_pages(rf).items():
        html = response.content.decode()
        assert html.count("<h1") == 1, name
        assert 'class="skip-link"' in html and "<footer" in html, name
        assert "Traceback" not in html, name


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
            if 'rel="canonical"' not in tag and 'rel="alternate"' not in tag
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


def test_stylesheets_are_linked_in_the_head_so_nothing_reflows_while_loading(client, urls):
    carousels = 0
    for url in urls:
        html = client.get(url).content.decode()
        head, body = html.split("<body", 1)
        assert 'rel="stylesheet"' not in body, url
        if 'aria-roledescription="carousel"' in body:
            carousels += 1
            assert "/static/css/testimonials.css" in head, url
            assert '<script type="module" src="/static/js/carousel.js">' in head, url
    assert carousels >= 4  # home, treatment, office and provider pages


def test_every_script_is_a_module_loaded_from_the_head(client, urls):
    for url in urls:
        html = client.get(url).content.decode()
        head, body = html.split("<body", 1)
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head)
        assert '<script type="module" src="/static/js/site.js">' in scripts, url
        assert all('type="module"' in tag for tag in scripts), (url, scripts)
        assert not re.search(r"<script\b[^>]*\bsrc=", body), url
        if url.split("?", 1)[0] == reverse("locations:index"):  # "Use my location"
            assert '<script type="module" src="/static/js/locations.js">' in scripts, url
